CREATE TYPE "public"."contract_status" AS ENUM('DRAFT', 'IN_REVIEW', 'AWAITING_SIGNATURE', 'ACTIVE', 'EXPIRED', 'TERMINATED');--> statement-breakpoint
CREATE TYPE "public"."contract_type" AS ENUM('SUPPLY', 'QUALITY_ASSURANCE', 'TECHNICAL', 'AFTER_SALES', 'SALES');--> statement-breakpoint
CREATE TYPE "public"."party" AS ENUM('COMPANY', 'PARTNER');--> statement-breakpoint
CREATE TYPE "public"."agreement_status" AS ENUM('DRAFT', 'AWAITING_SIGNATURE', 'ACTIVE', 'SUPERSEDED', 'EXPIRED');--> statement-breakpoint
CREATE TYPE "public"."inspection_level" AS ENUM('S1', 'S2', 'S3', 'S4', 'I', 'II', 'III');--> statement-breakpoint
CREATE TABLE "contract_items" (
	"contract_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"line" integer NOT NULL,
	"part_id" uuid NOT NULL,
	"unit_price" numeric(24, 6) NOT NULL,
	"minimum_order_quantity" numeric(24, 6),
	"lead_time_days" integer,
	CONSTRAINT "contract_items_contract_id_version_line_pk" PRIMARY KEY("contract_id","version","line")
);
--> statement-breakpoint
CREATE TABLE "contract_signatures" (
	"contract_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"party" "party" NOT NULL,
	"signed_by_id" text NOT NULL,
	"signed_by_name" text NOT NULL,
	"signed_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "contract_signatures_contract_id_version_party_pk" PRIMARY KEY("contract_id","version","party")
);
--> statement-breakpoint
CREATE TABLE "contract_versions" (
	"contract_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"effective_from" date,
	"effective_to" date,
	"payment_term_days" integer,
	"delivery_terms" text,
	"clauses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"summary" text NOT NULL,
	"changed_by_id" text NOT NULL,
	"changed_by_name" text NOT NULL,
	"changed_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "contract_versions_contract_id_version_pk" PRIMARY KEY("contract_id","version")
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"type" "contract_type" NOT NULL,
	"status" "contract_status" DEFAULT 'DRAFT' NOT NULL,
	"supplier_id" uuid,
	"customer_id" uuid,
	"currency" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"in_force_version" integer,
	"drafted_by_id" text NOT NULL,
	"drafted_by_name" text NOT NULL,
	"approved_by_name" text,
	"offered_at" timestamp (3) with time zone,
	"terminated_at" timestamp (3) with time zone,
	"termination_note" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contracts_one_partner" CHECK (("contracts"."supplier_id" is null) <> ("contracts"."customer_id" is null))
);
--> statement-breakpoint
CREATE TABLE "quality_agreement_parts" (
	"agreement_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	CONSTRAINT "quality_agreement_parts_agreement_id_part_id_pk" PRIMARY KEY("agreement_id","part_id")
);
--> statement-breakpoint
CREATE TABLE "quality_agreement_signatures" (
	"agreement_id" uuid NOT NULL,
	"party" "party" NOT NULL,
	"signed_by_id" text NOT NULL,
	"signed_by_name" text NOT NULL,
	"signed_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "quality_agreement_signatures_agreement_id_party_pk" PRIMARY KEY("agreement_id","party")
);
--> statement-breakpoint
CREATE TABLE "quality_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"supplier_id" uuid NOT NULL,
	"status" "agreement_status" DEFAULT 'DRAFT' NOT NULL,
	"effective_from" date,
	"effective_to" date,
	"aql" numeric(8, 3) NOT NULL,
	"inspection_level" "inspection_level" NOT NULL,
	"target_ppm" integer NOT NULL,
	"containment_hours" integer NOT NULL,
	"corrective_action_days" integer NOT NULL,
	"source_inspection" boolean NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_id" text NOT NULL,
	"activated_at" timestamp (3) with time zone,
	"superseded_at" timestamp (3) with time zone,
	"superseded_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "number_sequences" (
	"prefix" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "number_sequences_prefix_year_pk" PRIMARY KEY("prefix","year")
);
--> statement-breakpoint
ALTER TABLE "activity" ADD COLUMN "partner_visible" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "contract_items" ADD CONSTRAINT "contract_items_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_items" ADD CONSTRAINT "contract_items_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_signatures" ADD CONSTRAINT "contract_signatures_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_versions" ADD CONSTRAINT "contract_versions_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_agreement_parts" ADD CONSTRAINT "quality_agreement_parts_agreement_id_quality_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."quality_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_agreement_parts" ADD CONSTRAINT "quality_agreement_parts_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_agreement_signatures" ADD CONSTRAINT "quality_agreement_signatures_agreement_id_quality_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."quality_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_agreements" ADD CONSTRAINT "quality_agreements_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contract_items_part_idx" ON "contract_items" USING btree ("part_id");--> statement-breakpoint
CREATE INDEX "contract_versions_effective_to_idx" ON "contract_versions" USING btree ("effective_to");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_number_key" ON "contracts" USING btree ("number");--> statement-breakpoint
CREATE INDEX "contracts_supplier_idx" ON "contracts" USING btree ("supplier_id","created_at");--> statement-breakpoint
CREATE INDEX "contracts_customer_idx" ON "contracts" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "contracts_created_at_idx" ON "contracts" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "quality_agreement_parts_part_idx" ON "quality_agreement_parts" USING btree ("part_id");--> statement-breakpoint
CREATE UNIQUE INDEX "quality_agreements_number_key" ON "quality_agreements" USING btree ("number");--> statement-breakpoint
CREATE INDEX "quality_agreements_supplier_idx" ON "quality_agreements" USING btree ("supplier_id","status");--> statement-breakpoint
CREATE INDEX "quality_agreements_created_at_idx" ON "quality_agreements" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "activity_feed_idx" ON "activity" USING btree ("tx_id","id");