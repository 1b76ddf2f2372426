import { index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { tenants } from "./tenants.ts";

/**
 * A hostname claimed by one tenant: exact (`shop.example.com`) or wildcard (`*.example.com`).
 * `hostname` is unique across the platform; wildcard coverage between tenants is checked by the
 * claim service. A domain serves only once `verifiedAt` is set (DNS TXT check, a platform admin,
 * or automatically for `*.localhost` names).
 */
export const domains = pgTable(
  "domain",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    /** Lowercase, no trailing dot; a wildcard starts with "*.". */
    hostname: text("hostname").notNull(),
    /** Expected as TXT `edgefn-verify=<token>` at `_edgefn-challenge.<hostname without *.>`. */
    verificationToken: text("verification_token").notNull(),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    /** "dns", "admin" or "auto" (localhost names). */
    verifiedBy: text("verified_by"),
    lastCheckAt: timestamp("last_check_at", { withTimezone: true }),
    lastCheckError: text("last_check_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: text("created_by"),
  },
  (t) => [uniqueIndex("domain_hostname_idx").on(t.hostname), index("domain_tenant_idx").on(t.tenantId)],
);
