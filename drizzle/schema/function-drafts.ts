import { integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { functions } from "./functions.ts";

/**
 * The editor's work in progress for a function: one shared draft per function, saved as the
 * developer types. `revision` increases on every save so that a save based on an older revision
 * (another tab, another person) is refused instead of silently overwriting newer work.
 */
export const functionDrafts = pgTable("function_draft", {
  functionId: text("function_id")
    .primaryKey()
    .references(() => functions.id, { onDelete: "cascade" }),
  /** Denormalised so that every query can be filtered by the caller's tenant. */
  tenantId: text("tenant_id").notNull(),
  files: jsonb("files").$type<Record<string, string>>().notNull(),
  entry: text("entry").notNull(),
  revision: integer("revision").notNull().default(1),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text("updated_by"),
});
