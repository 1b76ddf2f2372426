import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson, seg } from "../fetch-json";
import { adminTenantKeys } from "../admin-tenants/keys";
import { adminUserKeys } from "./keys";

export type DeleteUserInput = { id: string; email: string };

export const adminDeleteUser = ({ id }: DeleteUserInput) => fetchJson<void>(`/api/v1/admin/users/${seg(id)}`, { method: "DELETE" });

export function useAdminDeleteUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: adminDeleteUser,
    meta: { errorTitle: "Could not delete the user" },
    onSuccess: (_d, { email }) => toast.success(`${email} deleted`),
    // Member counts of tenants change too.
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: adminUserKeys.all }), qc.invalidateQueries({ queryKey: adminTenantKeys.all })]),
  });
}
