import { authedRoute } from "@/lib/http/handler";
import { updatePlan } from "@/lib/services/plans/update-plan";

export const dynamic = "force-dynamic";

export const PATCH = authedRoute<{ plan: string }>(async ({ ctx, params, body }) => updatePlan({ ctx, input: { id: params.plan, body: await body() } }));
