import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { adminTenantKeys } from "../admin-tenants/keys";
import { fetchJson, seg } from "../fetch-json";
import { planKeys } from "./keys";
import type { Plan, PlanInput } from "./types";

export type SavePlanInput = { id: string; create: boolean; plan: PlanInput };

/** Creates a plan (POST) or saves changes to one (PATCH). */
export const savePlan = ({ id, create, plan }: SavePlanInput) =>
  create ? fetchJson<Plan>("/api/v1/admin/plans", { method: "POST", body: { id, ...plan } }) : fetchJson<Plan>(`/api/v1/admin/plans/${seg(id)}`, { method: "PATCH", body: plan });

export function useSavePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: savePlan,
    meta: { errorTitle: "Could not save the plan" },
    onSuccess: (p, v) => toast.success(v.create ? `Plan ${p.name} created` : `Plan ${p.name} saved; tenants on it have the new limits`),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: planKeys.all }), qc.invalidateQueries({ queryKey: adminTenantKeys.all })]),
  });
}
