import { eq } from "drizzle-orm";
import { schema } from "@/lib/db";
import { NotFound, ValidationError } from "@/lib/errors";
import { audit, parseInput, requirePlatformAdmin, withTransaction, type Ctx } from "@/lib/services/context";
import { publishTenant } from "@/lib/services/usage/quota";
import { planView, UpdatePlanInput } from "./plan-input";

/**
 * Changes a plan. Every tenant on it gets its new effective limits (and quota state) through the
 * change feed in the same transaction, so the runtime applies them on the next request.
 */
export async function updatePlan({ ctx, input }: { ctx: Ctx; input: { id: string; body: unknown } }) {
  requirePlatformAdmin(ctx);
  const data = parseInput(UpdatePlanInput, input.body);
  if (Object.keys(data).length === 0) throw new ValidationError("(body): change at least one field", [{ path: "(body)", message: "change at least one field" }]);
  return withTransaction(async (tx) => {
    const [row] = await tx.update(schema.plans).set({ ...data, updatedAt: new Date() }).where(eq(schema.plans.id, input.id)).returning();
    if (!row) throw new NotFound(`Plan "${input.id}"`);
    const onPlan = await tx.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.plan, row.id));
    for (const t of onPlan) await publishTenant(tx, t.id);
    await audit(tx, ctx, { action: "plan.updated", target: row.id, details: { ...data } });
    return planView(row, onPlan.length);
  });
}
