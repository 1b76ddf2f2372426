import { bigint, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * invocation_rollup summed over a tenant's functions, per minute (per hour once compacted).
 * Kept in the same transaction as the function rows, so a tenant's chart reads one row per
 * bucket instead of one per function (a 30-day chart of 1,000 functions stays fast).
 */
export const tenantRollups = pgTable(
  "tenant_rollup",
  {
    tenantId: text("tenant_id").notNull(),
    minute: timestamp("minute", { withTimezone: true }).notNull(),
    requests: bigint("requests", { mode: "number" }).notNull().default(0),
    status2xx: bigint("status_2xx", { mode: "number" }).notNull().default(0),
    status3xx: bigint("status_3xx", { mode: "number" }).notNull().default(0),
    status4xx: bigint("status_4xx", { mode: "number" }).notNull().default(0),
    status5xx: bigint("status_5xx", { mode: "number" }).notNull().default(0),
    errors: bigint("errors", { mode: "number" }).notNull().default(0),
    limitEvents: bigint("limit_events", { mode: "number" }).notNull().default(0),
    cpuUs: bigint("cpu_us", { mode: "number" }).notNull().default(0),
    wallUs: bigint("wall_us", { mode: "number" }).notNull().default(0),
    bytesIn: bigint("bytes_in", { mode: "number" }).notNull().default(0),
    bytesOut: bigint("bytes_out", { mode: "number" }).notNull().default(0),
    latencyHist: jsonb("latency_hist").$type<number[]>().notNull(),
    cpuHist: jsonb("cpu_hist").$type<number[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.minute] })],
);
