import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson, seg } from "../fetch-json";
import { meKeys } from "../me/keys";
import { tenantKeys } from "../tenants/keys";
import { adminTenantKeys } from "./keys";

export type SetTenantStatusInput = { slug: string; action: "suspend" | "resume" };

/** Suspend stops the tenant's functions and freezes changes; resume undoes it. */
export const setTenantStatus = ({ slug, action }: SetTenantStatusInput) =>
  fetchJson<unknown>(`/api/v1/admin/tenants/${seg(slug)}/${action}`, { method: "POST" });

export function useSetTenantStatus() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: setTenantStatus,
    meta: { errorTitle: "Could not change the tenant's status" },
    onSuccess: (_d, { slug, action }) => toast.success(action === "suspend" ? `Tenant ${slug} suspended` : `Tenant ${slug} resumed`),
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: adminTenantKeys.all }),
        qc.invalidateQueries({ queryKey: tenantKeys.all }),
        qc.invalidateQueries({ queryKey: meKeys.all }),
      ]),
  });
}
