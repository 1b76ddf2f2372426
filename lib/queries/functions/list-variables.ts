import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "../fetch-json";
import { functionKeys } from "./keys";
import { fnPath } from "./paths";

/** A secret's value is write-only: the API never returns it, so the type has none. */
export type Variable = { name: string; secret: false; value: string; updatedAt: string; updatedBy: string | null } | { name: string; secret: true; updatedAt: string; updatedBy: string | null };

export const listVariables = (tenant: string, fn: string) => fetchJson<{ variables: Variable[] }>(fnPath(tenant, fn, "/variables"));

export const variablesQuery = (tenant: string, fn: string) =>
  queryOptions({ queryKey: functionKeys.variables(tenant, fn), queryFn: () => listVariables(tenant, fn), select: (d) => d.variables });

export function useVariables(tenant: string, fn: string) {
  return useQuery(variablesQuery(tenant, fn));
}
