import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "../fetch-json";
import { planKeys } from "./keys";
import type { Plan } from "./types";

export const listPlans = () => fetchJson<{ plans: Plan[] }>("/api/v1/admin/plans");

export const plansQuery = () => queryOptions({ queryKey: planKeys.list(), queryFn: listPlans, select: (d) => d.plans });

export function usePlans() {
  return useQuery(plansQuery());
}
