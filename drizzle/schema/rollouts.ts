import { doublePrecision, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { functions } from "./functions.ts";

/**
 * A gradual rollout in progress: `percent` of the function's traffic goes to `version`, the rest to
 * the function's live version. One row per function at most; promote and abort delete it.
 */
export const rollouts = pgTable("rollout", {
  functionId: text("function_id")
    .primaryKey()
    .references(() => functions.id, { onDelete: "cascade" }),
  tenantId: text("tenant_id").notNull(),
  version: integer("version").notNull(),
  /** The live version when the rollout started (the baseline it is compared against). */
  baseVersion: integer("base_version").notNull(),
  percent: doublePrecision("percent").notNull(),
  /** "cookie" or "header"; with stickyName null the runtime's own cookie is used. */
  stickyKind: text("sticky_kind").notNull().default("cookie"),
  stickyName: text("sticky_name"),
  /** Abort when the new version's error rate exceeds the base's by this many percentage points. */
  abortOnErrorRate: doublePrecision("abort_on_error_rate"),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  startedBy: text("started_by"),
});
