import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson, seg } from "../fetch-json";
import type { TenantRole } from "../me/get-me";
import { meKeys } from "../me/keys";
import type { Member } from "./list-members";
import { memberKeys } from "./keys";

export type UpdateMemberRoleInput = { memberId: string; role: TenantRole };

export const updateMemberRole = (tenant: string, { memberId, role }: UpdateMemberRoleInput) =>
  fetchJson<Member>(`/api/v1/tenants/${seg(tenant)}/members/${seg(memberId)}`, { method: "PATCH", body: { role } });

export function useUpdateMemberRole(tenant: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateMemberRoleInput) => updateMemberRole(tenant, input),
    meta: { errorTitle: "Could not change the role" },
    onSuccess: (_data, input) => toast.success(`Role changed to ${input.role}`),
    // The caller may have changed their own role, which changes what the console shows them.
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: memberKeys.list(tenant) }), qc.invalidateQueries({ queryKey: meKeys.all })]),
  });
}
