import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { audit, withTransaction } from "@/lib/services/context";
import { effectiveLimits } from "@/lib/services/plans/limits";
import { periodOf, previousPeriod, type Period } from "@/lib/services/usage/period";
import { dailyUsage, planOf } from "@/lib/services/usage/tenant-usage";
import { priceUsage } from "./price";

/** Rollups of a minute can reach the console a little after it (flush interval, retries). */
export const CLOSE_GRACE_MS = 15 * 60_000;

/** Closed periods a tenant may be invoiced for: from the month it was created to the last closed one. */
function closable(createdAt: Date, now: Date, graceMs: number): Period[] {
  const last = previousPeriod(periodOf(new Date(now.getTime() - graceMs)));
  const first = periodOf(createdAt);
  const out: Period[] = [];
  for (let p = last; p.start.getTime() >= first.start.getTime(); p = previousPeriod(p)) out.push(p);
  return out.reverse();
}

/**
 * Writes one invoice per tenant per closed period that has none yet. Idempotent: the unique
 * (tenant, period) index means a period is invoiced once however often this runs, concurrently
 * or after a restart; an invoice is never changed afterwards. Amounts are exactly the metered
 * usage of the period priced under the tenant's plan and overrides at closing time.
 */
export async function closePeriods({ now = new Date(), graceMs = CLOSE_GRACE_MS }: { now?: Date; graceMs?: number } = {}): Promise<{ created: number }> {
  const db = await getDb();
  const tenants = await db.select().from(schema.tenants);
  let created = 0;
  for (const t of tenants) {
    const existing = new Set((await db.select({ period: schema.invoices.period }).from(schema.invoices).where(eq(schema.invoices.tenantId, t.id))).map((r) => r.period));
    for (const p of closable(t.createdAt, now, graceMs)) {
      if (existing.has(p.id)) continue;
      const made = await withTransaction(async (tx) => {
        const plan = await planOf(tx, t.plan);
        const daily = await dailyUsage(tx, t.id, p);
        const requests = daily.reduce((s, d) => s + d.requests, 0);
        const cpuUs = daily.reduce((s, d) => s + d.cpuUs, 0);
        const priced = priceUsage(plan, effectiveLimits(plan, t.limitOverrides), { requests, cpuUs });
        const [row] = await tx
          .insert(schema.invoices)
          .values({ id: crypto.randomUUID(), tenantId: t.id, period: p.id, periodStart: p.start, periodEnd: p.end, planId: plan.id, planName: plan.name, currency: plan.currency, requests, cpuUs, lines: priced.lines, totalMinor: priced.totalMinor })
          .onConflictDoNothing()
          .returning({ id: schema.invoices.id });
        if (row) await audit(tx, null, { action: "invoice.created", tenantId: t.id, target: p.id, details: { invoiceId: row.id, totalMinor: priced.totalMinor, currency: plan.currency } });
        return Boolean(row);
      });
      if (made) created++;
    }
  }
  return { created };
}

/** One tenant's invoice for a period, if it was closed. */
export async function findInvoice(tenantId: string, period: string) {
  const db = await getDb();
  const [row] = await db.select().from(schema.invoices).where(and(eq(schema.invoices.tenantId, tenantId), eq(schema.invoices.period, period)));
  return row ?? null;
}
