// A minimal raw-SQL server for the same reads as W1 and W2: node:http + postgres.js, hand-written
// SQL that returns the JSON the GraphQL queries return. It is the yardstick, not a product.
// Usage: PORT=4100 node bench/baseline.mjs
import { createServer } from 'node:http';
import postgres from 'postgres';

const sql = postgres(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/scm_bench', { max: 10, onnotice: () => {} });

// W1: the first 50 open orders of a supplier by due date, with lines (part number, description)
// and the status of each delivery.
async function w1(supplierId) {
  const [row] = await sql`
    select coalesce(json_agg(o order by o."dueDate", o.id), '[]') as nodes from (
      select o.id, o.number, o.due_date as "dueDate",
        (select json_agg(json_build_object('quantity', l.quantity, 'part', json_build_object('partNumber', p.part_number, 'description', p.description)) order by l.line_number)
           from order_lines l join parts p on p.id = l.part_id where l.order_id = o.id) as lines,
        (select coalesce(json_agg(json_build_object('status', d.status) order by d.created_at), '[]') from deliveries d where d.order_id = o.id) as deliveries
      from orders o
      where o.supplier_id = ${supplierId} and o.status in ('ISSUED', 'ACKNOWLEDGED', 'PARTIALLY_DELIVERED')
      order by o.due_date, o.id
      limit 50
    ) o`;
  return { data: { orders: { nodes: row.nodes } } };
}

// W2: one order by id with lines and the partner's name.
async function w2(orderId) {
  const [row] = await sql`
    select json_build_object('number', o.number, 'status', o.status, 'partner', json_build_object('name', s.name),
      'lines', (select json_agg(json_build_object('lineNumber', l.line_number, 'quantity', l.quantity, 'part', json_build_object('partNumber', p.part_number)) order by l.line_number)
                from order_lines l join parts p on p.id = l.part_id where l.order_id = o.id)) as node
    from orders o join suppliers s on s.id = o.supplier_id where o.id = ${orderId}`;
  return { data: { node: row?.node ?? null } };
}

// W4: the staff dashboard's figures (all but the expiring contracts, which are a plain list).
async function w4() {
  const [row] = await sql`
    with open_orders as (select supplier_id, count(*) n from orders where direction = 'PURCHASE' and status in ('ISSUED','ACKNOWLEDGED','PARTIALLY_DELIVERED') group by supplier_id),
    open_ncs as (select supplier_id, count(*) n from nonconformances where supplier_id is not null and status not in ('CLOSED','CANCELLED') group by supplier_id),
    ranked as (
      select s.id, s.name, s.code, coalesce(oo.n, 0) open_orders, coalesce(nc.n, 0) open_ncs from suppliers s
      left join open_orders oo on oo.supplier_id = s.id left join open_ncs nc on nc.supplier_id = s.id
      where s.status in ('APPROVED','CONDITIONAL','SUSPENDED') order by coalesce(oo.n, 0) desc, coalesce(nc.n, 0) desc, s.code limit 20),
    top as (
      select r.name, r.open_orders, r.open_ncs, r.code,
        (select avg(case when d.received_at::date <= coalesce(ol.confirmed_date, ol.requested_date) then 1.0 else 0.0 end)
          from orders o join deliveries d on d.order_id = o.id join delivery_lines dl on dl.delivery_id = d.id join order_lines ol on ol.id = dl.order_line_id
          where o.supplier_id = r.id and o.direction = 'PURCHASE' and d.status = 'RECEIVED' and d.received_at >= now() - interval '365 days') on_time
      from ranked r)
    select json_build_object(
      'openPurchaseOrders', (select count(*) from orders where direction = 'PURCHASE' and status in ('ISSUED','ACKNOWLEDGED','PARTIALLY_DELIVERED')),
      'openSalesOrders', (select count(*) from orders where direction = 'SALES' and status in ('ISSUED','ACKNOWLEDGED','PARTIALLY_DELIVERED')),
      'lateDeliveries', (select count(*) from deliveries where status in ('PLANNED','DISPATCHED','IN_TRANSIT','DELAYED') and estimated_arrival < now()),
      'openNonconformancesBySeverity', (select json_agg(json_build_object('key', severity, 'count', n)) from (select severity, count(*) n from nonconformances where status not in ('CLOSED','CANCELLED') group by severity) x),
      'overdueNonconformances', (select count(*) from nonconformances where status not in ('CLOSED','CANCELLED') and ((contained_at is null and containment_due_at < now()) or (corrective_action_at is null and corrective_action_due_at < now()))),
      'overdueFeedback', (select count(*) from customer_feedback where (status = 'RECEIVED' and acknowledge_by < now()) or (status in ('RECEIVED','ACKNOWLEDGED','IN_PROGRESS') and resolve_by < now())),
      'suppliersByGrade', (select json_agg(json_build_object('key', g, 'count', n)) from (select coalesce(grade::text, 'UNGRADED') g, count(*) n from suppliers where status <> 'DISQUALIFIED' group by 1) x),
      'topSuppliers', (select json_agg(json_build_object('supplier', json_build_object('name', name), 'openOrderCount', open_orders, 'openNonconformanceCount', open_ncs, 'onTimeDeliveryRate', on_time) order by open_orders desc, open_ncs desc, code) from top)
    ) as dashboard`;
  return { data: { dashboard: row.dashboard } };
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = url.pathname === '/w1' ? await w1(url.searchParams.get('supplier')) : url.pathname === '/w2' ? await w2(url.searchParams.get('order')) : url.pathname === '/w4' ? await w4() : null;
    if (body === null) {
      res.writeHead(404).end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});
server.listen(Number(process.env.PORT ?? 4100), '127.0.0.1', () => console.log(JSON.stringify({ msg: 'baseline listening', port: server.address().port })));
process.on('SIGTERM', () => server.close(() => sql.end().then(() => process.exit(0))));
