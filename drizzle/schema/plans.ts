import { bigint, boolean, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * What a tenant pays for and may use. Money is in integer minor units of `currency` (cents for
 * USD), never floats. Prices are per million units beyond what the plan includes. A plan without
 * `overage` (Free) stops serving once its included requests or CPU-ms are used up.
 */
export const plans = pgTable("plan", {
  /** A slug ("free", "pro", "enterprise", or an admin's own); tenants.plan holds it. */
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  currency: text("currency").notNull().default("USD"),
  monthlyPriceMinor: bigint("monthly_price_minor", { mode: "number" }).notNull().default(0),
  includedRequests: bigint("included_requests", { mode: "number" }).notNull(),
  includedCpuMs: bigint("included_cpu_ms", { mode: "number" }).notNull(),
  pricePerMillionRequestsMinor: bigint("price_per_million_requests_minor", { mode: "number" }).notNull().default(0),
  pricePerMillionCpuMsMinor: bigint("price_per_million_cpu_ms_minor", { mode: "number" }).notNull().default(0),
  overage: boolean("overage").notNull().default(true),
  cpuMsPerRequest: integer("cpu_ms_per_request").notNull(),
  memoryMb: integer("memory_mb").notNull(),
  subrequests: integer("subrequests").notNull(),
  maxFunctions: integer("max_functions").notNull(),
  maxDomains: integer("max_domains").notNull(),
  logRetentionDays: integer("log_retention_days").notNull(),
  /** Usage charges (beyond the base price) a tenant may run up in one month; null = no cap. */
  spendCapMinor: bigint("spend_cap_minor", { mode: "number" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
