import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson, qs } from "../fetch-json";
import { fnPath } from "../functions/paths";
import { metricsKeys, type MetricsRange } from "./keys";
import type { Metrics } from "./types";

export const getFunctionMetrics = (tenant: string, fn: string, range: MetricsRange, version?: number) =>
  fetchJson<Metrics>(fnPath(tenant, fn, `/metrics${qs({ range, version })}`));

export const functionMetricsQuery = (tenant: string, fn: string, range: MetricsRange, version?: number) =>
  queryOptions({
    queryKey: metricsKeys.fn(tenant, fn, range, version),
    queryFn: () => getFunctionMetrics(tenant, fn, range, version),
    // Runtime nodes flush about every second; keep the old chart on screen while a new range loads.
    refetchInterval: 10_000,
    placeholderData: keepPreviousData,
  });

export function useFunctionMetrics(tenant: string, fn: string, range: MetricsRange, version?: number) {
  return useQuery(functionMetricsQuery(tenant, fn, range, version));
}
