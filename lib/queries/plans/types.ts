import type { listPlans } from "@/lib/services/plans/list-plans";

export type Plan = Awaited<ReturnType<typeof listPlans>>["plans"][number];
/** Everything an admin edits on a plan (all but id and the timestamps). */
export type PlanInput = Omit<Plan, "id" | "createdAt" | "updatedAt" | "tenants">;
