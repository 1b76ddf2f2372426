import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { getAdminOverview } from "@/lib/services/metrics/get-admin-overview";
import { fetchJson, qs } from "../fetch-json";
import type { MetricsRange } from "../metrics/keys";
import { adminOverviewKeys } from "./keys";

/** The service's answer as JSON: dates arrive as ISO strings. */
type Raw = Awaited<ReturnType<typeof getAdminOverview>>;
export type AdminOverview = Omit<Raw, "nodes"> & { nodes: (Omit<Raw["nodes"][number], "startedAt" | "lastHeartbeatAt"> & { startedAt: string; lastHeartbeatAt: string })[] };
export type { TopFunction, NodeHealth } from "@/lib/services/metrics/get-admin-overview";

export const getOverview = (range: MetricsRange) => fetchJson<AdminOverview>(`/api/v1/admin/overview${qs({ range })}`);

export const adminOverviewQuery = (range: MetricsRange) =>
  queryOptions({ queryKey: adminOverviewKeys.get(range), queryFn: () => getOverview(range), refetchInterval: 10_000, placeholderData: keepPreviousData });

export function useAdminOverview(range: MetricsRange) {
  return useQuery(adminOverviewQuery(range));
}
