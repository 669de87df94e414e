CREATE TABLE "supplier_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"quality_score" double precision NOT NULL,
	"delivery_score" double precision NOT NULL,
	"service_score" double precision NOT NULL,
	"price_score" double precision NOT NULL,
	"technical_score" double precision NOT NULL,
	"total_score" double precision NOT NULL,
	"grade" "supplier_grade" NOT NULL,
	"rewards_and_penalties" jsonb NOT NULL,
	"evaluated_by_name" text NOT NULL,
	"evaluated_at" timestamp (3) with time zone NOT NULL,
	"notes" text
);
--> statement-breakpoint
ALTER TABLE "supplier_evaluations" ADD CONSTRAINT "supplier_evaluations_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supplier_evaluations_supplier_idx" ON "supplier_evaluations" USING btree ("supplier_id","evaluated_at","id");