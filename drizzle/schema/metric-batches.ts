import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Batch ids already stored: a runtime that retries a flush is answered "ok" without recounting. */
export const metricBatches = pgTable(
  "metric_batch",
  {
    id: text("id").primaryKey(),
    nodeId: text("node_id").notNull(),
    kind: text("kind").notNull(),
    items: integer("items").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // The purge job forgets ids older than any outbox could still retry (see lib/services/logs/purge).
  (t) => [index("metric_batch_received_idx").on(t.receivedAt)],
);
