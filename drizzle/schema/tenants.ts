import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * A tenant is better-auth's `organization`; `status` and `plan` are ours. A suspended tenant's
 * functions stop serving and its members cannot change anything.
 */
export const tenants = pgTable("organization", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  logo: text("logo"),
  metadata: text("metadata"),
  status: text("status", { enum: ["active", "suspended"] }).notNull().default("active"),
  plan: text("plan").notNull().default("free"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
