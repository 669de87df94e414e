CREATE TYPE "public"."feedback_kind" AS ENUM('COMPLAINT', 'SUGGESTION', 'PRAISE', 'INQUIRY');--> statement-breakpoint
CREATE TYPE "public"."feedback_status" AS ENUM('RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED');--> statement-breakpoint
CREATE TABLE "customer_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" "feedback_kind" NOT NULL,
	"channel" text,
	"subject" text NOT NULL,
	"description" text NOT NULL,
	"severity" "severity",
	"status" "feedback_status" DEFAULT 'RECEIVED' NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"acknowledge_by" timestamp (3) with time zone NOT NULL,
	"acknowledged_at" timestamp (3) with time zone,
	"resolve_by" timestamp (3) with time zone NOT NULL,
	"resolved_at" timestamp (3) with time zone,
	"resolution" text,
	"closed_at" timestamp (3) with time zone,
	"satisfaction_rating" integer,
	"nonconformance_id" uuid,
	"recorded_by_id" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "satisfaction_surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"scores" jsonb NOT NULL,
	"overall" double precision NOT NULL,
	"comments" text,
	"submitted_at" timestamp (3) with time zone NOT NULL,
	"submitted_by_id" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activity" ADD COLUMN "actor_organization_id" uuid;--> statement-breakpoint
ALTER TABLE "nonconformance_history" ADD COLUMN "by_organization_id" uuid;--> statement-breakpoint
ALTER TABLE "customer_feedback" ADD CONSTRAINT "customer_feedback_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_feedback" ADD CONSTRAINT "customer_feedback_nonconformance_id_nonconformances_id_fk" FOREIGN KEY ("nonconformance_id") REFERENCES "public"."nonconformances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_surveys" ADD CONSTRAINT "satisfaction_surveys_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "customer_feedback_number_key" ON "customer_feedback" USING btree ("number");--> statement-breakpoint
CREATE INDEX "customer_feedback_customer_idx" ON "customer_feedback" USING btree ("customer_id","received_at","id");--> statement-breakpoint
CREATE INDEX "customer_feedback_received_idx" ON "customer_feedback" USING btree ("received_at","id");--> statement-breakpoint
CREATE INDEX "customer_feedback_open_idx" ON "customer_feedback" USING btree ("status","resolve_by");--> statement-breakpoint
CREATE INDEX "satisfaction_surveys_customer_idx" ON "satisfaction_surveys" USING btree ("customer_id","period_from");