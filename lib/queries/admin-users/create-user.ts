import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson } from "../fetch-json";
import type { PlatformRole } from "../me/get-me";
import type { AdminUser } from "./list-users";
import { adminUserKeys } from "./keys";

export type AdminCreateUserInput = { name: string; email: string; password: string; platformRole?: PlatformRole };

export const adminCreateUser = (input: AdminCreateUserInput) =>
  fetchJson<AdminUser>("/api/v1/admin/users", { method: "POST", body: input });

export function useAdminCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: adminCreateUser,
    meta: { errorTitle: "Could not create the user" },
    onSuccess: (_u, input) => {
      toast.success(`User ${input.email} created`);
      return qc.invalidateQueries({ queryKey: adminUserKeys.all });
    },
  });
}
