import { boolean, index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { functions } from "./functions.ts";

/**
 * Environment variables and secrets of a function, visible to its code as env.NAME. A secret keeps
 * only `sealedValue` (AES-256-GCM under the console's SECRETS_KEY, bound to function and name) and
 * is write-only through the API; a plain variable keeps `value`.
 */
export const functionVariables = pgTable(
  "function_variable",
  {
    functionId: text("function_id")
      .notNull()
      .references(() => functions.id, { onDelete: "cascade" }),
    /** Denormalised so that every query can be filtered by the caller's tenant. */
    tenantId: text("tenant_id").notNull(),
    name: text("name").notNull(),
    value: text("value"),
    sealedValue: text("sealed_value"),
    secret: boolean("secret").notNull().default(false),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text("updated_by"),
  },
  (t) => [primaryKey({ columns: [t.functionId, t.name] }), index("function_variable_tenant_idx").on(t.tenantId)],
);
