CREATE TABLE "tenant_rollup" (
	"tenant_id" text NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"requests" bigint DEFAULT 0 NOT NULL,
	"status_2xx" bigint DEFAULT 0 NOT NULL,
	"status_3xx" bigint DEFAULT 0 NOT NULL,
	"status_4xx" bigint DEFAULT 0 NOT NULL,
	"status_5xx" bigint DEFAULT 0 NOT NULL,
	"errors" bigint DEFAULT 0 NOT NULL,
	"limit_events" bigint DEFAULT 0 NOT NULL,
	"cpu_us" bigint DEFAULT 0 NOT NULL,
	"wall_us" bigint DEFAULT 0 NOT NULL,
	"bytes_in" bigint DEFAULT 0 NOT NULL,
	"bytes_out" bigint DEFAULT 0 NOT NULL,
	"latency_hist" jsonb NOT NULL,
	"cpu_hist" jsonb NOT NULL,
	CONSTRAINT "tenant_rollup_tenant_id_minute_pk" PRIMARY KEY("tenant_id","minute")
);
--> statement-breakpoint
CREATE INDEX "metric_batch_received_idx" ON "metric_batch" USING btree ("received_at");