// Loads a benchmark database with the data set of bench/dataset.mjs: at full scale 2,000 suppliers,
// 200 customers, 20,000 parts, 200,000 purchase and 20,000 sales orders with 1,060,000 lines, 140,000
// deliveries with 420,000 events, and the records around them.
// Usage: node bench/generate.mjs   (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/scm_bench)
import postgres from 'postgres';
import { openDatabase } from '../dist/db/client.js';
import { migrate } from '../dist/db/migrate.js';
import { datasetSteps, FULL_SCALE } from './dataset.mjs';

export const benchUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/scm_bench';

export const SCALE = {
  suppliers: Number(process.env.BENCH_SUPPLIER_COUNT ?? FULL_SCALE.suppliers),
  parts: Number(process.env.BENCH_PART_COUNT ?? FULL_SCALE.parts),
  orders: Number(process.env.BENCH_ORDER_COUNT ?? FULL_SCALE.orders),
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
  for (const [what, query] of datasetSteps(SCALE)) await step(what, query);
  await step('vacuum analyze', 'vacuum analyze');
  const [counts] = await sql`select (select count(*) from suppliers) suppliers, (select count(*) from parts) parts, (select count(*) from orders) orders, (select count(*) from order_lines) lines, (select count(*) from deliveries) deliveries, (select count(*) from delivery_events) events, (select count(*) from inspections) inspections, (select count(*) from nonconformances) nonconformances, (select count(*) from order_change_requests) change_requests, (select count(*) from customer_feedback) feedback, (select count(*) from contracts) contracts, (select count(*) from activity) activity`;
  console.log(`generated in ${((Date.now() - started) / 1000).toFixed(0)} s:`, Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)])));
  await sql.end();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await generate();
}
