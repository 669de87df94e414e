// Loads a benchmark database through the project's own tables: 2,000 suppliers, 20,000 parts,
// 200,000 purchase orders with 1,000,000 lines, 200,000 deliveries with 600,000 events.
// Usage: node bench/generate.mjs   (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/scm_bench)
import postgres from 'postgres';
import { openDatabase } from '../dist/db/client.js';
import { migrate } from '../dist/db/migrate.js';

export const benchUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/scm_bench';

export const SCALE = {
  suppliers: Number(process.env.BENCH_SUPPLIER_COUNT ?? 2000),
  parts: Number(process.env.BENCH_PART_COUNT ?? 20000),
  orders: Number(process.env.BENCH_ORDER_COUNT ?? 200000),
  linesPerOrder: 5,
  eventsPerDelivery: 3,
};

export async function generate() {
  const url = new URL(benchUrl);
  const name = url.pathname.slice(1);
  const adminUrl = new URL(benchUrl);
  adminUrl.pathname = '/postgres';
  const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();

  const database = await openDatabase({ kind: 'postgres', url: benchUrl });
  await migrate(database);
  await database.close();

  const sql = postgres(benchUrl, { max: 1, onnotice: () => {} });
  const started = Date.now();
  const step = async (what, query) => {
    const t = Date.now();
    await sql.unsafe(query);
    console.log(`  ${what} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  };
  const { suppliers, parts, orders, linesPerOrder, eventsPerDelivery } = SCALE;
  await step('suppliers', `
    create table bench_suppliers as select n, gen_random_uuid() as id from generate_series(1, ${suppliers}) n;
    insert into suppliers (id, code, name, country, status, created_at, updated_at)
      select id, 'BS-' || lpad(n::text, 5, '0'), 'Bench Supplier ' || n, 'CN', 'APPROVED', now(), now() from bench_suppliers;`);
  await step('parts', `
    create table bench_parts as select n, gen_random_uuid() as id from generate_series(1, ${parts}) n;
    insert into parts (id, part_number, description, unit, importance_class, created_at, updated_at)
      select id, 'BP-' || lpad(n::text, 6, '0'), 'Bench part ' || n || ', machined', 'pcs', (array['I','II','III'])[1 + n % 3]::importance_class, now(), now() from bench_parts;
    insert into sourced_parts (part_id, supplier_id, status, share_percent, approved_at, created_at, updated_at)
      select p.id, s.id, 'APPROVED', 100, now(), now(), now() from bench_parts p join bench_suppliers s on s.n = 1 + p.n % ${suppliers};`);
  // 60% of orders are open (ISSUED, ACKNOWLEDGED, PARTIALLY_DELIVERED): a supplier has about 60.
  await step('orders', `
    create table bench_orders as select n, gen_random_uuid() as id, 1 + n % ${suppliers} as s from generate_series(1, ${orders}) n;
    insert into orders (id, number, direction, status, supplier_id, currency, due_date, issued_at, acknowledged_at, created_by_id, version, created_at, updated_at)
      select o.id, 'PO-B-' || lpad(o.n::text, 7, '0'), 'PURCHASE',
        (case when o.n % 10 = 0 then 'ISSUED' when o.n % 10 in (1, 2, 3) then 'ACKNOWLEDGED' when o.n % 10 in (4, 5) then 'PARTIALLY_DELIVERED' when o.n % 10 in (6, 7) then 'DELIVERED' else 'CLOSED' end)::order_status,
        s.id, 'EUR', date '2026-01-01' + (o.n * 7 % 730), now() - interval '30 days', now() - interval '29 days', 'bench', 3, now() - (o.n % 1000) * interval '1 minute', now()
      from bench_orders o join bench_suppliers s on s.n = o.s;`);
  await step('order lines', `
    insert into order_lines (order_id, line_number, part_id, quantity, unit_price, requested_date, confirmed_quantity, confirmed_date, delivered_quantity, accepted_quantity)
      select o.id, l, p.id, 10 * l, 1.25 + l, date '2026-01-01' + (o.n * 7 % 730) + l, 10 * l, date '2026-01-01' + (o.n * 7 % 730) + l,
        case when o.n % 10 >= 6 then 10 * l when o.n % 10 in (4, 5) then 5 * l else 0 end,
        case when o.n % 10 >= 6 then 10 * l when o.n % 10 in (4, 5) then 5 * l else 0 end
      from bench_orders o cross join generate_series(1, ${linesPerOrder}) l join bench_parts p on p.n = 1 + (o.n * 7 + l * 13) % ${parts};`);
  // One delivery per order: in transit for open orders, received for the others.
  await step('deliveries', `
    create table bench_deliveries as select o.n, gen_random_uuid() as id, o.id as order_id from bench_orders o;
    insert into deliveries (id, number, order_id, status, carrier, tracking_number, shipped_at, estimated_arrival, arrived_at, received_at, version, created_at, updated_at)
      select d.id, 'ASN-B-' || lpad(d.n::text, 7, '0'), d.order_id,
        (case when d.n % 10 <= 5 then 'IN_TRANSIT' else 'RECEIVED' end)::delivery_status,
        'Bench Freight', 'BF' || d.n, now() - interval '5 days', now() + (d.n % 20 - 5) * interval '1 day',
        case when d.n % 10 > 5 then now() - interval '1 day' end, case when d.n % 10 > 5 then now() - interval '1 day' end, 3, now() - interval '5 days', now()
      from bench_deliveries d;
    insert into delivery_lines (delivery_id, order_line_id, quantity, lot_number, received_quantity)
      select d.id, ol.id, ol.quantity, 'LOT-' || d.n, case when d.n % 10 > 5 then ol.quantity end
      from bench_deliveries d join order_lines ol on ol.order_id = d.order_id and ol.line_number = 1;`);
  await step('delivery events', `
    insert into delivery_events (delivery_id, status, occurred_at, location, recorded_at)
      select d.id, (array['PLANNED','DISPATCHED','IN_TRANSIT'])[e]::delivery_status, now() - (6 - e) * interval '1 day', 'Hub ' || e, now()
      from bench_deliveries d cross join generate_series(1, ${eventsPerDelivery}) e;`);
  // One inspection per received delivery line (5% of lots rejected) and a nonconformance per
  // rejected lot, most of them closed.
  await step('inspections and nonconformances', `
    insert into inspections (delivery_id, order_line_id, part_id, supplier_id, lot_number, lot_size, received_quantity, aql, inspection_level, severity, code_letter, sample_size, accept_number, reject_number, source_inspection, defects_found, result, inspected_by_name, inspected_at, created_at, updated_at)
      select d.id, dl.order_line_id, ol.part_id, o.supplier_id, dl.lot_number, ceil(dl.quantity)::int, dl.quantity, 1.0, 'II', 'NORMAL', 'C', 5, 0, 1, false,
        case when bd.n % 40 = 7 then 1 else 0 end, (case when bd.n % 40 = 7 then 'REJECTED' else 'ACCEPTED' end)::inspection_result, 'Bench QE', d.received_at, d.received_at, d.received_at
      from bench_deliveries bd join deliveries d on d.id = bd.id join delivery_lines dl on dl.delivery_id = d.id join order_lines ol on ol.id = dl.order_line_id join orders o on o.id = d.order_id
      where d.status = 'RECEIVED';
    insert into nonconformances (number, source, status, severity, part_id, supplier_id, order_id, delivery_id, inspection_id, quantity_affected, description, responsibility, disposition, containment_due_at, corrective_action_due_at, contained_at, corrective_action_at, reported_by_id, created_at, updated_at)
      select 'NCR-B-' || lpad(row_number() over ()::text, 6, '0'), 'INCOMING_INSPECTION',
        (case when i.lot_size % 5 = 0 then 'OPEN' else 'CLOSED' end)::nonconformance_status,
        (array['MINOR','MAJOR','CRITICAL'])[1 + i.lot_size % 3]::severity, i.part_id, i.supplier_id, ol.order_id, i.delivery_id, i.id, i.received_quantity, 'Rejected at incoming inspection',
        (case when i.lot_size % 5 = 0 then 'UNDETERMINED' else 'SUPPLIER' end)::responsibility, case when i.lot_size % 5 = 0 then null else 'RETURN_TO_SUPPLIER'::disposition end,
        i.inspected_at + interval '24 hours', i.inspected_at + interval '10 days', case when i.lot_size % 5 = 0 then null else i.inspected_at + interval '6 hours' end,
        case when i.lot_size % 5 = 0 then null else i.inspected_at + interval '5 days' end, 'bench', i.inspected_at, i.inspected_at
      from inspections i join order_lines ol on ol.id = i.order_line_id where i.result = 'REJECTED';`);
  await step('clean up', 'drop table bench_suppliers, bench_parts, bench_orders, bench_deliveries');
  await step('vacuum analyze', 'vacuum analyze');
  const [counts] = await sql`select (select count(*) from suppliers) suppliers, (select count(*) from parts) parts, (select count(*) from orders) orders, (select count(*) from order_lines) lines, (select count(*) from deliveries) deliveries, (select count(*) from delivery_events) events, (select count(*) from inspections) inspections, (select count(*) from nonconformances) nonconformances`;
  console.log(`generated in ${((Date.now() - started) / 1000).toFixed(0)} s:`, Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)])));
  await sql.end();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await generate();
}
