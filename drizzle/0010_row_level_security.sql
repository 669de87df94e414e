-- Row-level security: the second tenancy wall behind the application's own scoping (src/db/scope.ts).
-- Requests run as scm_application, which owns nothing and cannot bypass RLS, with the viewer named in
-- scm.viewer_kind ('staff', 'supplier', 'customer') and scm.viewer_org (src/db/tenancy.ts). Without
-- those settings a policy lets nothing through. What partners may read mirrors scope.ts; what they may
-- write is limited to rows of their own organisation. The connecting role owns the tables and is not
-- subject to these policies: migrations, demo data, budgets and the activity hub run as it.
-- Parts are the company's catalogue, not partner-owned, and have no policy: which of them a partner
-- sees follows from its sourcing, orders, contracts, agreements and nonconformances, which the
-- application checks (src/db/scope.ts); as a policy, that check cost 30 ms per page of 250 order
-- lines. Who is designated for a part (sourced_parts) is partner-owned and under a policy.
-- The viewer functions are called as (SELECT f()): an InitPlan, evaluated once per statement instead
-- of once per row; every policy tests staff first, so staff reads never evaluate a subquery.
DO $$
BEGIN
  CREATE ROLE scm_application NOLOGIN NOBYPASSRLS;
EXCEPTION
  -- Roles belong to the cluster: another database of it may have created the role already.
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT scm_application TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO scm_application;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO scm_application;
--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO scm_application;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO scm_application;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO scm_application;
--> statement-breakpoint
CREATE FUNCTION scm_viewer_is_staff() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('scm.viewer_kind', true) = 'staff', false)
$$;
--> statement-breakpoint
CREATE FUNCTION scm_viewer_supplier() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN current_setting('scm.viewer_kind', true) = 'supplier' THEN nullif(current_setting('scm.viewer_org', true), '')::uuid END
$$;
--> statement-breakpoint
CREATE FUNCTION scm_viewer_customer() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN current_setting('scm.viewer_kind', true) = 'customer' THEN nullif(current_setting('scm.viewer_org', true), '')::uuid END
$$;
--> statement-breakpoint
ALTER TABLE suppliers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON suppliers USING ((SELECT scm_viewer_is_staff()) OR id = (SELECT scm_viewer_supplier()));
--> statement-breakpoint
ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON customers USING ((SELECT scm_viewer_is_staff()) OR id = (SELECT scm_viewer_customer()));
--> statement-breakpoint
ALTER TABLE supplier_surveys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON supplier_surveys USING ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier())) WITH CHECK ((SELECT scm_viewer_is_staff()));
--> statement-breakpoint
ALTER TABLE sourced_parts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON sourced_parts USING ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier())) WITH CHECK ((SELECT scm_viewer_is_staff()));
--> statement-breakpoint
ALTER TABLE contracts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON contracts
  USING ((SELECT scm_viewer_is_staff()) OR (offered_at IS NOT NULL AND (supplier_id = (SELECT scm_viewer_supplier()) OR customer_id = (SELECT scm_viewer_customer()))))
  WITH CHECK ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier()) OR customer_id = (SELECT scm_viewer_customer()));
--> statement-breakpoint
ALTER TABLE contract_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON contract_versions USING ((SELECT scm_viewer_is_staff()) OR EXISTS (SELECT 1 FROM contracts c WHERE c.id = contract_id));
--> statement-breakpoint
ALTER TABLE contract_items ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON contract_items USING ((SELECT scm_viewer_is_staff()) OR EXISTS (SELECT 1 FROM contracts c WHERE c.id = contract_id));
--> statement-breakpoint
ALTER TABLE contract_signatures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON contract_signatures USING ((SELECT scm_viewer_is_staff()) OR EXISTS (SELECT 1 FROM contracts c WHERE c.id = contract_id));
--> statement-breakpoint
ALTER TABLE quality_agreements ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON quality_agreements
  USING ((SELECT scm_viewer_is_staff()) OR (supplier_id = (SELECT scm_viewer_supplier()) AND status <> 'DRAFT'))
  WITH CHECK ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier()));
--> statement-breakpoint
ALTER TABLE quality_agreement_parts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON quality_agreement_parts USING ((SELECT scm_viewer_is_staff()) OR EXISTS (SELECT 1 FROM quality_agreements a WHERE a.id = agreement_id));
--> statement-breakpoint
ALTER TABLE quality_agreement_signatures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON quality_agreement_signatures USING ((SELECT scm_viewer_is_staff()) OR EXISTS (SELECT 1 FROM quality_agreements a WHERE a.id = agreement_id));
--> statement-breakpoint
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON orders
  USING ((SELECT scm_viewer_is_staff()) OR (status <> 'DRAFT' AND (supplier_id = (SELECT scm_viewer_supplier()) OR customer_id = (SELECT scm_viewer_customer()))))
  WITH CHECK ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier()) OR customer_id = (SELECT scm_viewer_customer()));
--> statement-breakpoint
ALTER TABLE order_lines ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON order_lines USING ((SELECT scm_viewer_is_staff()) OR EXISTS (SELECT 1 FROM orders o WHERE o.id = order_id));
--> statement-breakpoint
ALTER TABLE order_change_requests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON order_change_requests USING ((SELECT scm_viewer_is_staff()) OR EXISTS (SELECT 1 FROM orders o WHERE o.id = order_id));
--> statement-breakpoint
ALTER TABLE order_line_changes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON order_line_changes USING ((SELECT scm_viewer_is_staff()) OR EXISTS (SELECT 1 FROM order_change_requests r WHERE r.id = change_request_id));
--> statement-breakpoint
ALTER TABLE deliveries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON deliveries USING ((SELECT scm_viewer_is_staff()) OR EXISTS (SELECT 1 FROM orders o WHERE o.id = order_id));
--> statement-breakpoint
ALTER TABLE delivery_lines ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON delivery_lines USING ((SELECT scm_viewer_is_staff()) OR EXISTS (SELECT 1 FROM deliveries d WHERE d.id = delivery_id));
--> statement-breakpoint
ALTER TABLE delivery_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON delivery_events USING ((SELECT scm_viewer_is_staff()) OR EXISTS (SELECT 1 FROM deliveries d WHERE d.id = delivery_id));
--> statement-breakpoint
ALTER TABLE nonconformances ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON nonconformances USING ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier()) OR customer_id = (SELECT scm_viewer_customer()));
--> statement-breakpoint
ALTER TABLE nonconformance_history ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON nonconformance_history USING ((SELECT scm_viewer_is_staff()) OR EXISTS (SELECT 1 FROM nonconformances n WHERE n.id = nonconformance_id));
--> statement-breakpoint
ALTER TABLE inspections ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON inspections USING ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier()));
--> statement-breakpoint
ALTER TABLE inspection_switching ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON inspection_switching USING ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier()));
--> statement-breakpoint
ALTER TABLE supplier_evaluations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON supplier_evaluations USING ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier())) WITH CHECK ((SELECT scm_viewer_is_staff()));
--> statement-breakpoint
ALTER TABLE customer_feedback ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON customer_feedback USING ((SELECT scm_viewer_is_staff()) OR customer_id = (SELECT scm_viewer_customer()));
--> statement-breakpoint
ALTER TABLE satisfaction_surveys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON satisfaction_surveys USING ((SELECT scm_viewer_is_staff()) OR customer_id = (SELECT scm_viewer_customer()));
--> statement-breakpoint
ALTER TABLE activity ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenancy ON activity
  USING ((SELECT scm_viewer_is_staff()) OR (partner_visible AND (supplier_id = (SELECT scm_viewer_supplier()) OR customer_id = (SELECT scm_viewer_customer()))))
  WITH CHECK ((SELECT scm_viewer_is_staff()) OR supplier_id = (SELECT scm_viewer_supplier()) OR customer_id = (SELECT scm_viewer_customer()));
