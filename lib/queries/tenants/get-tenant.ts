import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson, seg } from "../fetch-json";
import type { TenantRole, TenantStatus } from "../me/get-me";
import { tenantKeys } from "./keys";

export type Tenant = { id: string; slug: string; name: string; status: TenantStatus; plan: string; createdAt: string };
export type TenantWithRole = Tenant & { role: TenantRole };

export const getTenant = (slug: string) => fetchJson<TenantWithRole>(`/api/v1/tenants/${seg(slug)}`);

export const tenantQuery = (slug: string) => queryOptions({ queryKey: tenantKeys.detail(slug), queryFn: () => getTenant(slug) });

export function useTenant(slug: string) {
  return useQuery(tenantQuery(slug));
}
