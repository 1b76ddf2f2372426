import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson, seg } from "../fetch-json";
import { meKeys } from "../me/keys";
import type { Tenant } from "./get-tenant";
import { tenantKeys } from "./keys";

export type UpdateTenantInput = { name: string };

export const updateTenant = (slug: string, input: UpdateTenantInput) =>
  fetchJson<Tenant>(`/api/v1/tenants/${seg(slug)}`, { method: "PATCH", body: input });

export function useUpdateTenant(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateTenantInput) => updateTenant(slug, input),
    meta: { errorTitle: "Could not rename the tenant" },
    onSuccess: async () => {
      toast.success("Tenant renamed");
      await Promise.all([qc.invalidateQueries({ queryKey: tenantKeys.detail(slug) }), qc.invalidateQueries({ queryKey: meKeys.all })]);
    },
  });
}
