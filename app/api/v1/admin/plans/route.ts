import { authedRoute } from "@/lib/http/handler";
import { ValidationError } from "@/lib/errors";
import { createPlan } from "@/lib/services/plans/create-plan";
import { listPlans } from "@/lib/services/plans/list-plans";
import { updatePlan } from "@/lib/services/plans/update-plan";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async ({ ctx }) => listPlans({ ctx }));
export const POST = authedRoute(async ({ ctx, body }) => Response.json(await createPlan({ ctx, input: await body() }), { status: 201 }));
/** PATCH /admin/plans with `{ id, ...changes }`; the same as PATCH /admin/plans/{id}. */
export const PATCH = authedRoute(async ({ ctx, body }) => {
  const raw = await body();
  const { id, ...changes } = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  if (typeof id !== "string" || !id) throw new ValidationError("id: is required", [{ path: "id", message: "is required" }]);
  return updatePlan({ ctx, input: { id, body: changes } });
});
