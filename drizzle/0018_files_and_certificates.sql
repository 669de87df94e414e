CREATE TABLE "file_contents" (
	"file_id" uuid NOT NULL,
	"chunk" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "file_contents_file_id_chunk_pk" PRIMARY KEY("file_id","chunk")
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"supplier_id" uuid,
	"customer_id" uuid,
	"kind" text NOT NULL,
	"part_id" uuid,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by_id" text NOT NULL,
	"uploaded_by_name" text NOT NULL,
	"uploaded_by_organization_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"type" text NOT NULL,
	"number" text NOT NULL,
	"issuer" text NOT NULL,
	"scope" text,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"expiring_noted_at" timestamp (3) with time zone,
	"expired_noted_at" timestamp (3) with time zone,
	"created_by_id" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "file_contents" ADD CONSTRAINT "file_contents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "files_subject_idx" ON "files" USING btree ("subject_id","created_at","id");--> statement-breakpoint
CREATE INDEX "files_supplier_idx" ON "files" USING btree ("supplier_id");--> statement-breakpoint
CREATE INDEX "files_customer_idx" ON "files" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_supplier_type_number_key" ON "certificates" USING btree ("supplier_id","type","number");--> statement-breakpoint
CREATE INDEX "certificates_valid_to_idx" ON "certificates" USING btree ("valid_to");--> statement-breakpoint
CREATE INDEX "certificates_updated_at_idx" ON "certificates" USING btree ("updated_at","id");--> statement-breakpoint
ALTER TABLE files ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON files
  USING ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier()) OR customer_id = (SELECT scm_viewer_customer()))
  WITH CHECK ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier()) OR customer_id = (SELECT scm_viewer_customer()));
--> statement-breakpoint
ALTER TABLE file_contents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON file_contents
  USING ((SELECT scm_viewer_is_staff()) OR EXISTS (SELECT 1 FROM files f WHERE f.id = file_id))
  WITH CHECK ((SELECT scm_viewer_is_staff()) OR EXISTS (SELECT 1 FROM files f WHERE f.id = file_id));
--> statement-breakpoint
ALTER TABLE certificates ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON certificates
  USING ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier()))
  WITH CHECK ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier()));
