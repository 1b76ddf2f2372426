import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson, seg } from "../fetch-json";
import type { TenantRole } from "../me/get-me";
import type { InvitationStatus } from "./list-invitations";
import { invitationKeys } from "./keys";

export type InvitationDetail = {
  id: string;
  email: string;
  role: TenantRole;
  status: InvitationStatus | (string & {});
  expiresAt: string;
  tenant: { slug: string; name: string };
  inviterEmail: string | null;
};

export const getInvitation = (id: string) => fetchJson<InvitationDetail>(`/api/v1/invitations/${seg(id)}`);

export const invitationQuery = (id: string) => queryOptions({ queryKey: invitationKeys.detail(id), queryFn: () => getInvitation(id) });

export function useInvitation(id: string) {
  return useQuery(invitationQuery(id));
}
