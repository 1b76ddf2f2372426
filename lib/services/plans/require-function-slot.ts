import { count, eq } from "drizzle-orm";
import { schema, type Tx } from "@/lib/db";
import { LimitExceeded } from "@/lib/errors";
import { planOf } from "@/lib/services/usage/tenant-usage";
import { effectiveLimits } from "./limits";

/**
 * Throws LimitExceeded (429) when the tenant already has as many functions as its plan allows.
 * Locks the tenant row first so two concurrent creates cannot both take the last slot.
 */
export async function requireFunctionSlot(tx: Tx, tenantId: string): Promise<void> {
  const [t] = await tx.select().from(schema.tenants).where(eq(schema.tenants.id, tenantId)).for("update");
  if (!t) return;
  const plan = await planOf(tx, t.plan);
  const { maxFunctions } = effectiveLimits(plan, t.limitOverrides);
  const [row] = await tx.select({ n: count() }).from(schema.functions).where(eq(schema.functions.tenantId, tenantId));
  if ((row?.n ?? 0) >= maxFunctions) {
    throw new LimitExceeded(`The ${plan.name} plan allows ${maxFunctions} functions and tenant "${t.slug}" has ${row?.n ?? 0}; delete one or change the plan.`, { limit: "functions", max: maxFunctions });
  }
}
