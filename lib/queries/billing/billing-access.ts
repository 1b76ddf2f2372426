import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson, seg } from "../fetch-json";
import { billingKeys } from "./keys";
import type { BillingMember } from "./types";

export const listBillingAccess = (tenant: string) => fetchJson<{ members: BillingMember[] }>(`/api/v1/tenants/${seg(tenant)}/usage/access`);

export const billingAccessQuery = (tenant: string) =>
  queryOptions({ queryKey: billingKeys.access(tenant), queryFn: () => listBillingAccess(tenant), select: (d) => d.members });

export function useBillingAccess(tenant: string, enabled: boolean) {
  return useQuery({ ...billingAccessQuery(tenant), enabled });
}

export type SetBillingAccessInput = { memberId: string; billing: boolean; email: string };

export function useSetBillingAccess(tenant: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ memberId, billing }: SetBillingAccessInput) =>
      fetchJson<{ members: BillingMember[] }>(`/api/v1/tenants/${seg(tenant)}/usage/access`, { method: "PUT", body: { memberId, billing } }),
    meta: { errorTitle: "Could not change billing access" },
    onSuccess: (_d, v) => toast.success(v.billing ? `${v.email} can now see billing` : `${v.email} can no longer see billing`),
    onSettled: () => qc.invalidateQueries({ queryKey: billingKeys.access(tenant) }),
  });
}
