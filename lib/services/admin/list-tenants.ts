import { desc, eq, ilike, or, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, schema } from "@/lib/db";
import { parseInput, requirePlatformAdmin, type Ctx } from "@/lib/services/context";
import { priceUsage } from "@/lib/services/billing/price";
import { effectiveLimits } from "@/lib/services/plans/limits";
import { periodOf } from "@/lib/services/usage/period";
import { usageByTenant } from "@/lib/services/usage/tenant-usage";

const SORTS = ["created", "name", "slug", "plan", "status", "requests", "cpu", "cost"] as const;
const ListInput = z.object({
  q: z.string().trim().max(100).nullish(),
  sort: z.enum(SORTS, { error: `must be one of ${SORTS.join(", ")}` }).nullish(),
  order: z.enum(["asc", "desc"], { error: "must be asc or desc" }).nullish(),
  plan: z.string().max(40).nullish(),
  status: z.enum(["active", "suspended"], { error: "must be active or suspended" }).nullish(),
});

/** Tenants with this period's usage and cost, searchable and sortable (admin table). */
export async function adminListTenants({ ctx, input, now = new Date() }: { ctx: Ctx; input: unknown; now?: Date }) {
  requirePlatformAdmin(ctx);
  const data = parseInput(ListInput, input);
  const db = await getDb();
  const t = schema.tenants;
  const q = data.q?.trim();
  const where = q ? or(ilike(t.name, `%${q}%`), ilike(t.slug, `%${q}%`)) : undefined;
  const rows = await db
    .select({ id: t.id, slug: t.slug, name: t.name, status: t.status, plan: t.plan, limitOverrides: t.limitOverrides, quotaBlock: t.quotaBlock, createdAt: t.createdAt, members: sql<number>`count(${schema.members.id})::int` })
    .from(t)
    .leftJoin(schema.members, eq(schema.members.organizationId, t.id))
    .where(where)
    .groupBy(t.id)
    .orderBy(desc(t.createdAt))
    .limit(500);
  const period = periodOf(now);
  const usage = await usageByTenant(db, period);
  const plans = new Map((await db.select().from(schema.plans)).map((p) => [p.id, p]));
  let tenants = rows.map(({ limitOverrides, quotaBlock, ...r }) => {
    const plan = plans.get(r.plan) ?? plans.get("free")!;
    const used = usage.get(r.id) ?? { requests: 0, cpuUs: 0 };
    const priced = priceUsage(plan, effectiveLimits(plan, limitOverrides), used);
    return { ...r, planName: plan.name, quota: quotaBlock?.quota ?? null, requests: used.requests, cpuMs: used.cpuUs / 1000, costMinor: priced.totalMinor, currency: plan.currency };
  });
  if (data.plan) tenants = tenants.filter((x) => x.plan === data.plan);
  if (data.status) tenants = tenants.filter((x) => x.status === data.status);
  const sort = data.sort ?? "created";
  const key = (x: (typeof tenants)[number]): string | number =>
    ({ created: x.createdAt.getTime(), name: x.name.toLowerCase(), slug: x.slug, plan: x.plan, status: x.status, requests: x.requests, cpu: x.cpuMs, cost: x.costMinor })[sort];
  const dir = (data.order ?? (sort === "name" || sort === "slug" || sort === "plan" || sort === "status" ? "asc" : "desc")) === "asc" ? 1 : -1;
  tenants.sort((a, b) => (key(a) < key(b) ? -dir : key(a) > key(b) ? dir : 0));
  return { period: period.id, tenants };
}
