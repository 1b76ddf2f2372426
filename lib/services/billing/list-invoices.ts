import { desc, eq } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import type { TenantCtx } from "@/lib/services/context";
import { requireBilling } from "@/lib/services/usage/billing-access";

export type InvoiceRow = typeof schema.invoices.$inferSelect;

export function invoiceView(i: InvoiceRow) {
  return {
    id: i.id,
    period: i.period,
    periodStart: i.periodStart.toISOString(),
    periodEnd: i.periodEnd.toISOString(),
    plan: { id: i.planId, name: i.planName },
    currency: i.currency,
    requests: i.requests,
    cpuMs: i.cpuUs / 1000,
    lines: i.lines,
    totalMinor: i.totalMinor,
    createdAt: i.createdAt.toISOString(),
  };
}

/** The tenant's invoices, newest period first, with their line items. */
export async function listInvoices({ ctx }: { ctx: TenantCtx }) {
  await requireBilling(ctx);
  const db = await getDb();
  const rows = await db.select().from(schema.invoices).where(eq(schema.invoices.tenantId, ctx.tenant.id)).orderBy(desc(schema.invoices.period));
  return { invoices: rows.map(invoiceView) };
}
