import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "../fetch-json";
import { functionKeys } from "./keys";
import type { FunctionSummary } from "./list-functions";
import { fnPath } from "./paths";

export type FunctionDetail = Omit<FunctionSummary, "lastDeploy">;

export const getFunction = (tenant: string, fn: string) => fetchJson<FunctionDetail>(fnPath(tenant, fn));

export const functionQuery = (tenant: string, fn: string) => queryOptions({ queryKey: functionKeys.detail(tenant, fn), queryFn: () => getFunction(tenant, fn) });

export function useFunction(tenant: string, fn: string) {
  return useQuery(functionQuery(tenant, fn));
}
