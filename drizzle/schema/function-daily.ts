import { bigint, date, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * Per function per UTC day: requests, errors, CPU. Kept in the ingest transaction with the
 * rollups, so "top functions" over 7 or 30 days (a tenant's, or the whole platform's for admins)
 * sums one row per function-day instead of every minute or hour row.
 */
export const functionDaily = pgTable(
  "function_daily",
  {
    tenantId: text("tenant_id").notNull(),
    functionId: text("function_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    requests: bigint("requests", { mode: "number" }).notNull().default(0),
    errors: bigint("errors", { mode: "number" }).notNull().default(0),
    status5xx: bigint("status_5xx", { mode: "number" }).notNull().default(0),
    limitEvents: integer("limit_events").notNull().default(0),
    cpuUs: bigint("cpu_us", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.functionId, t.day] }), index("function_daily_tenant_day_idx").on(t.tenantId, t.day), index("function_daily_day_idx").on(t.day)],
);
