import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson, qs, seg } from "../fetch-json";
import { metricsKeys, type MetricsRange } from "./keys";
import type { Metrics } from "./types";

export type FunctionUsage = { functionId: string; name: string; requests: number; errors: number; cpuMs: number };
export type TenantMetrics = Metrics & { functions: FunctionUsage[] };

export const getTenantMetrics = (tenant: string, range: MetricsRange) => fetchJson<TenantMetrics>(`/api/v1/tenants/${seg(tenant)}/metrics${qs({ range })}`);

export const tenantMetricsQuery = (tenant: string, range: MetricsRange) =>
  queryOptions({
    queryKey: metricsKeys.tenant(tenant, range),
    queryFn: () => getTenantMetrics(tenant, range),
    refetchInterval: 10_000,
    placeholderData: keepPreviousData,
  });

export function useTenantMetrics(tenant: string, range: MetricsRange) {
  return useQuery(tenantMetricsQuery(tenant, range));
}
