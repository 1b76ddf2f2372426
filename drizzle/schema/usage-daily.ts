import { bigint, date, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * A tenant's metered usage per UTC day, added in the same transaction as the rollups it comes from
 * (so a retried flush never counts twice here either). Billing and quotas read this instead of
 * scanning a month of per-minute rollups.
 */
export const usageDaily = pgTable(
  "usage_daily",
  {
    tenantId: text("tenant_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    requests: bigint("requests", { mode: "number" }).notNull().default(0),
    cpuUs: bigint("cpu_us", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day] })],
);
