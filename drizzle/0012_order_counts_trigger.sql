-- order_counts stays exact: every insert, status change or removal of an order moves its count in the
-- same transaction, so the dashboard's open orders and the suppliers ranked by them read a row per
-- partner instead of every order. Requests run as scm_application, which may write the table (it has
-- no row-level security: only company-wide figures read it).
CREATE FUNCTION scm_count_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE order_counts SET orders = orders - 1
    WHERE partner_id = coalesce(OLD.supplier_id, OLD.customer_id) AND direction = OLD.direction AND status = OLD.status;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO order_counts (partner_id, direction, status, orders)
    VALUES (coalesce(NEW.supplier_id, NEW.customer_id), NEW.direction, NEW.status, 1)
    ON CONFLICT (partner_id, direction, status) DO UPDATE SET orders = order_counts.orders + 1;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER orders_counted AFTER INSERT OR DELETE OR UPDATE OF status, direction, supplier_id, customer_id ON orders
  FOR EACH ROW EXECUTE FUNCTION scm_count_orders();
--> statement-breakpoint
INSERT INTO order_counts (partner_id, direction, status, orders)
  SELECT coalesce(supplier_id, customer_id), direction, status, count(*)::int FROM orders GROUP BY 1, 2, 3;
