import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "../fetch-json";
import { functionKeys } from "./keys";
import { fnPath } from "./paths";

export type LastDeploy = { version: number; at: string; byName: string | null; byEmail: string | null };
export type FunctionSummary = {
  id: string;
  name: string;
  description: string;
  liveVersion: number | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  lastDeploy: LastDeploy | null;
  /** Summed from the runtime's metrics (0 for a function nobody called). */
  last24h: { invocations: number; errors: number };
};

export const listFunctions = (tenant: string) => fetchJson<{ functions: FunctionSummary[] }>(fnPath(tenant));

export const functionsQuery = (tenant: string) =>
  queryOptions({ queryKey: functionKeys.list(tenant), queryFn: () => listFunctions(tenant), select: (d) => d.functions });

export function useFunctions(tenant: string) {
  return useQuery(functionsQuery(tenant));
}
