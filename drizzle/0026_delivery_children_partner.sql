-- A delivery's lines and events carry its partner (the columns drizzle/0022 gave deliveries), so that
-- their row-level security compares columns of their own instead of looking up the delivery through
-- EXISTS for every row read: a partner's delivery by id paid one lookup per event, and a page of
-- deliveries one per line and one per event. The columns are written by triggers only: from the
-- delivery as a row is written, and again when a delivery's partner changes (as a correction of its
-- order's partner does, drizzle/0022). The policies let through what they did.
ALTER TABLE "delivery_events" ADD COLUMN "supplier_id" uuid;--> statement-breakpoint
ALTER TABLE "delivery_events" ADD COLUMN "customer_id" uuid;--> statement-breakpoint
ALTER TABLE "delivery_lines" ADD COLUMN "supplier_id" uuid;--> statement-breakpoint
ALTER TABLE "delivery_lines" ADD COLUMN "customer_id" uuid;--> statement-breakpoint
UPDATE "delivery_lines" x SET "supplier_id" = d."supplier_id", "customer_id" = d."customer_id" FROM "deliveries" d WHERE d."id" = x."delivery_id";--> statement-breakpoint
UPDATE "delivery_events" x SET "supplier_id" = d."supplier_id", "customer_id" = d."customer_id" FROM "deliveries" d WHERE d."id" = x."delivery_id";--> statement-breakpoint
ALTER TABLE "delivery_events" ADD CONSTRAINT "delivery_events_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_events" ADD CONSTRAINT "delivery_events_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_lines" ADD CONSTRAINT "delivery_lines_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_lines" ADD CONSTRAINT "delivery_lines_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Runs as whoever writes the row, under their row-level security: a delivery they may not see gives
-- no partner, and the policy then refuses the row.
CREATE FUNCTION scm_delivery_part_partner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT d.supplier_id, d.customer_id INTO NEW.supplier_id, NEW.customer_id FROM deliveries d WHERE d.id = NEW.delivery_id;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER delivery_lines_partner BEFORE INSERT OR UPDATE OF delivery_id, supplier_id, customer_id ON delivery_lines FOR EACH ROW EXECUTE FUNCTION scm_delivery_part_partner();--> statement-breakpoint
CREATE TRIGGER delivery_events_partner BEFORE INSERT OR UPDATE OF delivery_id, supplier_id, customer_id ON delivery_events FOR EACH ROW EXECUTE FUNCTION scm_delivery_part_partner();--> statement-breakpoint
CREATE FUNCTION scm_delivery_partner_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE delivery_lines SET supplier_id = NEW.supplier_id, customer_id = NEW.customer_id WHERE delivery_id = NEW.id;
  UPDATE delivery_events SET supplier_id = NEW.supplier_id, customer_id = NEW.customer_id WHERE delivery_id = NEW.id;
  RETURN NULL;
END
$$;--> statement-breakpoint
-- Each update above is rewritten by the rows' own trigger from the delivery as it now is.
CREATE TRIGGER deliveries_partner_to_parts AFTER UPDATE OF supplier_id, customer_id ON deliveries FOR EACH ROW
  WHEN (OLD.supplier_id IS DISTINCT FROM NEW.supplier_id OR OLD.customer_id IS DISTINCT FROM NEW.customer_id)
  EXECUTE FUNCTION scm_delivery_partner_changed();--> statement-breakpoint
DROP POLICY tenancy ON delivery_lines;--> statement-breakpoint
CREATE POLICY tenancy ON delivery_lines USING ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier()) OR customer_id = (SELECT scm_viewer_customer()));--> statement-breakpoint
DROP POLICY tenancy ON delivery_events;--> statement-breakpoint
CREATE POLICY tenancy ON delivery_events USING ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier()) OR customer_id = (SELECT scm_viewer_customer()));
