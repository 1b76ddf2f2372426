import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson, seg } from "../fetch-json";
import type { TenantRole } from "../me/get-me";
import { invitationKeys } from "./keys";

export type InvitationStatus = "pending" | "accepted" | "canceled" | "rejected" | "expired";

export type Invitation = {
  id: string;
  email: string;
  role: TenantRole;
  status: InvitationStatus | (string & {});
  expiresAt: string;
  createdAt: string;
  inviterEmail: string | null;
  /** The join link; only owners receive it (it is a bearer credential for joining). */
  url: string | null;
};

export const listInvitations = (tenant: string) =>
  fetchJson<{ invitations: Invitation[] }>(`/api/v1/tenants/${seg(tenant)}/invitations`);

export const invitationsQuery = (tenant: string) =>
  queryOptions({ queryKey: invitationKeys.list(tenant), queryFn: () => listInvitations(tenant), select: (d) => d.invitations });

export function useInvitations(tenant: string, enabled = true) {
  return useQuery({ ...invitationsQuery(tenant), enabled });
}
