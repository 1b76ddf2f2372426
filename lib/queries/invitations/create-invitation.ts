import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson, seg } from "../fetch-json";
import type { TenantRole } from "../me/get-me";
import type { Invitation } from "./list-invitations";
import { invitationKeys } from "./keys";

export type CreateInvitationInput = { email: string; role: TenantRole };
/** The creator always receives the link, since there is no mail server to send it. */
export type CreatedInvitation = Invitation & { url: string };

export const createInvitation = (tenant: string, input: CreateInvitationInput) =>
  fetchJson<CreatedInvitation>(`/api/v1/tenants/${seg(tenant)}/invitations`, { method: "POST", body: input });

export function useCreateInvitation(tenant: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateInvitationInput) => createInvitation(tenant, input),
    meta: { errorTitle: "Could not create the invitation" },
    onSuccess: () => qc.invalidateQueries({ queryKey: invitationKeys.list(tenant) }),
  });
}
