-- A partner's activity feed is read in commit-safe order (transaction, then id) within the partner's
-- rows: with the partner first in the index and the order after it, a page reads its own rows below
-- the horizon and stops at the page's size, where an index on (partner, id) read every row the
-- partner ever had and sorted them. The customer's (customer, id) index stays: its timeline is read
-- newest entry first.
DROP INDEX "activity_supplier_idx";--> statement-breakpoint
CREATE INDEX "activity_supplier_feed_idx" ON "activity" USING btree ("supplier_id","tx_id","id");--> statement-breakpoint
CREATE INDEX "activity_customer_feed_idx" ON "activity" USING btree ("customer_id","tx_id","id");