import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { domains } from "./domains.ts";
import { functions } from "./functions.ts";

/**
 * A path pattern (URLPattern pathname syntax) on one of the tenant's domains, optionally limited to
 * some methods, served by one function. Deleting the domain or the function deletes its routes.
 */
export const routes = pgTable(
  "route",
  {
    id: text("id").primaryKey(),
    /** Denormalised so that every query can be filtered by the caller's tenant. */
    tenantId: text("tenant_id").notNull(),
    domainId: text("domain_id")
      .notNull()
      .references(() => domains.id, { onDelete: "cascade" }),
    functionId: text("function_id")
      .notNull()
      .references(() => functions.id, { onDelete: "cascade" }),
    pattern: text("pattern").notNull(),
    /** Upper-case methods; null means every method. */
    methods: jsonb("methods").$type<string[] | null>(),
    /** Tie-breaker after host and path specificity: higher wins. */
    priority: integer("priority").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: text("created_by"),
  },
  (t) => [index("route_domain_idx").on(t.domainId), index("route_tenant_idx").on(t.tenantId), index("route_function_idx").on(t.functionId)],
);
