import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson, qs } from "../fetch-json";
import type { TenantStatus } from "../me/get-me";
import { adminTenantKeys } from "./keys";

export type AdminTenant = { id: string; slug: string; name: string; status: TenantStatus; plan: string; createdAt: string; members: number };

export const listAdminTenants = (q: string) => fetchJson<{ tenants: AdminTenant[] }>(`/api/v1/admin/tenants${qs({ q })}`);

export const adminTenantsQuery = (q: string) =>
  queryOptions({ queryKey: adminTenantKeys.list(q), queryFn: () => listAdminTenants(q), select: (d) => d.tenants, placeholderData: keepPreviousData });

export function useAdminTenants(q: string) {
  return useQuery(adminTenantsQuery(q));
}
