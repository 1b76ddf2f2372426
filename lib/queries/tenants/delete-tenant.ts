import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson, seg } from "../fetch-json";
import { meKeys } from "../me/keys";
import { tenantKeys } from "./keys";

export const deleteTenant = (slug: string) => fetchJson<void>(`/api/v1/tenants/${seg(slug)}`, { method: "DELETE" });

export function useDeleteTenant(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => deleteTenant(slug),
    meta: { errorTitle: "Could not delete the tenant" },
    onSuccess: () => {
      qc.removeQueries({ queryKey: tenantKeys.detail(slug) });
      return qc.invalidateQueries({ queryKey: meKeys.all });
    },
  });
}
