import { schema } from "@/lib/db";
import { Conflict } from "@/lib/errors";
import { audit, parseInput, requirePlatformAdmin, withTransaction, type Ctx } from "@/lib/services/context";
import { CreatePlanInput, planView } from "./plan-input";

/** An admin adds a custom plan; tenants move onto it with PATCH /admin/tenants/{tenant}. */
export async function createPlan({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requirePlatformAdmin(ctx);
  const data = parseInput(CreatePlanInput, input);
  return withTransaction(async (tx) => {
    const [row] = await tx.insert(schema.plans).values(data).onConflictDoNothing().returning();
    if (!row) throw new Conflict(`A plan with id "${data.id}" already exists.`);
    await audit(tx, ctx, { action: "plan.created", target: row.id, details: { ...data } });
    return planView(row, 0);
  });
}
