import { and, eq, lt } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { effectiveLimits } from "./limits";

/** Deletes each tenant's function logs older than its plan's (or override's) retention. */
export async function applyLogRetention(now = new Date()): Promise<number> {
  const db = await getDb();
  const plans = new Map((await db.select().from(schema.plans)).map((p) => [p.id, p]));
  const tenants = await db.select({ id: schema.tenants.id, plan: schema.tenants.plan, limitOverrides: schema.tenants.limitOverrides }).from(schema.tenants);
  let deleted = 0;
  for (const t of tenants) {
    const plan = plans.get(t.plan) ?? plans.get("free");
    if (!plan) continue;
    const cutoff = new Date(now.getTime() - effectiveLimits(plan, t.limitOverrides).logRetentionDays * 86_400_000);
    const gone = await db
      .delete(schema.functionLogs)
      .where(and(eq(schema.functionLogs.tenantId, t.id), lt(schema.functionLogs.at, cutoff)))
      .returning({ id: schema.functionLogs.id });
    deleted += gone.length;
  }
  return deleted;
}
