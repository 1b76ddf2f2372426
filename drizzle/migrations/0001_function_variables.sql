CREATE TABLE "function_variable" (
	"function_id" text NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"value" text,
	"sealed_value" text,
	"secret" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	CONSTRAINT "function_variable_function_id_name_pk" PRIMARY KEY("function_id","name")
);
--> statement-breakpoint
ALTER TABLE "function_variable" ADD CONSTRAINT "function_variable_function_id_function_id_fk" FOREIGN KEY ("function_id") REFERENCES "public"."function"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "function_variable_tenant_idx" ON "function_variable" USING btree ("tenant_id");