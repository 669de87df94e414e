CREATE TABLE "order_counts" (
	"partner_id" uuid NOT NULL,
	"direction" "order_direction" NOT NULL,
	"status" "order_status" NOT NULL,
	"orders" integer NOT NULL,
	CONSTRAINT "order_counts_partner_id_direction_status_pk" PRIMARY KEY("partner_id","direction","status")
);
--> statement-breakpoint
CREATE INDEX "order_counts_direction_status_idx" ON "order_counts" USING btree ("direction","status");--> statement-breakpoint
CREATE INDEX "nonconformances_open_containment_idx" ON "nonconformances" USING btree ("containment_due_at") WHERE "nonconformances"."contained_at" is null and "nonconformances"."status" not in ('CLOSED', 'CANCELLED');--> statement-breakpoint
CREATE INDEX "nonconformances_open_corrective_idx" ON "nonconformances" USING btree ("corrective_action_due_at") WHERE "nonconformances"."corrective_action_at" is null and "nonconformances"."status" not in ('CLOSED', 'CANCELLED');--> statement-breakpoint
CREATE INDEX "nonconformances_open_severity_idx" ON "nonconformances" USING btree ("severity") WHERE "nonconformances"."status" not in ('CLOSED', 'CANCELLED');