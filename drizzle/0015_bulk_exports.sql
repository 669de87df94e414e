CREATE TABLE "bulk_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"format" text NOT NULL,
	"filter" jsonb,
	"requested_by" jsonb NOT NULL,
	"requested_by_id" text NOT NULL,
	"supplier_id" uuid,
	"customer_id" uuid,
	"status" text DEFAULT 'QUEUED' NOT NULL,
	"row_count" bigint DEFAULT 0 NOT NULL,
	"expected_row_count" bigint,
	"byte_count" bigint DEFAULT 0 NOT NULL,
	"sha256" text,
	"error" text,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	"expires_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bulk_exports" ADD CONSTRAINT "bulk_exports_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_exports" ADD CONSTRAINT "bulk_exports_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bulk_exports_requester_idx" ON "bulk_exports" USING btree ("requested_by_id","created_at","id");--> statement-breakpoint
CREATE INDEX "bulk_exports_expires_idx" ON "bulk_exports" USING btree ("expires_at");
--> statement-breakpoint
ALTER TABLE bulk_exports ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON bulk_exports
  USING ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier()) OR customer_id = (SELECT scm_viewer_customer()))
  WITH CHECK ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier()) OR customer_id = (SELECT scm_viewer_customer()));
