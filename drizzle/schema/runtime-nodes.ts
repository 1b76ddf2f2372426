import { bigint, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Runtime nodes that have registered with the console, with the revision each has applied. */
export const runtimeNodes = pgTable("runtime_node", {
  id: text("id").primaryKey(),
  hostname: text("hostname").notNull(),
  version: text("version").notNull(),
  workers: integer("workers").notNull().default(1),
  appliedRevision: bigint("applied_revision", { mode: "number" }).notNull().default(0),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  lastHeartbeatAt: timestamp("last_heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
});
