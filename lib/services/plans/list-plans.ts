import { asc, count, eq } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { requirePlatformAdmin, type Ctx } from "@/lib/services/context";
import { planView } from "./plan-input";

/** Every plan, cheapest first, with how many tenants are on it. */
export async function listPlans({ ctx }: { ctx: Ctx }) {
  requirePlatformAdmin(ctx);
  const db = await getDb();
  const p = schema.plans;
  const rows = await db
    .select({ plan: p, tenants: count(schema.tenants.id) })
    .from(p)
    .leftJoin(schema.tenants, eq(schema.tenants.plan, p.id))
    .groupBy(p.id)
    .orderBy(asc(p.monthlyPriceMinor), asc(p.id));
  return { plans: rows.map((r) => planView(r.plan, r.tenants)) };
}
