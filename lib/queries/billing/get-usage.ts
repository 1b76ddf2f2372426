import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson, qs, seg } from "../fetch-json";
import { billingKeys } from "./keys";
import type { Usage } from "./types";

export const getUsage = (tenant: string, period: string) => fetchJson<Usage>(`/api/v1/tenants/${seg(tenant)}/usage${qs({ period })}`);

export const usageQuery = (tenant: string, period: string) =>
  queryOptions({ queryKey: billingKeys.usage(tenant, period), queryFn: () => getUsage(tenant, period), placeholderData: keepPreviousData, refetchInterval: period === "current" ? 30_000 : false });

export function useUsage(tenant: string, period: string) {
  return useQuery(usageQuery(tenant, period));
}

/** Where the CSV export of a period downloads from (a plain link: the browser sends the cookie). */
export const usageCsvUrl = (tenant: string, period: string) => `/api/v1/tenants/${seg(tenant)}/usage/export${qs({ period })}`;
