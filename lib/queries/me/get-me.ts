import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "../fetch-json";
import { meKeys } from "./keys";

export type TenantRole = "owner" | "developer" | "viewer";
export type TenantStatus = "active" | "suspended";
export type PlatformRole = "admin" | "user";

export type MeUser = { id: string; email: string; name: string; platformRole: PlatformRole };
export type MeTenant = { id: string; slug: string; name: string; status: TenantStatus; plan: string; role: TenantRole };
export type Me = { user: MeUser; tenants: MeTenant[] };

export const getMe = () => fetchJson<Me>("/api/v1/me");

export const meQuery = () => queryOptions({ queryKey: meKeys.all, queryFn: getMe });

/** The signed-in user and their tenants. Seeded by the server layouts, so usually instant. */
export function useMe() {
  return useQuery(meQuery());
}
