CREATE TABLE "edi_interchanges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"control_number" text NOT NULL,
	"transaction_sets" text[] NOT NULL,
	"order_id" uuid,
	"status" text NOT NULL,
	"document" text NOT NULL,
	"acknowledgement" text,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "edi_interchanges" ADD CONSTRAINT "edi_interchanges_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edi_interchanges" ADD CONSTRAINT "edi_interchanges_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "edi_interchanges_control_key" ON "edi_interchanges" USING btree ("supplier_id","direction","control_number");--> statement-breakpoint
CREATE INDEX "edi_interchanges_order_idx" ON "edi_interchanges" USING btree ("order_id");--> statement-breakpoint
ALTER TABLE edi_interchanges ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON edi_interchanges
  USING ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier()))
  WITH CHECK ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier()));
