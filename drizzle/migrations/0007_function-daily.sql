CREATE TABLE "function_daily" (
	"tenant_id" text NOT NULL,
	"function_id" text NOT NULL,
	"day" date NOT NULL,
	"requests" bigint DEFAULT 0 NOT NULL,
	"errors" bigint DEFAULT 0 NOT NULL,
	"status_5xx" bigint DEFAULT 0 NOT NULL,
	"limit_events" integer DEFAULT 0 NOT NULL,
	"cpu_us" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "function_daily_function_id_day_pk" PRIMARY KEY("function_id","day")
);
--> statement-breakpoint
CREATE INDEX "function_daily_tenant_day_idx" ON "function_daily" USING btree ("tenant_id","day");--> statement-breakpoint
CREATE INDEX "function_daily_day_idx" ON "function_daily" USING btree ("day");