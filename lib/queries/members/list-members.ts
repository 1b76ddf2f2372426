import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson, seg } from "../fetch-json";
import type { TenantRole } from "../me/get-me";
import { memberKeys } from "./keys";

export type Member = { id: string; userId: string; email: string; name: string; role: TenantRole; createdAt: string };

export const listMembers = (tenant: string) => fetchJson<{ members: Member[] }>(`/api/v1/tenants/${seg(tenant)}/members`);

export const membersQuery = (tenant: string) =>
  queryOptions({ queryKey: memberKeys.list(tenant), queryFn: () => listMembers(tenant), select: (d) => d.members });

export function useMembers(tenant: string) {
  return useQuery(membersQuery(tenant));
}
