import { pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { rollupCounters } from "./invocation-rollups.ts";

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
    ...rollupCounters(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.minute] })],
);
