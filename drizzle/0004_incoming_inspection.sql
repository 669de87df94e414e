CREATE TYPE "public"."inspection_result" AS ENUM('PENDING', 'ACCEPTED', 'REJECTED');--> statement-breakpoint
CREATE TYPE "public"."inspection_severity" AS ENUM('NORMAL', 'TIGHTENED', 'REDUCED');--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"delivery_id" uuid NOT NULL,
	"order_line_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"quality_agreement_id" uuid,
	"lot_number" text,
	"lot_size" integer NOT NULL,
	"received_quantity" numeric(24, 6) NOT NULL,
	"aql" numeric(8, 3) NOT NULL,
	"inspection_level" "inspection_level" NOT NULL,
	"severity" "inspection_severity" NOT NULL,
	"code_letter" text NOT NULL,
	"sample_size" integer NOT NULL,
	"accept_number" integer NOT NULL,
	"reject_number" integer NOT NULL,
	"source_inspection" boolean NOT NULL,
	"defects_found" integer,
	"result" "inspection_result" DEFAULT 'PENDING' NOT NULL,
	"inspected_by_name" text,
	"inspected_at" timestamp (3) with time zone,
	"note" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "nonconformances" ADD COLUMN "inspection_id" uuid;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_quality_agreement_id_quality_agreements_id_fk" FOREIGN KEY ("quality_agreement_id") REFERENCES "public"."quality_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inspections_delivery_line_key" ON "inspections" USING btree ("delivery_id","order_line_id");--> statement-breakpoint
CREATE INDEX "inspections_supplier_part_idx" ON "inspections" USING btree ("supplier_id","part_id","created_at");--> statement-breakpoint
CREATE INDEX "inspections_result_idx" ON "inspections" USING btree ("result");