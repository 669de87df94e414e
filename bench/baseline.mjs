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

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = url.pathname === '/w1' ? await w1(url.searchParams.get('supplier')) : url.pathname === '/w2' ? await w2(url.searchParams.get('order')) : null;
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
