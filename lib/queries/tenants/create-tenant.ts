import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "../fetch-json";
import { meKeys } from "../me/keys";
import type { Tenant } from "./get-tenant";
import { tenantKeys } from "./keys";

export type CreateTenantInput = { name: string; slug: string };

export const createTenant = (input: CreateTenantInput) => fetchJson<Tenant>("/api/v1/tenants", { method: "POST", body: input });

export function useCreateTenant() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createTenant,
    meta: { errorTitle: "Could not create the tenant" },
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: meKeys.all }), qc.invalidateQueries({ queryKey: tenantKeys.all })]),
  });
}
