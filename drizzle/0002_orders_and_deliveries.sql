CREATE TYPE "public"."delivery_status" AS ENUM('PLANNED', 'DISPATCHED', 'IN_TRANSIT', 'DELAYED', 'ARRIVED', 'RECEIVED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."change_request_status" AS ENUM('PENDING', 'ACCEPTED', 'REJECTED', 'WITHDRAWN');--> statement-breakpoint
CREATE TYPE "public"."order_direction" AS ENUM('PURCHASE', 'SALES');--> statement-breakpoint
CREATE TYPE "public"."order_status" AS ENUM('DRAFT', 'ISSUED', 'ACKNOWLEDGED', 'REJECTED', 'PARTIALLY_DELIVERED', 'DELIVERED', 'CLOSED', 'CANCELLED');--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"order_id" uuid NOT NULL,
	"status" "delivery_status" DEFAULT 'PLANNED' NOT NULL,
	"carrier" text,
	"tracking_number" text,
	"shipped_at" timestamp (3) with time zone,
	"estimated_arrival" timestamp (3) with time zone,
	"arrived_at" timestamp (3) with time zone,
	"received_at" timestamp (3) with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"delivery_id" uuid NOT NULL,
	"status" "delivery_status" NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"location" text,
	"note" text,
	"estimated_arrival" timestamp (3) with time zone,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_lines" (
	"delivery_id" uuid NOT NULL,
	"order_line_id" uuid NOT NULL,
	"quantity" numeric(24, 6) NOT NULL,
	"lot_number" text,
	"received_quantity" numeric(24, 6),
	CONSTRAINT "delivery_lines_delivery_id_order_line_id_pk" PRIMARY KEY("delivery_id","order_line_id")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" text NOT NULL,
	"operation" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"result_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_operation_key_pk" PRIMARY KEY("user_id","operation","key")
);
--> statement-breakpoint
CREATE TABLE "order_change_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"requested_by" "party" NOT NULL,
	"requested_by_id" text NOT NULL,
	"reason" text NOT NULL,
	"status" "change_request_status" DEFAULT 'PENDING' NOT NULL,
	"respond_by" timestamp (3) with time zone,
	"decided_at" timestamp (3) with time zone,
	"decided_by_name" text,
	"decision_note" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_line_changes" (
	"change_request_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"quantity" numeric(24, 6),
	"requested_date" date,
	"unit_price" numeric(24, 6)
);
--> statement-breakpoint
CREATE TABLE "order_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"line_number" integer NOT NULL,
	"part_id" uuid NOT NULL,
	"quantity" numeric(24, 6) NOT NULL,
	"unit_price" numeric(24, 6) NOT NULL,
	"requested_date" date NOT NULL,
	"confirmed_quantity" numeric(24, 6),
	"confirmed_date" date,
	"delivered_quantity" numeric(24, 6) DEFAULT '0' NOT NULL,
	"accepted_quantity" numeric(24, 6) DEFAULT '0' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"direction" "order_direction" NOT NULL,
	"status" "order_status" DEFAULT 'DRAFT' NOT NULL,
	"supplier_id" uuid,
	"customer_id" uuid,
	"contract_id" uuid,
	"currency" text NOT NULL,
	"due_date" date NOT NULL,
	"issued_at" timestamp (3) with time zone,
	"acknowledged_at" timestamp (3) with time zone,
	"created_by_id" text NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_one_partner" CHECK (("orders"."supplier_id" is null) <> ("orders"."customer_id" is null))
);
--> statement-breakpoint
ALTER TABLE "activity" ADD COLUMN "order_id" uuid;--> statement-breakpoint
ALTER TABLE "activity" ADD COLUMN "detail_id" uuid;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_events" ADD CONSTRAINT "delivery_events_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_lines" ADD CONSTRAINT "delivery_lines_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_lines" ADD CONSTRAINT "delivery_lines_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_change_requests" ADD CONSTRAINT "order_change_requests_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_line_changes" ADD CONSTRAINT "order_line_changes_change_request_id_order_change_requests_id_fk" FOREIGN KEY ("change_request_id") REFERENCES "public"."order_change_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_line_changes" ADD CONSTRAINT "order_line_changes_line_id_order_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."order_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_number_key" ON "deliveries" USING btree ("number");--> statement-breakpoint
CREATE INDEX "deliveries_order_idx" ON "deliveries" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "deliveries_status_eta_idx" ON "deliveries" USING btree ("status","estimated_arrival");--> statement-breakpoint
CREATE INDEX "deliveries_created_at_idx" ON "deliveries" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "delivery_events_delivery_idx" ON "delivery_events" USING btree ("delivery_id","occurred_at");--> statement-breakpoint
CREATE INDEX "delivery_lines_order_line_idx" ON "delivery_lines" USING btree ("order_line_id");--> statement-breakpoint
CREATE INDEX "order_change_requests_order_idx" ON "order_change_requests" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "order_change_requests_one_pending" ON "order_change_requests" USING btree ("order_id") WHERE "order_change_requests"."status" = 'PENDING';--> statement-breakpoint
CREATE INDEX "order_line_changes_request_idx" ON "order_line_changes" USING btree ("change_request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "order_lines_order_line_key" ON "order_lines" USING btree ("order_id","line_number");--> statement-breakpoint
CREATE INDEX "order_lines_part_idx" ON "order_lines" USING btree ("part_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_number_key" ON "orders" USING btree ("number");--> statement-breakpoint
CREATE INDEX "orders_supplier_status_due_idx" ON "orders" USING btree ("supplier_id","status","due_date","id");--> statement-breakpoint
CREATE INDEX "orders_customer_status_due_idx" ON "orders" USING btree ("customer_id","status","due_date","id");--> statement-breakpoint
CREATE INDEX "orders_due_idx" ON "orders" USING btree ("due_date","id");--> statement-breakpoint
CREATE INDEX "orders_created_at_idx" ON "orders" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "activity_order_idx" ON "activity" USING btree ("order_id","id");