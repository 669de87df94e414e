-- A delivery carries its order's partner, so that tenancy compares a column of the delivery instead
-- of looking up its order: in src/db/scope.ts, and in row-level security, where the policy of
-- deliveries checked its order through EXISTS (bringing in the policy of orders), and the policies
-- of delivery lines and events checked their delivery the same way, two levels deep. The columns are
-- written by triggers only: from the order as a delivery is written, and again if an order's partner
-- is ever corrected. A partner sees no draft order, and no draft order has deliveries (an order
-- ships once ACKNOWLEDGED and never returns to DRAFT), so the policy lets through what it did.
ALTER TABLE "deliveries" ADD COLUMN "supplier_id" uuid;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "customer_id" uuid;--> statement-breakpoint
UPDATE "deliveries" d SET "supplier_id" = o."supplier_id", "customer_id" = o."customer_id" FROM "orders" o WHERE o."id" = d."order_id";--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliveries_supplier_idx" ON "deliveries" USING btree ("supplier_id","created_at","id");--> statement-breakpoint
CREATE INDEX "deliveries_customer_idx" ON "deliveries" USING btree ("customer_id","created_at","id");--> statement-breakpoint
-- Runs as whoever writes the delivery, under their row-level security: an order they may not see
-- gives no partner, and the policy then refuses the row.
CREATE FUNCTION scm_delivery_partner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT o.supplier_id, o.customer_id INTO NEW.supplier_id, NEW.customer_id FROM orders o WHERE o.id = NEW.order_id;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER deliveries_partner BEFORE INSERT OR UPDATE OF order_id, supplier_id, customer_id ON deliveries FOR EACH ROW EXECUTE FUNCTION scm_delivery_partner();--> statement-breakpoint
CREATE FUNCTION scm_order_partner_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE deliveries SET supplier_id = NEW.supplier_id, customer_id = NEW.customer_id WHERE order_id = NEW.id;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER orders_partner_to_deliveries AFTER UPDATE OF supplier_id, customer_id ON orders FOR EACH ROW
  WHEN (OLD.supplier_id IS DISTINCT FROM NEW.supplier_id OR OLD.customer_id IS DISTINCT FROM NEW.customer_id)
  EXECUTE FUNCTION scm_order_partner_changed();--> statement-breakpoint
DROP POLICY tenancy ON deliveries;--> statement-breakpoint
CREATE POLICY tenancy ON deliveries USING ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier()) OR customer_id = (SELECT scm_viewer_customer()));
