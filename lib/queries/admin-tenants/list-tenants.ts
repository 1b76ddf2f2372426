import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { adminListTenants } from "@/lib/services/admin/list-tenants";
import { fetchJson, qs } from "../fetch-json";
import { adminTenantKeys, type AdminTenantFilters } from "./keys";

type Listed = Awaited<ReturnType<typeof adminListTenants>>;
// Dates arrive as ISO strings over JSON.
export type AdminTenant = Omit<Listed["tenants"][number], "createdAt"> & { createdAt: string };

export const listAdminTenants = (f: AdminTenantFilters) => fetchJson<{ period: string; tenants: AdminTenant[] }>(`/api/v1/admin/tenants${qs(f)}`);

export const adminTenantsQuery = (f: AdminTenantFilters) =>
  queryOptions({ queryKey: adminTenantKeys.list(f), queryFn: () => listAdminTenants(f), placeholderData: keepPreviousData });

export function useAdminTenants(f: AdminTenantFilters) {
  return useQuery(adminTenantsQuery(f));
}
