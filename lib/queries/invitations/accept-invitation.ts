import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson, seg } from "../fetch-json";
import type { TenantRole } from "../me/get-me";
import { meKeys } from "../me/keys";
import { invitationKeys } from "./keys";

export type AcceptInvitationResult = { tenant: { slug: string; name: string }; role: TenantRole };

export const acceptInvitation = (id: string) =>
  fetchJson<AcceptInvitationResult>(`/api/v1/invitations/${seg(id)}/accept`, { method: "POST" });

export function useAcceptInvitation(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => acceptInvitation(id),
    meta: { errorTitle: "Could not accept the invitation" },
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: meKeys.all }), qc.invalidateQueries({ queryKey: invitationKeys.detail(id) })]),
  });
}
