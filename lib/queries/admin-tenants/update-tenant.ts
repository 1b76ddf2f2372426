import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import type { LimitOverrides } from "@/drizzle/schema";
import { fetchJson, seg } from "../fetch-json";
import type { AdminTenantDetail } from "./get-tenant";
import { adminTenantKeys } from "./keys";

export type UpdateTenantInput = { slug: string; plan?: string; limits?: LimitOverrides };

export const updateAdminTenant = ({ slug, ...body }: UpdateTenantInput) => fetchJson<AdminTenantDetail>(`/api/v1/admin/tenants/${seg(slug)}`, { method: "PATCH", body });

export function useUpdateAdminTenant() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: updateAdminTenant,
    meta: { errorTitle: "Could not update the tenant" },
    onSuccess: (d, v) => {
      qc.setQueryData(adminTenantKeys.detail(v.slug), d);
      toast.success(v.plan ? `${v.slug} is now on the ${d.usage.plan.name} plan` : `Limits of ${v.slug} saved`);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: adminTenantKeys.all }),
  });
}
