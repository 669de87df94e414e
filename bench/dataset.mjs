// The benchmark's data set, as SQL steps over the project's own tables, at any scale: the benchmark
// loads it at full size (bench/generate.mjs) and the plan tests at a small one (test/read-plans.test.ts),
// so that plans are judged on realistic distributions.
//
// Every supplier has orders in every status, change requests, receipts with inspections, rejected lots
// with their nonconformances and histories, evaluations, a supply contract and a quality agreement;
// customers have sales orders, feedback and satisfaction surveys; the activity log has the orders'
// and deliveries' steps and the customers' feedback, for each partner's feed.

export const FULL_SCALE = { suppliers: 2000, parts: 20000, orders: 200000 };

/** [what, sql] pairs to run in order on an empty, migrated database. */
export function datasetSteps({ suppliers, parts, orders }) {
  const customers = Math.max(2, Math.round(suppliers / 10));
  const salesOrders = Math.round(orders / 10);
  return [
    [
      'suppliers and customers',
      `
      create table bench_suppliers as select n, gen_random_uuid() as id from generate_series(1, ${suppliers}) n;
      insert into suppliers (id, code, name, country, status, grade, contacts, created_at, updated_at)
        select id, 'BS-' || lpad(n::text, 5, '0'), 'Bench Supplier ' || n, (array['CN','DE','US','JP','IT'])[1 + n % 5],
          (case when n % 20 = 0 then 'SUSPENDED' when n % 20 = 1 then 'CONDITIONAL' when n % 50 = 2 then 'CANDIDATE' when n % 50 = 3 then 'DISQUALIFIED' else 'APPROVED' end)::supplier_status,
          (array['A','B','C','D',null])[1 + n % 5]::supplier_grade,
          jsonb_build_array(jsonb_build_object('name', 'Contact ' || n, 'title', 'Sales', 'email', 'c' || n || '@example.com', 'phone', null, 'primary', true)),
          now() - (n % 900) * interval '1 day', now()
        from bench_suppliers;
      create table bench_customers as select n, gen_random_uuid() as id from generate_series(1, ${customers}) n;
      insert into customers (id, code, name, country, industry, contacts, created_at, updated_at)
        select id, 'BC-' || lpad(n::text, 5, '0'), 'Bench Customer ' || n, 'DE', 'Machinery', '[]'::jsonb, now() - n * interval '1 day', now() from bench_customers;`,
    ],
    [
      'parts and sourcing',
      `
      create table bench_parts as select n, gen_random_uuid() as id from generate_series(1, ${parts}) n;
      insert into parts (id, part_number, description, unit, importance_class, created_at, updated_at)
        select id, 'BP-' || lpad(n::text, 6, '0'), 'Bench part ' || n || ', machined', 'pcs', (array['I','II','III'])[1 + n % 3]::importance_class, now(), now() from bench_parts;
      insert into sourced_parts (part_id, supplier_id, status, share_percent, approved_at, created_at, updated_at)
        select p.id, s.id, 'APPROVED', 100, now(), now(), now() from bench_parts p join bench_suppliers s on s.n = 1 + p.n % ${suppliers};`,
    ],
    [
      // A supplier's orders go round all ten statuses: order n belongs to supplier 1 + n % suppliers,
      // and its status follows n / suppliers.
      'orders',
      `
      create table bench_orders as select n, gen_random_uuid() as id, 1 + n % ${suppliers} as s, (n / ${suppliers}) % 10 as k from generate_series(1, ${orders}) n;
      insert into orders (id, number, direction, status, supplier_id, currency, due_date, issued_at, acknowledged_at, created_by_id, version, created_at, updated_at)
        select o.id, 'PO-B-' || lpad(o.n::text, 7, '0'), 'PURCHASE',
          (case when o.k = 0 then 'ISSUED' when o.k in (1, 2, 3) then 'ACKNOWLEDGED' when o.k in (4, 5) then 'PARTIALLY_DELIVERED' when o.k = 6 then 'DELIVERED' when o.k = 7 then 'CLOSED' when o.k = 8 then 'CANCELLED' else 'DRAFT' end)::order_status,
          s.id, 'EUR', date '2026-01-01' + (o.n * 7 % 730), case when o.k <> 9 then now() - interval '30 days' end, case when o.k between 1 and 7 then now() - interval '29 days' end, 'bench', 3, now() - (o.n % 1000) * interval '1 minute', now()
        from bench_orders o join bench_suppliers s on s.n = o.s;
      create table bench_sales as select n, gen_random_uuid() as id, 1 + n % ${customers} as c from generate_series(1, ${salesOrders}) n;
      insert into orders (id, number, direction, status, customer_id, currency, due_date, issued_at, created_by_id, version, created_at, updated_at)
        select o.id, 'SO-B-' || lpad(o.n::text, 7, '0'), 'SALES', (array['ISSUED','ACKNOWLEDGED','DELIVERED','CLOSED'])[1 + (o.n / ${customers}) % 4]::order_status,
          c.id, 'EUR', date '2026-01-01' + (o.n * 5 % 730), now() - interval '20 days', 'bench', 1, now() - (o.n % 1000) * interval '1 minute', now()
        from bench_sales o join bench_customers c on c.n = o.c;`,
    ],
    [
      'order lines',
      `
      insert into order_lines (order_id, line_number, part_id, quantity, unit_price, requested_date, confirmed_quantity, confirmed_date, delivered_quantity, accepted_quantity)
        select o.id, l, p.id, 10 * l, 1.25 + l, date '2026-01-01' + (o.n * 7 % 730) + l, 10 * l, date '2026-01-01' + (o.n * 7 % 730) + l,
          case when o.k in (6, 7) then 10 * l when o.k in (4, 5) then 5 * l else 0 end,
          case when o.k in (6, 7) then 10 * l when o.k in (4, 5) then 5 * l else 0 end
        from bench_orders o cross join generate_series(1, 5) l join bench_parts p on p.n = 1 + (o.n * 7 + l * 13) % ${parts};
      insert into order_lines (order_id, line_number, part_id, quantity, unit_price, requested_date, delivered_quantity, accepted_quantity)
        select o.id, l, p.id, 4 * l, 9.5 + l, date '2026-01-01' + (o.n * 5 % 730) + l, 0, 0
        from bench_sales o cross join generate_series(1, 3) l join bench_parts p on p.n = 1 + (o.n * 11 + l * 17) % ${parts};`,
    ],
    [
      'change requests',
      `
      create table bench_changes as select o.n, gen_random_uuid() as id, o.id as order_id, (o.n / ${suppliers}) % 3 as v from bench_orders o where o.k in (1, 2, 3) and o.n % 7 = 0;
      insert into order_change_requests (id, order_id, requested_by, requested_by_id, reason, status, respond_by, decided_at, decided_by_name, decision_note, created_at)
        select c.id, c.order_id, (case when c.v = 0 then 'COMPANY' else 'PARTNER' end)::party, 'bench', 'Demand changed: quantity ' || c.n,
          (array['PENDING','ACCEPTED','REJECTED'])[1 + c.v]::change_request_status, now() + interval '3 days',
          case when c.v > 0 then now() - interval '2 days' end, case when c.v > 0 then 'Bench Buyer' end, case when c.v = 2 then 'Cannot produce in time' end, now() - interval '5 days'
        from bench_changes c;
      insert into order_line_changes (change_request_id, line_id, quantity)
        select c.id, l.id, l.quantity + 5 from bench_changes c join order_lines l on l.order_id = c.order_id and l.line_number in (1, 2);`,
    ],
    [
      // One delivery per order from acknowledgement on: in transit while open, received once delivered.
      'deliveries',
      `
      create table bench_deliveries as select o.n, gen_random_uuid() as id, o.id as order_id, o.k from bench_orders o where o.k between 1 and 7;
      insert into deliveries (id, number, order_id, status, carrier, tracking_number, shipped_at, estimated_arrival, arrived_at, received_at, version, created_at, updated_at)
        select d.id, 'ASN-B-' || lpad(d.n::text, 7, '0'), d.order_id,
          (case when d.k <= 5 then (array['DISPATCHED','IN_TRANSIT','DELAYED'])[1 + d.n % 3] else 'RECEIVED' end)::delivery_status,
          'Bench Freight', 'BF' || d.n, now() - interval '5 days', now() + (d.n % 20 - 5) * interval '1 day',
          case when d.k > 5 then now() - interval '1 day' end, case when d.k > 5 then now() - (d.n % 300) * interval '1 day' end, 3, now() - interval '5 days', now()
        from bench_deliveries d;
      insert into delivery_lines (delivery_id, order_line_id, quantity, lot_number, received_quantity)
        select d.id, ol.id, ol.quantity, 'LOT-' || d.n, case when d.k > 5 then ol.quantity end
        from bench_deliveries d join order_lines ol on ol.order_id = d.order_id and ol.line_number in (1, 2);`,
    ],
    [
      'delivery events',
      `
      insert into delivery_events (delivery_id, status, occurred_at, location, recorded_at)
        select d.id, (array['PLANNED','DISPATCHED','IN_TRANSIT'])[e]::delivery_status, now() - (6 - e) * interval '1 day', 'Hub ' || e, now()
        from bench_deliveries d cross join generate_series(1, 3) e;`,
    ],
    [
      // One inspection per received delivery line (5% of lots rejected) and a nonconformance per
      // rejected lot, most of them closed, each with its history.
      'inspections and nonconformances',
      `
      insert into inspections (delivery_id, order_line_id, part_id, supplier_id, lot_number, lot_size, received_quantity, aql, inspection_level, severity, code_letter, sample_size, accept_number, reject_number, source_inspection, defects_found, result, inspected_by_name, inspected_at, created_at, updated_at)
        select d.id, dl.order_line_id, ol.part_id, o.supplier_id, dl.lot_number, ceil(dl.quantity)::int, dl.quantity, 1.0, 'II', 'NORMAL', 'C', 5, 0, 1, false,
          case when bd.n % 20 = 7 and ol.line_number = 1 then 1 else 0 end, (case when bd.n % 20 = 7 and ol.line_number = 1 then 'REJECTED' else 'ACCEPTED' end)::inspection_result, 'Bench QE', d.received_at, d.received_at, d.received_at
        from bench_deliveries bd join deliveries d on d.id = bd.id join delivery_lines dl on dl.delivery_id = d.id join order_lines ol on ol.id = dl.order_line_id join orders o on o.id = d.order_id
        where d.status = 'RECEIVED';
      insert into nonconformances (number, source, status, severity, part_id, supplier_id, order_id, delivery_id, inspection_id, quantity_affected, description, responsibility, disposition, containment, root_cause, containment_due_at, corrective_action_due_at, contained_at, corrective_action_at, reported_by_id, created_at, updated_at)
        select 'NCR-B-' || lpad(row_number() over ()::text, 6, '0'), 'INCOMING_INSPECTION',
          (case when i.lot_size % 5 = 0 then 'OPEN' when i.lot_size % 5 = 1 then 'CONTAINED' else 'CLOSED' end)::nonconformance_status,
          (array['MINOR','MAJOR','CRITICAL'])[1 + i.lot_size % 3]::severity, i.part_id, i.supplier_id, ol.order_id, i.delivery_id, i.id, i.received_quantity, 'Rejected at incoming inspection',
          (case when i.lot_size % 5 = 0 then 'UNDETERMINED' else 'SUPPLIER' end)::responsibility, case when i.lot_size % 5 >= 2 then 'RETURN_TO_SUPPLIER'::disposition end,
          case when i.lot_size % 5 >= 1 then 'Lot quarantined' end, case when i.lot_size % 5 >= 2 then 'Worn die' end,
          i.inspected_at + interval '24 hours', i.inspected_at + interval '10 days', case when i.lot_size % 5 >= 1 then i.inspected_at + interval '6 hours' end,
          case when i.lot_size % 5 >= 2 then i.inspected_at + interval '5 days' end, 'bench', i.inspected_at, i.inspected_at
        from inspections i join order_lines ol on ol.id = i.order_line_id where i.result = 'REJECTED';
      insert into nonconformance_history (nonconformance_id, at, by_name, by_organization_id, from_status, to_status, note)
        select id, created_at, 'Bench QE', null::uuid, null::nonconformance_status, 'OPEN'::nonconformance_status, 'Reported' from nonconformances
        union all select id, created_at + interval '6 hours', 'Supplier QA', supplier_id, 'OPEN', 'CONTAINED', 'Lot sorted' from nonconformances where status <> 'OPEN'
        union all select id, created_at + interval '20 days', 'Bench QE', null, 'CONTAINED', 'CLOSED', 'Verified' from nonconformances where status = 'CLOSED';`,
    ],
    [
      'evaluations, contracts and quality agreements',
      `
      insert into supplier_evaluations (supplier_id, period_from, period_to, quality_score, delivery_score, service_score, price_score, technical_score, total_score, grade, rewards_and_penalties, evaluated_by_name, evaluated_at, notes)
        select s.id, date '2025-01-01' + q * 91, date '2025-01-01' + q * 91 + 90, 80 + s.n % 20, 70 + s.n % 30, 85, 75, 90, 80, (array['A','B','C','D'])[1 + (s.n + q) % 4]::supplier_grade,
          jsonb_build_array(jsonb_build_object('kind', 'PENALTY', 'reason', 'Late lot', 'amount', '250.00')), 'Bench QE', now() - (4 - q) * interval '90 days', 'Quarterly'
        from bench_suppliers s cross join generate_series(0, 1) q;
      create table bench_contracts as select s.n, gen_random_uuid() as id, s.id as supplier_id, null::uuid as customer_id from bench_suppliers s
        union all select ${suppliers} + c.n, gen_random_uuid(), null, c.id from bench_customers c;
      insert into contracts (id, number, type, status, supplier_id, customer_id, currency, version, in_force_version, drafted_by_id, drafted_by_name, offered_at, created_at, updated_at)
        select id, 'CT-B-' || lpad(n::text, 6, '0'), (case when supplier_id is null then 'SALES' else 'SUPPLY' end)::contract_type, 'ACTIVE', supplier_id, customer_id, 'EUR', 1, 1, 'bench', 'Bench Buyer', now() - interval '200 days', now() - (n % 700) * interval '1 day', now()
        from bench_contracts;
      insert into contract_versions (contract_id, version, title, effective_from, effective_to, payment_term_days, delivery_terms, clauses, summary, changed_by_id, changed_by_name, changed_at)
        select id, 1, 'Framework agreement ' || n, date '2026-01-01', date '2026-12-01' + (n % 400), 60, 'FCA', jsonb_build_array(jsonb_build_object('heading', 'Quality', 'body', 'Per the quality agreement.')), 'Signed', 'bench', 'Bench Buyer', now() - interval '200 days'
        from bench_contracts;
      insert into contract_items (contract_id, version, line, part_id, unit_price, minimum_order_quantity, lead_time_days)
        select c.id, 1, l, p.id, 2.5 + l, 100, 30 from bench_contracts c cross join generate_series(1, 3) l join bench_parts p on p.n = 1 + (c.n * 3 + l) % ${parts};
      insert into contract_signatures (contract_id, version, party, signed_by_id, signed_by_name, signed_at)
        select id, 1, p::party, 'bench', 'Bench signer', now() - interval '190 days' from bench_contracts cross join unnest(array['COMPANY', 'PARTNER']) p;
      create table bench_agreements as select s.n, gen_random_uuid() as id, s.id as supplier_id from bench_suppliers s;
      insert into quality_agreements (id, number, supplier_id, status, effective_from, aql, inspection_level, target_ppm, containment_hours, corrective_action_days, source_inspection, version, created_by_id, activated_at, created_at, updated_at)
        select id, 'QA-B-' || lpad(n::text, 6, '0'), supplier_id, 'ACTIVE', date '2026-01-01', 1.0, 'II', 500, 24, 10, false, 1, 'bench', now() - interval '150 days', now() - interval '160 days', now()
        from bench_agreements;
      insert into quality_agreement_parts (agreement_id, part_id)
        select a.id, p.id from bench_agreements a cross join generate_series(0, 1) k join bench_parts p on p.n = 1 + (a.n + k * ${suppliers}) % ${parts};
      insert into quality_agreement_signatures (agreement_id, party, signed_by_id, signed_by_name, signed_at)
        select id, p::party, 'bench', 'Bench signer', now() - interval '150 days' from bench_agreements cross join unnest(array['COMPANY', 'PARTNER']) p;`,
    ],
    [
      'customer feedback and satisfaction',
      `
      insert into customer_feedback (number, customer_id, kind, channel, subject, description, severity, status, received_at, acknowledge_by, acknowledged_at, resolve_by, resolved_at, resolution, recorded_by_id, created_at, updated_at)
        select 'FB-B-' || lpad((c.n * 20 + k)::text, 6, '0'), c.id, (array['COMPLAINT','SUGGESTION','PRAISE','INQUIRY'])[1 + k % 4]::feedback_kind, 'PORTAL', 'Feedback ' || k, 'About delivery ' || k,
          case when k % 4 = 0 then 'MAJOR'::severity end, (array['RECEIVED','ACKNOWLEDGED','IN_PROGRESS','RESOLVED','CLOSED'])[1 + k % 5]::feedback_status,
          now() - k * interval '3 days', now() - k * interval '3 days' + interval '1 day', case when k % 5 >= 1 then now() - k * interval '3 days' + interval '4 hours' end,
          now() - k * interval '3 days' + interval '5 days', case when k % 5 >= 3 then now() - k * interval '3 days' + interval '3 days' end, case when k % 5 >= 3 then 'Resolved' end, 'bench', now() - k * interval '3 days', now()
        from bench_customers c cross join generate_series(1, 20) k;
      insert into satisfaction_surveys (customer_id, period_from, period_to, scores, overall, comments, submitted_at, submitted_by_id)
        select c.id, date '2025-01-01' + q * 91, date '2025-01-01' + q * 91 + 90, jsonb_build_array(jsonb_build_object('dimension', 'Quality', 'score', 3 + (c.n + q) % 3), jsonb_build_object('dimension', 'Delivery', 'score', 4)), 3.5 + ((c.n + q) % 3) * 0.25, null, now() - (8 - q) * interval '90 days', 'bench'
        from bench_customers c cross join generate_series(0, 3) q;`,
    ],
    [
      'activity',
      `
      insert into activity (occurred_at, actor_id, actor_name, kind, subject_type, subject_id, supplier_id, order_id, summary)
        select now() - interval '30 days', 'bench', 'Bench Buyer', 'ORDER_ISSUED', 'Order', o.id, s.id, o.id, 'Purchase order PO-B-' || o.n || ' issued.'
        from bench_orders o join bench_suppliers s on s.n = o.s where o.k <> 9;
      insert into activity (occurred_at, actor_id, actor_name, actor_organization_id, kind, subject_type, subject_id, supplier_id, order_id, detail_id, summary)
        select e.occurred_at, 'bench', 'Supplier user', o.supplier_id, 'DELIVERY_' || e.status, 'Delivery', d.id, o.supplier_id, o.id, e.id, 'Delivery ' || d.number || ' ' || lower(e.status::text) || '.'
        from delivery_events e join deliveries d on d.id = e.delivery_id join orders o on o.id = d.order_id;
      insert into activity (occurred_at, actor_id, actor_name, kind, subject_type, subject_id, customer_id, order_id, summary)
        select now() - interval '20 days', 'bench', 'Bench Sales', 'ORDER_ISSUED', 'Order', o.id, c.id, o.id, 'Sales order SO-B-' || lpad(o.n::text, 7, '0') || ' issued.'
        from bench_sales o join bench_customers c on c.n = o.c;
      insert into activity (occurred_at, actor_id, actor_name, actor_organization_id, kind, subject_type, subject_id, customer_id, summary)
        select f.received_at, 'bench', 'Customer user', f.customer_id, 'FEEDBACK_RECEIVED', 'CustomerFeedback', f.id, f.customer_id, f.kind || ' ' || f.number || ' received: ' || f.subject
        from customer_feedback f;`,
    ],
    ['clean up', 'drop table bench_suppliers, bench_customers, bench_parts, bench_orders, bench_sales, bench_changes, bench_deliveries, bench_contracts, bench_agreements'],
  ];
}
