import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson, seg } from "../fetch-json";
import { invitationKeys } from "./keys";

export const cancelInvitation = (tenant: string, id: string) =>
  fetchJson<void>(`/api/v1/tenants/${seg(tenant)}/invitations/${seg(id)}`, { method: "DELETE" });

export function useCancelInvitation(tenant: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => cancelInvitation(tenant, id),
    meta: { errorTitle: "Could not cancel the invitation" },
    onSuccess: () => toast.success("Invitation canceled"),
    onSettled: () => qc.invalidateQueries({ queryKey: invitationKeys.list(tenant) }),
  });
}
