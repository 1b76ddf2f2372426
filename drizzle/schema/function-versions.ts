import { integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { functions } from "./functions.ts";

/** Immutable: everything needed to run a version again, so a rollback is never refused. */
export const functionVersions = pgTable(
  "function_version",
  {
    id: text("id").primaryKey(),
    functionId: text("function_id")
      .notNull()
      .references(() => functions.id, { onDelete: "cascade" }),
    tenantId: text("tenant_id").notNull(),
    number: integer("number").notNull(),
    /** Source files by path, as the developer wrote them. */
    files: jsonb("files").$type<Record<string, string>>().notNull(),
    entry: text("entry").notNull(),
    compiledCode: text("compiled_code").notNull(),
    sourceMap: text("source_map"),
    message: text("message").notNull().default(""),
    authorId: text("author_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("function_version_fn_number_idx").on(t.functionId, t.number)],
);
