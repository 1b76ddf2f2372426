import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson, seg } from "../fetch-json";
import { tokenKeys } from "./keys";

export const revokeToken = (id: string) => fetchJson<void>(`/api/v1/tokens/${seg(id)}`, { method: "DELETE" });

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: revokeToken,
    meta: { errorTitle: "Could not revoke the token" },
    onSuccess: () => toast.success("Token revoked"),
    onSettled: () => qc.invalidateQueries({ queryKey: tokenKeys.list() }),
  });
}
