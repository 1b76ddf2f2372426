ALTER TABLE "invocation_rollup" ADD COLUMN "logs_dropped" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_rollup" ADD COLUMN "logs_dropped" bigint DEFAULT 0 NOT NULL;