import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson, seg } from "../fetch-json";
import { meKeys } from "../me/keys";
import { adminTenantKeys } from "./keys";

export const adminDeleteTenant = (slug: string) => fetchJson<void>(`/api/v1/admin/tenants/${seg(slug)}`, { method: "DELETE" });

export function useAdminDeleteTenant() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: adminDeleteTenant,
    meta: { errorTitle: "Could not delete the tenant" },
    onSuccess: (_d, slug) => toast.success(`Tenant ${slug} deleted`),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: adminTenantKeys.all }), qc.invalidateQueries({ queryKey: meKeys.all })]),
  });
}
