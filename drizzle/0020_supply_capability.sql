CREATE TABLE "part_capacities" (
	"supplier_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"monthly_capacity" numeric(24, 6) NOT NULL,
	CONSTRAINT "part_capacities_supplier_id_part_id_pk" PRIMARY KEY("supplier_id","part_id")
);
--> statement-breakpoint
CREATE TABLE "supply_capabilities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"materials" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"manufacturing" jsonb NOT NULL,
	"transport" jsonb NOT NULL,
	"review_status" text NOT NULL,
	"reviewed_by_name" text,
	"reviewed_at" timestamp (3) with time zone,
	"review_note" text,
	"updated_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supply_capabilities_supplier_id_unique" UNIQUE("supplier_id")
);
--> statement-breakpoint
ALTER TABLE "part_capacities" ADD CONSTRAINT "part_capacities_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_capacities" ADD CONSTRAINT "part_capacities_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_capabilities" ADD CONSTRAINT "supply_capabilities_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE supply_capabilities ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON supply_capabilities
  USING ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier()))
  WITH CHECK ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier()));
--> statement-breakpoint
ALTER TABLE part_capacities ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON part_capacities
  USING ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier()))
  WITH CHECK ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier()));
