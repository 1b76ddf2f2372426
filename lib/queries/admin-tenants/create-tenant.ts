import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson } from "../fetch-json";
import type { Tenant } from "../tenants/get-tenant";
import { adminTenantKeys } from "./keys";

export type AdminCreateTenantInput = { name: string; slug: string; ownerEmail: string; plan?: string };

export const adminCreateTenant = (input: AdminCreateTenantInput) =>
  fetchJson<Tenant>("/api/v1/admin/tenants", { method: "POST", body: input });

export function useAdminCreateTenant() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: adminCreateTenant,
    meta: { errorTitle: "Could not create the tenant" },
    onSuccess: (t) => {
      toast.success(`Tenant ${t.slug} created`);
      return qc.invalidateQueries({ queryKey: adminTenantKeys.all });
    },
  });
}
