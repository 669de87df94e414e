-- A contract's versions, items and signatures carry the contract's partner once the contract is
-- offered (null before), so that their row-level security compares columns of their own instead of
-- looking up the contract through EXISTS, which brought in the policy of contracts for every row
-- read: a partner's contract by id paid for that lookup three times. The columns are written by
-- triggers only: from the contract as a row is written, and again when a contract is offered or its
-- partner is ever corrected. The policies let through what they did: a contract's rows are visible
-- to its partner once it is offered.
ALTER TABLE "contract_items" ADD COLUMN "offered_to_supplier_id" uuid;--> statement-breakpoint
ALTER TABLE "contract_items" ADD COLUMN "offered_to_customer_id" uuid;--> statement-breakpoint
ALTER TABLE "contract_signatures" ADD COLUMN "offered_to_supplier_id" uuid;--> statement-breakpoint
ALTER TABLE "contract_signatures" ADD COLUMN "offered_to_customer_id" uuid;--> statement-breakpoint
ALTER TABLE "contract_versions" ADD COLUMN "offered_to_supplier_id" uuid;--> statement-breakpoint
ALTER TABLE "contract_versions" ADD COLUMN "offered_to_customer_id" uuid;--> statement-breakpoint
ALTER TABLE "contract_items" ADD CONSTRAINT "contract_items_offered_to_supplier_id_suppliers_id_fk" FOREIGN KEY ("offered_to_supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_items" ADD CONSTRAINT "contract_items_offered_to_customer_id_customers_id_fk" FOREIGN KEY ("offered_to_customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_signatures" ADD CONSTRAINT "contract_signatures_offered_to_supplier_id_suppliers_id_fk" FOREIGN KEY ("offered_to_supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_signatures" ADD CONSTRAINT "contract_signatures_offered_to_customer_id_customers_id_fk" FOREIGN KEY ("offered_to_customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_versions" ADD CONSTRAINT "contract_versions_offered_to_supplier_id_suppliers_id_fk" FOREIGN KEY ("offered_to_supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_versions" ADD CONSTRAINT "contract_versions_offered_to_customer_id_customers_id_fk" FOREIGN KEY ("offered_to_customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
UPDATE "contract_versions" x SET "offered_to_supplier_id" = c."supplier_id", "offered_to_customer_id" = c."customer_id" FROM "contracts" c WHERE c."id" = x."contract_id" AND c."offered_at" IS NOT NULL;--> statement-breakpoint
UPDATE "contract_items" x SET "offered_to_supplier_id" = c."supplier_id", "offered_to_customer_id" = c."customer_id" FROM "contracts" c WHERE c."id" = x."contract_id" AND c."offered_at" IS NOT NULL;--> statement-breakpoint
UPDATE "contract_signatures" x SET "offered_to_supplier_id" = c."supplier_id", "offered_to_customer_id" = c."customer_id" FROM "contracts" c WHERE c."id" = x."contract_id" AND c."offered_at" IS NOT NULL;--> statement-breakpoint
-- Runs as whoever writes the row, under their row-level security: a contract they may not see gives
-- no partner, and the policy then refuses the row (a partner signs only a contract offered to them).
CREATE FUNCTION scm_contract_part_partner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT c.supplier_id, c.customer_id INTO NEW.offered_to_supplier_id, NEW.offered_to_customer_id FROM contracts c WHERE c.id = NEW.contract_id AND c.offered_at IS NOT NULL;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER contract_versions_partner BEFORE INSERT OR UPDATE OF contract_id, offered_to_supplier_id, offered_to_customer_id ON contract_versions FOR EACH ROW EXECUTE FUNCTION scm_contract_part_partner();--> statement-breakpoint
CREATE TRIGGER contract_items_partner BEFORE INSERT OR UPDATE OF contract_id, offered_to_supplier_id, offered_to_customer_id ON contract_items FOR EACH ROW EXECUTE FUNCTION scm_contract_part_partner();--> statement-breakpoint
CREATE TRIGGER contract_signatures_partner BEFORE INSERT OR UPDATE OF contract_id, offered_to_supplier_id, offered_to_customer_id ON contract_signatures FOR EACH ROW EXECUTE FUNCTION scm_contract_part_partner();--> statement-breakpoint
CREATE FUNCTION scm_contract_offer_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE contract_versions SET offered_to_supplier_id = NULL, offered_to_customer_id = NULL WHERE contract_id = NEW.id;
  UPDATE contract_items SET offered_to_supplier_id = NULL, offered_to_customer_id = NULL WHERE contract_id = NEW.id;
  UPDATE contract_signatures SET offered_to_supplier_id = NULL, offered_to_customer_id = NULL WHERE contract_id = NEW.id;
  RETURN NULL;
END
$$;--> statement-breakpoint
-- Each update above is rewritten by the rows' own trigger from the contract as it now is.
CREATE TRIGGER contracts_offer_to_parts AFTER UPDATE OF offered_at, supplier_id, customer_id ON contracts FOR EACH ROW
  WHEN (OLD.offered_at IS DISTINCT FROM NEW.offered_at OR OLD.supplier_id IS DISTINCT FROM NEW.supplier_id OR OLD.customer_id IS DISTINCT FROM NEW.customer_id)
  EXECUTE FUNCTION scm_contract_offer_changed();--> statement-breakpoint
DROP POLICY tenancy ON contract_versions;--> statement-breakpoint
CREATE POLICY tenancy ON contract_versions USING ((SELECT scm_viewer_is_staff()) OR offered_to_supplier_id = (SELECT scm_viewer_supplier()) OR offered_to_customer_id = (SELECT scm_viewer_customer()));--> statement-breakpoint
DROP POLICY tenancy ON contract_items;--> statement-breakpoint
CREATE POLICY tenancy ON contract_items USING ((SELECT scm_viewer_is_staff()) OR offered_to_supplier_id = (SELECT scm_viewer_supplier()) OR offered_to_customer_id = (SELECT scm_viewer_customer()));--> statement-breakpoint
DROP POLICY tenancy ON contract_signatures;--> statement-breakpoint
CREATE POLICY tenancy ON contract_signatures USING ((SELECT scm_viewer_is_staff()) OR offered_to_supplier_id = (SELECT scm_viewer_supplier()) OR offered_to_customer_id = (SELECT scm_viewer_customer()));
