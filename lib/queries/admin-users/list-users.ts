import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson, qs } from "../fetch-json";
import type { PlatformRole } from "../me/get-me";
import { adminUserKeys } from "./keys";

export type AdminUser = { id: string; email: string; name: string; platformRole: PlatformRole; banned: boolean; createdAt: string; tenants: number };

export const listAdminUsers = (q: string) => fetchJson<{ users: AdminUser[] }>(`/api/v1/admin/users${qs({ q })}`);

export const adminUsersQuery = (q: string) =>
  queryOptions({ queryKey: adminUserKeys.list(q), queryFn: () => listAdminUsers(q), select: (d) => d.users, placeholderData: keepPreviousData });

export function useAdminUsers(q: string) {
  return useQuery(adminUsersQuery(q));
}
