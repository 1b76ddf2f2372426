import { eq, inArray, isNotNull } from "drizzle-orm";
import { schema, type Tx } from "@/lib/db";
import type { QuotaBlock } from "@/drizzle/schema";
import { effectiveLimits } from "@/lib/services/plans/limits";
import { appendChange, tenantState } from "@/lib/services/runtime/append-change";
import { periodOf } from "./period";
import { tenantUsage, type UsageSummary } from "./tenant-usage";

const fmt = (n: number) => n.toLocaleString("en-US");
const money = (minor: number, currency: string) => `${(minor / 100).toFixed(2)} ${currency}`;

/**
 * The quota a tenant has used up in its current period, if any: a plan without overage (Free)
 * stops at its included requests or CPU-ms; any plan stops at its spend cap.
 */
export function quotaBlock(s: UsageSummary): QuotaBlock | null {
  const until = `Upgrade the plan or wait for the next period (${s.periodEnd.slice(0, 10)}).`;
  if (!s.plan.overage && s.requests >= s.included.requests) {
    return { quota: "included_requests", message: `Monthly request quota used up: the ${s.plan.name} plan includes ${fmt(s.included.requests)} requests and ${fmt(s.requests)} were served. ${until}` };
  }
  if (!s.plan.overage && s.cpuUs >= s.included.cpuMs * 1000) {
    return { quota: "included_cpu_ms", message: `Monthly CPU quota used up: the ${s.plan.name} plan includes ${fmt(s.included.cpuMs)} CPU-ms and ${fmt(Math.floor(s.cpuMs))} were used. ${until}` };
  }
  const cap = s.limits.spendCapMinor;
  if (cap !== null && s.usageCostMinor >= cap) {
    return { quota: "spend_cap", message: `Monthly spend cap reached: usage charges are ${money(s.usageCostMinor, s.currency)} of a ${money(cap, s.currency)} cap. Raise the cap or wait for the next period (${s.periodEnd.slice(0, 10)}).` };
  }
  return null;
}

export type QuotaWarning = { quota: "included_requests" | "included_cpu_ms" | "spend_cap"; percent: number; level: 80 | 100; message: string };

/** What the console tells owners: each allowance at 80 % or more of its size. */
export function quotaWarnings(s: UsageSummary): QuotaWarning[] {
  const out: QuotaWarning[] = [];
  const check = (quota: QuotaWarning["quota"], used: number, of: number | null, what: string) => {
    if (of === null) return;
    const percent = of === 0 ? 100 : (used / of) * 100;
    if (percent < 80) return;
    const level = percent >= 100 ? 100 : 80;
    const after = quota === "spend_cap" || !s.plan.overage ? "functions answer 429 until the next period" : "further usage is billed at the plan's rates";
    out.push({ quota, percent: Math.floor(percent), level, message: level === 100 ? `${what}: 100 % used; ${after}.` : `${what}: ${Math.floor(percent)} % used; at 100 % ${after}.` });
  };
  check("included_requests", s.requests, s.included.requests, "Included requests");
  check("included_cpu_ms", s.cpuUs, s.included.cpuMs * 1000, "Included CPU time");
  check("spend_cap", s.usageCostMinor, s.limits.spendCapMinor, "Spend cap");
  return out;
}

/**
 * Recomputes the quota block of the given tenants (all tenants currently blocked when `ids` is
 * "blocked") and, where it changed, stores it and tells the runtime in the same transaction.
 */
export async function refreshQuotas(tx: Tx, ids: string[] | "blocked", now = new Date()): Promise<number> {
  const t = schema.tenants;
  const rows = ids === "blocked" ? await tx.select().from(t).where(isNotNull(t.quotaBlock)) : ids.length ? await tx.select().from(t).where(inArray(t.id, ids)) : [];
  const plans = new Map((await tx.select().from(schema.plans)).map((p) => [p.id, p]));
  let changed = 0;
  for (const row of rows) {
    // Most paid tenants have no quota to reach: skip reading their usage on every metrics flush.
    const plan = plans.get(row.plan) ?? plans.get("free");
    if (!row.quotaBlock && plan?.overage && effectiveLimits(plan, row.limitOverrides).spendCapMinor === null) continue;
    const summary = await tenantUsage(tx, row, periodOf(now), now);
    const block = quotaBlock(summary);
    if (JSON.stringify(block) === JSON.stringify(row.quotaBlock ?? null)) continue;
    const [updated] = await tx.update(t).set({ quotaBlock: block }).where(eq(t.id, row.id)).returning();
    await appendChange(tx, { kind: "tenant.upserted", tenant: tenantState(updated!, plans.get(updated!.plan)) }, row.id);
    changed++;
  }
  return changed;
}

/** Re-sends a tenant's state after its plan, overrides or plan definition changed. */
export async function publishTenant(tx: Tx, tenantId: string, now = new Date()): Promise<void> {
  const t = schema.tenants;
  const [row] = await tx.select().from(t).where(eq(t.id, tenantId));
  if (!row) return;
  const block = quotaBlock(await tenantUsage(tx, row, periodOf(now), now));
  const [updated] = await tx.update(t).set({ quotaBlock: block }).where(eq(t.id, row.id)).returning();
  const [plan] = await tx.select().from(schema.plans).where(eq(schema.plans.id, updated!.plan));
  await appendChange(tx, { kind: "tenant.upserted", tenant: tenantState(updated!, plan) }, row.id);
}
