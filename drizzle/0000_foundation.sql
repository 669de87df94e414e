CREATE TYPE "public"."importance_class" AS ENUM('I', 'II', 'III');--> statement-breakpoint
CREATE TYPE "public"."sourcing_status" AS ENUM('TRIAL', 'APPROVED', 'PHASING_OUT');--> statement-breakpoint
CREATE TYPE "public"."supplier_grade" AS ENUM('A', 'B', 'C', 'D');--> statement-breakpoint
CREATE TYPE "public"."supplier_status" AS ENUM('CANDIDATE', 'APPROVED', 'CONDITIONAL', 'SUSPENDED', 'DISQUALIFIED');--> statement-breakpoint
CREATE TABLE "activity" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "activity_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tx_id" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"occurred_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"actor_id" text NOT NULL,
	"actor_name" text NOT NULL,
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"supplier_id" uuid,
	"customer_id" uuid,
	"summary" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"country" text,
	"industry" text,
	"contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"part_number" text NOT NULL,
	"description" text NOT NULL,
	"unit" text NOT NULL,
	"importance_class" "importance_class" NOT NULL,
	"revision" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sourced_parts" (
	"part_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"status" "sourcing_status" NOT NULL,
	"share_percent" integer,
	"approved_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sourced_parts_part_id_supplier_id_pk" PRIMARY KEY("part_id","supplier_id")
);
--> statement-breakpoint
CREATE TABLE "supplier_surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"surveyed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"surveyed_by" text NOT NULL,
	"tax_compliant" boolean,
	"cpk" numeric(6, 3),
	"certifications" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"main_customers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"capacity_notes" text,
	"findings" text
);
--> statement-breakpoint
CREATE TABLE "suppliers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"country" text,
	"contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" "supplier_status" DEFAULT 'CANDIDATE' NOT NULL,
	"grade" "supplier_grade",
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sourced_parts" ADD CONSTRAINT "sourced_parts_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sourced_parts" ADD CONSTRAINT "sourced_parts_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_surveys" ADD CONSTRAINT "supplier_surveys_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_subject_idx" ON "activity" USING btree ("subject_id","id");--> statement-breakpoint
CREATE INDEX "activity_supplier_idx" ON "activity" USING btree ("supplier_id","id");--> statement-breakpoint
CREATE INDEX "activity_customer_idx" ON "activity" USING btree ("customer_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_code_key" ON "customers" USING btree ("code");--> statement-breakpoint
CREATE INDEX "customers_name_idx" ON "customers" USING btree ("name","id");--> statement-breakpoint
CREATE UNIQUE INDEX "parts_part_number_key" ON "parts" USING btree ("part_number");--> statement-breakpoint
CREATE INDEX "sourced_parts_supplier_idx" ON "sourced_parts" USING btree ("supplier_id","part_id");--> statement-breakpoint
CREATE INDEX "supplier_surveys_supplier_idx" ON "supplier_surveys" USING btree ("supplier_id","surveyed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "suppliers_code_key" ON "suppliers" USING btree ("code");--> statement-breakpoint
CREATE INDEX "suppliers_name_idx" ON "suppliers" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "suppliers_created_at_idx" ON "suppliers" USING btree ("created_at","id");