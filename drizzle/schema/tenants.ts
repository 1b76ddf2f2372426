import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Per-tenant values that replace the plan's (absent = the plan's; spendCapMinor null = no cap). */
export type LimitOverrides = {
  includedRequests?: number;
  includedCpuMs?: number;
  cpuMsPerRequest?: number;
  memoryMb?: number;
  subrequests?: number;
  maxFunctions?: number;
  maxDomains?: number;
  logRetentionDays?: number;
  spendCapMinor?: number | null;
};

/** A quota the console found used up; the runtime answers 429 naming it until it clears. */
export type QuotaBlock = { quota: "included_requests" | "included_cpu_ms" | "spend_cap"; message: string };

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
  /** A plans.id. */
  plan: text("plan").notNull().default("free"),
  limitOverrides: jsonb("limit_overrides").$type<LimitOverrides>().notNull().default({}),
  quotaBlock: jsonb("quota_block").$type<QuotaBlock | null>(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
