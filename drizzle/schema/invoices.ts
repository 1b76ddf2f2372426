import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export type InvoiceLine = {
  kind: "base" | "requests" | "cpu";
  description: string;
  /** Requests, or CPU-ms with microsecond precision. */
  quantity: number;
  included: number;
  billable: number;
  /** Base: the monthly price; usage: the price per million units. */
  unitPriceMinor: number;
  amountMinor: number;
};

/**
 * One closed billing period (a UTC calendar month) of one tenant. Written once by the close job
 * and never updated: the unique (tenant, period) index makes closing a period idempotent.
 */
export const invoices = pgTable(
  "invoice",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    /** "YYYY-MM" */
    period: text("period").notNull(),
    periodStart: timestamp("period_start", { withTimezone: true }).notNull(),
    periodEnd: timestamp("period_end", { withTimezone: true }).notNull(),
    planId: text("plan_id").notNull(),
    planName: text("plan_name").notNull(),
    currency: text("currency").notNull(),
    requests: bigint("requests", { mode: "number" }).notNull(),
    cpuUs: bigint("cpu_us", { mode: "number" }).notNull(),
    lines: jsonb("lines").$type<InvoiceLine[]>().notNull(),
    totalMinor: bigint("total_minor", { mode: "number" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("invoice_tenant_period_idx").on(t.tenantId, t.period), index("invoice_period_idx").on(t.period)],
);
