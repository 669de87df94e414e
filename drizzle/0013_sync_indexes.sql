CREATE INDEX "contracts_updated_at_idx" ON "contracts" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "customers_created_at_idx" ON "customers" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "customers_updated_at_idx" ON "customers" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "parts_created_at_idx" ON "parts" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "parts_updated_at_idx" ON "parts" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "suppliers_updated_at_idx" ON "suppliers" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "quality_agreements_updated_at_idx" ON "quality_agreements" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "deliveries_updated_at_idx" ON "deliveries" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "orders_updated_at_idx" ON "orders" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "nonconformances_updated_at_idx" ON "nonconformances" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "customer_feedback_created_at_idx" ON "customer_feedback" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "customer_feedback_updated_at_idx" ON "customer_feedback" USING btree ("updated_at","id");