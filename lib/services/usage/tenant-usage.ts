import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/lib/db";
import type { LimitOverrides } from "@/drizzle/schema";
import { cpuMsOf, priceUsage } from "@/lib/services/billing/price";
import { effectiveLimits, type EffectiveLimits, type Plan } from "@/lib/services/plans/limits";
import { daysOf, type Period } from "./period";

type Reader = Db | Tx;
export type TenantBilling = { id: string; plan: string; limitOverrides: LimitOverrides | null };

export async function planOf(db: Reader, planId: string): Promise<Plan> {
  const [plan] = await db.select().from(schema.plans).where(eq(schema.plans.id, planId));
  if (plan) return plan;
  // A tenant whose plan id is unknown is billed as Free (the migration moved such tenants there).
  const [free] = await db.select().from(schema.plans).where(eq(schema.plans.id, "free"));
  if (!free) throw new Error("the free plan is missing");
  return free;
}

const dayStr = (d: Date) => d.toISOString().slice(0, 10);

/** The daily metered totals of one tenant within a period (days without traffic are zero). */
export async function dailyUsage(db: Reader, tenantId: string, p: Period) {
  const u = schema.usageDaily;
  const rows = await db
    .select({ day: u.day, requests: u.requests, cpuUs: u.cpuUs })
    .from(u)
    .where(and(eq(u.tenantId, tenantId), gte(u.day, dayStr(p.start)), lt(u.day, dayStr(p.end))))
    .orderBy(asc(u.day));
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return daysOf(p).map((day) => ({ day, requests: Number(byDay.get(day)?.requests ?? 0), cpuUs: Number(byDay.get(day)?.cpuUs ?? 0) }));
}

/** Totals per tenant for a period, for the admin table (one query for all tenants). */
export async function usageByTenant(db: Reader, p: Period): Promise<Map<string, { requests: number; cpuUs: number }>> {
  const u = schema.usageDaily;
  const rows = await db
    .select({ tenantId: u.tenantId, requests: sql<string>`sum(${u.requests})`, cpuUs: sql<string>`sum(${u.cpuUs})` })
    .from(u)
    .where(and(gte(u.day, dayStr(p.start)), lt(u.day, dayStr(p.end))))
    .groupBy(u.tenantId);
  return new Map(rows.map((r) => [r.tenantId, { requests: Number(r.requests), cpuUs: Number(r.cpuUs) }]));
}

export type UsageSummary = ReturnType<typeof summarize>;

/**
 * A tenant's usage in a period against its allowance, priced; `now` inside the period also gives
 * the projection at the current rate (usage so far, scaled to the whole period).
 */
export function summarize(plan: Plan, limits: EffectiveLimits, p: Period, daily: { day: string; requests: number; cpuUs: number }[], now: Date) {
  const requests = daily.reduce((s, d) => s + d.requests, 0);
  const cpuUs = daily.reduce((s, d) => s + d.cpuUs, 0);
  const priced = priceUsage(plan, limits, { requests, cpuUs });
  const length = p.end.getTime() - p.start.getTime();
  const elapsed = Math.min(Math.max(now.getTime() - p.start.getTime(), 0), length);
  const open = elapsed < length;
  // Scaling a count is not money: the projected usage is rounded to whole units, then priced.
  const scale = elapsed > 0 ? length / elapsed : 0;
  const projected = open && elapsed > 0 ? priceUsage(plan, limits, { requests: Math.round(requests * scale), cpuUs: Math.round(cpuUs * scale) }) : priced;
  return {
    period: p.id,
    periodStart: p.start.toISOString(),
    periodEnd: p.end.toISOString(),
    open,
    requests,
    cpuMs: cpuMsOf(cpuUs),
    cpuUs,
    costMinor: priced.totalMinor,
    usageCostMinor: priced.usageMinor,
    projectedCostMinor: projected.totalMinor,
    currency: plan.currency,
    plan: { id: plan.id, name: plan.name, monthlyPriceMinor: plan.monthlyPriceMinor, overage: plan.overage, pricePerMillionRequestsMinor: plan.pricePerMillionRequestsMinor, pricePerMillionCpuMsMinor: plan.pricePerMillionCpuMsMinor },
    included: { requests: limits.includedRequests, cpuMs: limits.includedCpuMs },
    limits,
    lines: priced.lines,
    daily: daily.map((d) => ({ day: d.day, requests: d.requests, cpuMs: cpuMsOf(d.cpuUs) })),
  };
}

/** Loads and summarises one tenant's period. */
export async function tenantUsage(db: Reader, t: TenantBilling, p: Period, now: Date) {
  const plan = await planOf(db, t.plan);
  return summarize(plan, effectiveLimits(plan, t.limitOverrides), p, await dailyUsage(db, t.id, p), now);
}
