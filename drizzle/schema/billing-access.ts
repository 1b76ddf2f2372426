import { pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { members } from "./members.ts";

/** Members other than owners who may see the tenant's usage and invoices (granted by an owner). */
export const billingAccess = pgTable("billing_access", {
  memberId: text("member_id")
    .primaryKey()
    .references(() => members.id, { onDelete: "cascade" }),
  tenantId: text("tenant_id").notNull(),
  grantedBy: text("granted_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
