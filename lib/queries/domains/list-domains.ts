import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "../fetch-json";
import { domainKeys, domainsPath } from "./keys";
import type { DomainView } from "./types";

export const listDomains = (tenant: string) => fetchJson<{ domains: DomainView[] }>(domainsPath(tenant));

export const domainsQuery = (tenant: string) => queryOptions({ queryKey: domainKeys.list(tenant), queryFn: () => listDomains(tenant), select: (d) => d.domains });

export function useDomains(tenant: string) {
  return useQuery(domainsQuery(tenant));
}
