import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson, seg } from "../fetch-json";
import { memberKeys } from "./keys";

export const removeMember = (tenant: string, memberId: string) =>
  fetchJson<void>(`/api/v1/tenants/${seg(tenant)}/members/${seg(memberId)}`, { method: "DELETE" });

export function useRemoveMember(tenant: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) => removeMember(tenant, memberId),
    meta: { errorTitle: "Could not remove the member" },
    onSuccess: () => toast.success("Member removed"),
    onSettled: () => qc.invalidateQueries({ queryKey: memberKeys.list(tenant) }),
  });
}
