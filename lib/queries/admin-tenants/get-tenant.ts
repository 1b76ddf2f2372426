import { queryOptions, useQuery } from "@tanstack/react-query";
import type { adminTenantDetail } from "@/lib/services/admin/get-tenant";
import { fetchJson, seg } from "../fetch-json";
import { adminTenantKeys } from "./keys";

/** JSON turns the service's Dates into strings. */
type Jsonified<T> = T extends Date ? string : T extends (infer U)[] ? Jsonified<U>[] : T extends object ? { [K in keyof T]: Jsonified<T[K]> } : T;
export type AdminTenantDetail = Jsonified<Awaited<ReturnType<typeof adminTenantDetail>>>;

export const getAdminTenant = (slug: string) => fetchJson<AdminTenantDetail>(`/api/v1/admin/tenants/${seg(slug)}`);

export const adminTenantQuery = (slug: string) => queryOptions({ queryKey: adminTenantKeys.detail(slug), queryFn: () => getAdminTenant(slug), refetchInterval: 15_000 });

export function useAdminTenant(slug: string) {
  return useQuery(adminTenantQuery(slug));
}
