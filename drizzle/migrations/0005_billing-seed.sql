-- Custom SQL migration file, put your code below! --
-- Seed plans: Free stops at its allowance; Pro and Enterprise bill usage beyond it.
INSERT INTO "plan" ("id", "name", "currency", "monthly_price_minor", "included_requests", "included_cpu_ms", "price_per_million_requests_minor", "price_per_million_cpu_ms_minor", "overage", "cpu_ms_per_request", "memory_mb", "subrequests", "max_functions", "max_domains", "log_retention_days", "spend_cap_minor") VALUES
  ('free', 'Free', 'USD', 0, 100000, 1000000, 0, 0, false, 50, 128, 50, 25, 5, 1, NULL),
  ('pro', 'Pro', 'USD', 2000, 10000000, 30000000, 30, 2, true, 200, 128, 500, 100, 10, 7, NULL),
  ('enterprise', 'Enterprise', 'USD', 50000, 100000000, 500000000, 20, 1, true, 1000, 256, 1000, 1000, 100, 30, NULL)
ON CONFLICT ("id") DO NOTHING;
--> statement-breakpoint
-- Usage metered before this table existed.
INSERT INTO "usage_daily" ("tenant_id", "day", "requests", "cpu_us")
SELECT "tenant_id", ("minute" AT TIME ZONE 'UTC')::date, sum("requests"), sum("cpu_us") FROM "invocation_rollup" GROUP BY 1, 2
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Tenants on a plan name that is not a plan (created before plans existed) fall back to Free.
UPDATE "organization" SET "plan" = 'free' WHERE "plan" NOT IN (SELECT "id" FROM "plan");
