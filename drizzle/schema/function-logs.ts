import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** console.* lines, uncaught errors and limit events of invocations, pushed by the runtime. */
export const functionLogs = pgTable(
  "function_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: text("tenant_id").notNull(),
    functionId: text("function_id").notNull(),
    version: integer("version").notNull(),
    requestId: text("request_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    level: text("level").notNull(),
    message: text("message").notNull(),
    status: integer("status"),
    /** For errors and limit events: kind, limit, stack, request summary. */
    details: jsonb("details").$type<Record<string, unknown>>(),
  },
  (t) => [index("function_log_fn_at_idx").on(t.functionId, t.at), index("function_log_tenant_at_idx").on(t.tenantId, t.at)],
);
