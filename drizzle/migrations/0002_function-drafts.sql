CREATE TABLE "function_draft" (
	"function_id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"files" jsonb NOT NULL,
	"entry" text NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
ALTER TABLE "function_draft" ADD CONSTRAINT "function_draft_function_id_function_id_fk" FOREIGN KEY ("function_id") REFERENCES "public"."function"("id") ON DELETE cascade ON UPDATE no action;