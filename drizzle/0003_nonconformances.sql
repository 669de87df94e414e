CREATE TYPE "public"."disposition" AS ENUM('USE_AS_IS', 'REWORK', 'RETURN_TO_SUPPLIER', 'SCRAP');--> statement-breakpoint
CREATE TYPE "public"."nonconformance_source" AS ENUM('INCOMING_INSPECTION', 'IN_PROCESS', 'FINAL_INSPECTION', 'CUSTOMER_COMPLAINT', 'SUPPLIER_AUDIT');--> statement-breakpoint
CREATE TYPE "public"."nonconformance_status" AS ENUM('OPEN', 'CONTAINED', 'ROOT_CAUSE_IDENTIFIED', 'CORRECTIVE_ACTION', 'VERIFICATION', 'CLOSED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."responsibility" AS ENUM('UNDETERMINED', 'SUPPLIER', 'INTERNAL', 'LOGISTICS', 'DESIGN');--> statement-breakpoint
CREATE TYPE "public"."severity" AS ENUM('MINOR', 'MAJOR', 'CRITICAL');--> statement-breakpoint
CREATE TABLE "nonconformance_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"nonconformance_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"by_name" text NOT NULL,
	"from_status" "nonconformance_status",
	"to_status" "nonconformance_status" NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "nonconformances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"source" "nonconformance_source" NOT NULL,
	"status" "nonconformance_status" DEFAULT 'OPEN' NOT NULL,
	"severity" "severity" NOT NULL,
	"part_id" uuid NOT NULL,
	"supplier_id" uuid,
	"customer_id" uuid,
	"order_id" uuid,
	"delivery_id" uuid,
	"quantity_affected" numeric(24, 6) NOT NULL,
	"description" text NOT NULL,
	"disposition" "disposition",
	"responsibility" "responsibility" DEFAULT 'UNDETERMINED' NOT NULL,
	"containment" text,
	"root_cause" text,
	"corrective_action" text,
	"preventive_action" text,
	"verification" text,
	"containment_due_at" timestamp (3) with time zone,
	"corrective_action_due_at" timestamp (3) with time zone,
	"contained_at" timestamp (3) with time zone,
	"corrective_action_at" timestamp (3) with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"reported_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "nonconformance_history" ADD CONSTRAINT "nonconformance_history_nonconformance_id_nonconformances_id_fk" FOREIGN KEY ("nonconformance_id") REFERENCES "public"."nonconformances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonconformances" ADD CONSTRAINT "nonconformances_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonconformances" ADD CONSTRAINT "nonconformances_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonconformances" ADD CONSTRAINT "nonconformances_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonconformances" ADD CONSTRAINT "nonconformances_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonconformances" ADD CONSTRAINT "nonconformances_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "nonconformance_history_nc_idx" ON "nonconformance_history" USING btree ("nonconformance_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "nonconformances_number_key" ON "nonconformances" USING btree ("number");--> statement-breakpoint
CREATE INDEX "nonconformances_supplier_idx" ON "nonconformances" USING btree ("supplier_id","status");--> statement-breakpoint
CREATE INDEX "nonconformances_customer_idx" ON "nonconformances" USING btree ("customer_id","status");--> statement-breakpoint
CREATE INDEX "nonconformances_created_at_idx" ON "nonconformances" USING btree ("created_at","id");