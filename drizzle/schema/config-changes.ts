import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The change feed the runtime long-polls. A row is appended in the same transaction as the change
 * it describes; `revision` only grows, so a runtime applies rows in order and remembers the last.
 */
export const configChanges = pgTable(
  "config_change",
  {
    revision: bigserial("revision", { mode: "number" }).primaryKey(),
    tenantId: text("tenant_id"),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("config_change_tenant_idx").on(t.tenantId)],
);
