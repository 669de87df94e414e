-- A quality agreement's parts and signatures carry its supplier once the agreement is out of draft
-- (null before), so that their row-level security compares a column of their own instead of looking
-- up the agreement through EXISTS under the agreements policy, once for every row read: a supplier's
-- page of agreements paid for that lookup for each part and signature. As for contracts (0024), the
-- column is written by triggers only: from the agreement as a row is written, and again when an
-- agreement leaves or returns to draft or its supplier is corrected. The policies let through what
-- they did: an agreement's rows are visible to its supplier while it is not a draft.
ALTER TABLE "quality_agreement_parts" ADD COLUMN "offered_to_supplier_id" uuid;--> statement-breakpoint
ALTER TABLE "quality_agreement_signatures" ADD COLUMN "offered_to_supplier_id" uuid;--> statement-breakpoint
ALTER TABLE "quality_agreement_parts" ADD CONSTRAINT "quality_agreement_parts_offered_to_supplier_id_suppliers_id_fk" FOREIGN KEY ("offered_to_supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_agreement_signatures" ADD CONSTRAINT "quality_agreement_signatures_offered_to_supplier_id_suppliers_id_fk" FOREIGN KEY ("offered_to_supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
UPDATE "quality_agreement_parts" x SET "offered_to_supplier_id" = a."supplier_id" FROM "quality_agreements" a WHERE a."id" = x."agreement_id" AND a."status" <> 'DRAFT';--> statement-breakpoint
UPDATE "quality_agreement_signatures" x SET "offered_to_supplier_id" = a."supplier_id" FROM "quality_agreements" a WHERE a."id" = x."agreement_id" AND a."status" <> 'DRAFT';--> statement-breakpoint
-- Runs as whoever writes the row, under their row-level security: an agreement they may not see gives
-- no supplier, and the policy then refuses the row.
CREATE FUNCTION scm_agreement_part_supplier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT a.supplier_id INTO NEW.offered_to_supplier_id FROM quality_agreements a WHERE a.id = NEW.agreement_id AND a.status <> 'DRAFT';
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER quality_agreement_parts_supplier BEFORE INSERT OR UPDATE OF agreement_id, offered_to_supplier_id ON quality_agreement_parts FOR EACH ROW EXECUTE FUNCTION scm_agreement_part_supplier();--> statement-breakpoint
CREATE TRIGGER quality_agreement_signatures_supplier BEFORE INSERT OR UPDATE OF agreement_id, offered_to_supplier_id ON quality_agreement_signatures FOR EACH ROW EXECUTE FUNCTION scm_agreement_part_supplier();--> statement-breakpoint
CREATE FUNCTION scm_agreement_offer_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE quality_agreement_parts SET offered_to_supplier_id = NULL WHERE agreement_id = NEW.id;
  UPDATE quality_agreement_signatures SET offered_to_supplier_id = NULL WHERE agreement_id = NEW.id;
  RETURN NULL;
END
$$;--> statement-breakpoint
-- Each update above is rewritten by the rows' own trigger from the agreement as it now is.
CREATE TRIGGER quality_agreements_offer_to_parts AFTER UPDATE OF status, supplier_id ON quality_agreements FOR EACH ROW
  WHEN ((OLD.status = 'DRAFT') IS DISTINCT FROM (NEW.status = 'DRAFT') OR OLD.supplier_id IS DISTINCT FROM NEW.supplier_id)
  EXECUTE FUNCTION scm_agreement_offer_changed();--> statement-breakpoint
DROP POLICY tenancy ON quality_agreement_parts;--> statement-breakpoint
CREATE POLICY tenancy ON quality_agreement_parts USING ((SELECT scm_viewer_is_staff()) OR offered_to_supplier_id = (SELECT scm_viewer_supplier()));--> statement-breakpoint
DROP POLICY tenancy ON quality_agreement_signatures;--> statement-breakpoint
CREATE POLICY tenancy ON quality_agreement_signatures USING ((SELECT scm_viewer_is_staff()) OR offered_to_supplier_id = (SELECT scm_viewer_supplier()));
