import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** The counters and histograms every rollup table carries (fresh builders for each table). */
export const rollupCounters = () => ({
  requests: bigint("requests", { mode: "number" }).notNull().default(0),
  status2xx: bigint("status_2xx", { mode: "number" }).notNull().default(0),
  status3xx: bigint("status_3xx", { mode: "number" }).notNull().default(0),
  status4xx: bigint("status_4xx", { mode: "number" }).notNull().default(0),
  status5xx: bigint("status_5xx", { mode: "number" }).notNull().default(0),
  errors: bigint("errors", { mode: "number" }).notNull().default(0),
  limitEvents: bigint("limit_events", { mode: "number" }).notNull().default(0),
  /** CPU and wall time in microseconds, summed. */
  cpuUs: bigint("cpu_us", { mode: "number" }).notNull().default(0),
  wallUs: bigint("wall_us", { mode: "number" }).notNull().default(0),
  bytesIn: bigint("bytes_in", { mode: "number" }).notNull().default(0),
  bytesOut: bigint("bytes_out", { mode: "number" }).notNull().default(0),
  /** Console lines the runtime counted instead of keeping (its journal's cap per segment). */
  logsDropped: bigint("logs_dropped", { mode: "number" }).notNull().default(0),
  latencyHist: jsonb("latency_hist").$type<number[]>().notNull(),
  cpuHist: jsonb("cpu_hist").$type<number[]>().notNull(),
});

/**
 * Per function, per version, per minute. Counters only ever grow by whole batches (see
 * metric_batches), so a retried flush never counts twice. Histograms use the fixed log-scale
 * buckets defined in runtime/src/protocol.
 */
export const invocationRollups = pgTable(
  "invocation_rollup",
  {
    tenantId: text("tenant_id").notNull(),
    functionId: text("function_id").notNull(),
    version: integer("version").notNull(),
    minute: timestamp("minute", { withTimezone: true }).notNull(),
    ...rollupCounters(),
  },
  (t) => [
    primaryKey({ columns: [t.functionId, t.version, t.minute] }),
    index("rollup_tenant_minute_idx").on(t.tenantId, t.minute),
  ],
);

