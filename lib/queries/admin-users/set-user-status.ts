import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson, seg } from "../fetch-json";
import { adminUserKeys } from "./keys";

export type SetUserStatusInput = { id: string; email: string; action: "suspend" | "resume" };

/** Suspending signs the user out everywhere and blocks their API tokens; resume undoes it. */
export const setUserStatus = ({ id, action }: SetUserStatusInput) =>
  fetchJson<unknown>(`/api/v1/admin/users/${seg(id)}/${action}`, { method: "POST" });

export function useSetUserStatus() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: setUserStatus,
    meta: { errorTitle: "Could not change the user's status" },
    onSuccess: (_d, { email, action }) => toast.success(action === "suspend" ? `${email} suspended` : `${email} resumed`),
    onSettled: () => qc.invalidateQueries({ queryKey: adminUserKeys.all }),
  });
}
