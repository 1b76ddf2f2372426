import { count, eq } from "drizzle-orm";
import { schema, type Tx } from "@/lib/db";
import { LimitExceeded } from "@/lib/errors";
import { planOf } from "@/lib/services/usage/tenant-usage";
import { effectiveLimits } from "./limits";

/** Throws LimitExceeded (429) when the tenant already has as many domains as its plan allows. */
export async function requireDomainSlot(tx: Tx, tenantId: string): Promise<void> {
  const [t] = await tx.select().from(schema.tenants).where(eq(schema.tenants.id, tenantId)).for("update");
  if (!t) return;
  const plan = await planOf(tx, t.plan);
  const { maxDomains } = effectiveLimits(plan, t.limitOverrides);
  const [row] = await tx.select({ n: count() }).from(schema.domains).where(eq(schema.domains.tenantId, tenantId));
  if ((row?.n ?? 0) >= maxDomains) {
    throw new LimitExceeded(`The ${plan.name} plan allows ${maxDomains} domains and tenant "${t.slug}" has ${row?.n ?? 0}; remove one or change the plan.`, { limit: "domains", max: maxDomains });
  }
}
