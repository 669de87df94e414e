-- A partner's page of orders, invoices, nonconformances, contracts, quality agreements or webhook
-- endpoints is read in the page's order within the partner's rows, and stops at the page's size: the
-- partner comes first in the index and the page's sort after it. Before, orders without a status
-- filter, and the others always, read every row the partner had and sorted them, and a supplier's
-- invoices were found by reading everyone's (test/read-plans.test.ts checks every root page).
DROP INDEX "contracts_supplier_idx";--> statement-breakpoint
DROP INDEX "contracts_customer_idx";--> statement-breakpoint
DROP INDEX "quality_agreements_supplier_idx";--> statement-breakpoint
DROP INDEX "nonconformances_supplier_idx";--> statement-breakpoint
DROP INDEX "nonconformances_customer_idx";--> statement-breakpoint
DROP INDEX "webhook_endpoints_supplier_idx";--> statement-breakpoint
DROP INDEX "webhook_endpoints_customer_idx";--> statement-breakpoint
CREATE INDEX "orders_supplier_due_idx" ON "orders" USING btree ("supplier_id","due_date","id");--> statement-breakpoint
CREATE INDEX "orders_customer_due_idx" ON "orders" USING btree ("customer_id","due_date","id");--> statement-breakpoint
CREATE INDEX "invoices_supplier_created_at_idx" ON "invoices" USING btree ("supplier_id","created_at","id");--> statement-breakpoint
CREATE INDEX "contracts_supplier_idx" ON "contracts" USING btree ("supplier_id","created_at","id");--> statement-breakpoint
CREATE INDEX "contracts_customer_idx" ON "contracts" USING btree ("customer_id","created_at","id");--> statement-breakpoint
CREATE INDEX "quality_agreements_supplier_idx" ON "quality_agreements" USING btree ("supplier_id","created_at","id");--> statement-breakpoint
CREATE INDEX "nonconformances_supplier_idx" ON "nonconformances" USING btree ("supplier_id","created_at","id");--> statement-breakpoint
CREATE INDEX "nonconformances_customer_idx" ON "nonconformances" USING btree ("customer_id","created_at","id");--> statement-breakpoint
CREATE INDEX "webhook_endpoints_supplier_idx" ON "webhook_endpoints" USING btree ("supplier_id","created_at","id");--> statement-breakpoint
CREATE INDEX "webhook_endpoints_customer_idx" ON "webhook_endpoints" USING btree ("customer_id","created_at","id");