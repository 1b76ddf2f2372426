CREATE TABLE "plan" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"monthly_price_minor" bigint DEFAULT 0 NOT NULL,
	"included_requests" bigint NOT NULL,
	"included_cpu_ms" bigint NOT NULL,
	"price_per_million_requests_minor" bigint DEFAULT 0 NOT NULL,
	"price_per_million_cpu_ms_minor" bigint DEFAULT 0 NOT NULL,
	"overage" boolean DEFAULT true NOT NULL,
	"cpu_ms_per_request" integer NOT NULL,
	"memory_mb" integer NOT NULL,
	"subrequests" integer NOT NULL,
	"max_functions" integer NOT NULL,
	"max_domains" integer NOT NULL,
	"log_retention_days" integer NOT NULL,
	"spend_cap_minor" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"period" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"plan_id" text NOT NULL,
	"plan_name" text NOT NULL,
	"currency" text NOT NULL,
	"requests" bigint NOT NULL,
	"cpu_us" bigint NOT NULL,
	"lines" jsonb NOT NULL,
	"total_minor" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "usage_daily" (
	"tenant_id" text NOT NULL,
	"day" date NOT NULL,
	"requests" bigint DEFAULT 0 NOT NULL,
	"cpu_us" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_daily_tenant_id_day_pk" PRIMARY KEY("tenant_id","day")
);
--> statement-breakpoint
CREATE TABLE "billing_access" (
	"member_id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"granted_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "limit_overrides" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "quota_block" jsonb;--> statement-breakpoint
ALTER TABLE "billing_access" ADD CONSTRAINT "billing_access_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_tenant_period_idx" ON "invoice" USING btree ("tenant_id","period");--> statement-breakpoint
CREATE INDEX "invoice_period_idx" ON "invoice" USING btree ("period");