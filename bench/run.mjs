// The benchmark: W1-W3 against the GraphQL server and the raw-SQL baseline, then subscription
// fan-out across two server instances. Run with `npm run bench` (pins itself to core 1 and the
// servers to core 0). Generates the data set first unless BENCH_SKIP_GENERATE=1.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { createClient } from 'graphql-ws';
import postgres from 'postgres';
import WebSocket from 'ws';
import { signToken } from '../dist/auth/tokens.js';
import { benchUrl, generate } from './generate.mjs';

const SECRET = 'benchmark-secret-0123456789abcdef0123456789';
const jwt = { kind: 'secret', secret: SECRET, issuer: undefined, audience: undefined };
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const FANOUT_SECONDS = Number(process.env.BENCH_FANOUT_SECONDS ?? 60);
const CONNECTIONS = 16;
const SERVER_CORE = process.env.BENCH_SERVER_CORE ?? '0';
const root = new URL('..', import.meta.url).pathname;
const gid = (type, id) => Buffer.from(`${type}:${id}`).toString('base64url');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (values, p) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

function pinPostgres(cpus) {
  try {
    const pid = execFileSync('pgrep', ['-o', '-x', 'postgres']).toString().trim();
    execFileSync('taskset', ['-a', '-cp', cpus, pid], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function startProcess(args, env, port) {
  const child = spawn('taskset', ['-c', SERVER_CORE, process.execPath, ...args], { cwd: root, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}${args.includes('bench/baseline.mjs') ? '/w2?order=00000000-0000-0000-0000-000000000000' : '/readyz'}`);
      if (r.ok) return child;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error(`${args.join(' ')} did not start`);
}

async function stopProcess(child) {
  child.kill('SIGTERM');
  await once(child, 'exit');
}

// Budgets are charged as in production, in buckets no workload empties: throughput includes their cost.
const serverEnv = (port) => ({ NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: benchUrl, JWT_SECRET: SECRET, LOG_LEVEL: 'warn', SEED_DEMO_DATA: 'false', BUDGET_USER_CAPACITY: '1000000000', BUDGET_USER_RESTORE_PER_SECOND: '1000000000', BUDGET_ORGANIZATION_CAPACITY: '1000000000', BUDGET_ORGANIZATION_RESTORE_PER_SECOND: '1000000000' });
const serverArgs = ['--max-semi-space-size=16', 'dist/main.js'];

async function load(name, port, makeRequest) {
  const run = (duration) =>
    autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      duration,
      requests: [{ setupRequest: (req) => ({ ...req, ...makeRequest() }) }],
    });
  await run(5); // warm-up
  const r = await run(DURATION);
  const result = { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx, requests: r.requests.total };
  console.log(`  ${name}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.errors} errors`);
  return result;
}

function peakRss(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function main() {
  if (process.env.BENCH_SKIP_GENERATE !== '1') {
    console.log('generating the data set');
    await generate();
  }
  const pinned = pinPostgres('1');
  console.log(`servers on core ${SERVER_CORE}; load generator${pinned ? ' and PostgreSQL' : ''} on core 1`);
  const sql = postgres(benchUrl, { max: 2, onnotice: () => {} });
  const orgs = await sql`select id from suppliers order by code limit 200`;
  const supplierTokens = await Promise.all(orgs.map((o, i) => signToken(jwt, { sub: `bench-supplier-${i}`, name: `Supplier user ${i}`, email: `u${i}@example.com`, roles: ['SUPPLIER_USER'], org: gid('Supplier', o.id), ttlSeconds: 7200 })));
  const buyer = await signToken(jwt, { sub: 'bench-buyer', name: 'Bench Buyer', email: 'b@example.com', roles: ['BUYER'], ttlSeconds: 7200 });
  const viewer = await signToken(jwt, { sub: 'bench-viewer', name: 'Bench Viewer', email: 'v@example.com', roles: ['VIEWER'], ttlSeconds: 7200 });
  const orderIds = (await sql`select id from orders tablesample system (2) limit 2000`).map((r) => r.id);
  const inTransit = (await sql`select d.id, o.supplier_id from deliveries d join orders o on o.id = d.order_id where d.status = 'IN_TRANSIT' limit 20000`).map((r) => ({ id: r.id, supplierId: r.supplier_id }));
  const pick = (list) => list[Math.floor(Math.random() * list.length)];

  const W1 = `query { orders(first: 50, filter: { status: [ISSUED, ACKNOWLEDGED, PARTIALLY_DELIVERED] }, orderBy: { field: DUE_DATE }) { nodes { number dueDate lines { quantity part { partNumber description } } deliveries { status } } } }`;
  const W2 = `query($id: ID!) { node(id: $id) { ... on Order { number status partner { name } lines { lineNumber quantity part { partNumber } } } } }`;
  const W4 = `{ dashboard { openPurchaseOrders openSalesOrders lateDeliveries overdueNonconformances overdueFeedback openNonconformancesBySeverity { key count } suppliersByGrade { key count } topSuppliers { supplier { name } openOrderCount onTimeDeliveryRate openNonconformanceCount } } }`;
  const W5 = `query($id: ID!, $from: Date!, $to: Date!) { node(id: $id) { ... on Supplier { scorecard(from: $from, to: $to) { onTimeDeliveryRate orderFillRate qualityPpm lotAcceptanceRate nonconformanceCount score grade } } } }`;
  const yearTo = new Date().toISOString().slice(0, 10);
  const yearFrom = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const W3 = `mutation($id: ID!, $loc: String) { recordDeliveryEvent(input: { deliveryId: $id, status: IN_TRANSIT, location: $loc }) { delivery { status } errors { code } } }`;
  const gql = (token, query, variables) => ({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });

  // Statements per W1 request, counted in-process by the server's own statement counter.
  const { openDatabase } = await import('../dist/db/client.js');
  const { createApp } = await import('../dist/server.js');
  const { loadConfig } = await import('../dist/config.js');
  const { createLogger } = await import('../dist/logger.js');
  const probeConfig = loadConfig({ ...serverEnv(0), NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const probeDb = await openDatabase(probeConfig.database);
  const probe = await createApp({ config: probeConfig, database: probeDb, log: createLogger(probeConfig) });
  const probePort = await probe.listen();
  const before = probeDb.statementCount();
  const probeResponse = await fetch(`http://127.0.0.1:${probePort}/graphql`, gql(supplierTokens[0], W1));
  const probeBody = await probeResponse.json();
  const w1Statements = probeDb.statementCount() - before;
  const w1Orders = probeBody.data.orders.nodes.length;
  await probe.stop();
  await probeDb.close();
  console.log(`W1 returns ${w1Orders} orders with ${probeBody.data.orders.nodes[0].lines.length} lines each in ${w1Statements} SQL statements`);

  const results = {};
  if (process.env.BENCH_ONLY_FANOUT !== '1') {
  console.log('GraphQL server');
  const server = await startProcess(serverArgs, serverEnv(4201), 4201);
  results.w1 = await load('W1 supplier portal page', 4201, () => gql(pick(supplierTokens), W1));
  results.rssMiB = peakRss(server.pid);
  results.w2 = await load('W2 one order by id', 4201, () => gql(buyer, W2, { id: gid('Order', pick(orderIds)) }));
  results.w4 = await load('W4 dashboard', 4201, () => gql(viewer, W4));
  results.w5 = await load('W5 12-month scorecard', 4201, () => gql(buyer, W5, { id: gid('Supplier', pick(orgs).id), from: yearFrom, to: yearTo }));
  let n = 0;
  results.w3 = await load('W3 recordDeliveryEvent', 4201, () => gql(buyer, W3, { id: gid('Delivery', pick(inTransit).id), loc: `w3-${n++}` }));
  await stopProcess(server);

  console.log('raw-SQL baseline');
  const baseline = await startProcess(['bench/baseline.mjs'], { BENCH_DATABASE_URL: benchUrl, PORT: '4100' }, 4100);
  results.b1 = await load('W1 baseline', 4100, () => ({ method: 'GET', path: `/w1?supplier=${pick(orgs).id}` }));
  results.b2 = await load('W2 baseline', 4100, () => ({ method: 'GET', path: `/w2?order=${pick(orderIds)}` }));
  results.b4 = await load('W4 baseline', 4100, () => ({ method: 'GET', path: '/w4' }));
  await stopProcess(baseline);
  }

  console.log('subscription fan-out, two instances');
  const a = await startProcess(serverArgs, serverEnv(4201), 4201);
  const b = await startProcess(serverArgs, serverEnv(4202), 4202);
  const orgDeliveries = new Map();
  for (const d of inTransit) if (!orgDeliveries.has(d.supplierId)) orgDeliveries.set(d.supplierId, d.id);
  const targets = orgs.map((o) => orgDeliveries.get(o.id)).filter(Boolean);

  async function fanOutTraffic(label, seconds) {
    const inflight = [];
    const started = performance.now();
    for (let i = 0; i < seconds * 100; i++) {
      const wait = started + i * 10 - performance.now();
      if (wait > 0) await sleep(wait);
      inflight.push(
        fetch(`http://127.0.0.1:${i % 2 === 0 ? 4202 : 4201}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${buyer}` }, body: JSON.stringify({ query: W3, variables: { id: gid('Delivery', targets[i % targets.length]), loc: `${label}-${i}` } }) }).then((r) => r.text()),
      );
    }
    await Promise.all(inflight);
    await sleep(2000);
  }

  async function fanOut(label, subscribers, expectedPerEvent) {
    const received = new Map(); // tag -> receipt times
    const clients = [];
    const failures = new Map(); // what ended a subscription or a socket early -> count
    const failed = (what) => failures.set(what, (failures.get(what) ?? 0) + 1);
    let ready = 0;
    for (const [i, token] of subscribers.entries()) {
      const client = createClient({ url: `ws://127.0.0.1:${i % 2 === 0 ? 4201 : 4202}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
      clients.push(client);
      client.subscribe(
        { query: 'subscription { deliveryUpdated { event { location } } }' },
        {
          next: (msg) => {
            if (msg.errors) failed(`event error ${msg.errors[0]?.extensions?.code}: ${msg.errors[0]?.message}`);
            const tag = msg.data?.deliveryUpdated?.event?.location;
            if (!tag?.startsWith(`${label}-`) || tag.includes('-warmup-')) return;
            const now = performance.now();
            const list = received.get(tag);
            if (list) list.push(now);
            else received.set(tag, [now]);
          },
          error: (e) => failed(`error ${Array.isArray(e) ? `${e[0]?.extensions?.code}: ${e[0]?.message}` : (e?.code ?? String(e))}`),
          complete: () => failed('complete'),
        },
      );
      client.on('connected', () => ready++);
      client.on('closed', (e) => failed(`closed ${e?.code}`));
    }
    while (ready < subscribers.length) await sleep(50);
    await sleep(1000);
    // Warm-up: ten seconds of the same traffic, not measured (the first seconds after an instance
    // starts run cold: V8 compiles the hot paths and the connection pools fill).
    await fanOutTraffic(`${label}-warmup`, 10);
    const responded = new Map();
    const events = FANOUT_SECONDS * 100;
    const inflight = new Set();
    const started = performance.now();
    for (let i = 0; i < events; i++) {
      const due = started + i * 10;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const tag = `${label}-${i}`;
      const port = i % 2 === 0 ? 4202 : 4201;
      const p = fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${buyer}` }, body: JSON.stringify({ query: W3, variables: { id: gid('Delivery', targets[i % targets.length]), loc: tag } }) })
        .then((r) => r.json())
        .then((body) => {
          if (!body.errors && body.data.recordDeliveryEvent.errors.length === 0) responded.set(tag, performance.now());
        })
        .finally(() => inflight.delete(p));
      inflight.add(p);
    }
    await Promise.all(inflight);
    await sleep(5000);
    const latencies = [];
    let delivered = 0;
    for (const [tag, times] of received) {
      delivered += times.length;
      const sent = responded.get(tag);
      if (sent !== undefined) for (const t of times) latencies.push(Math.max(0, t - sent));
    }
    const expected = responded.size * expectedPerEvent;
    const shortfalls = new Map(); // receivers an event reached, for the events that missed some -> count
    for (const tag of responded.keys()) {
      const n = received.get(tag)?.length ?? 0;
      if (n < expectedPerEvent) shortfalls.set(n, (shortfalls.get(n) ?? 0) + 1);
    }
    if (shortfalls.size > 0) console.log(`  ${label}: events that reached fewer than ${expectedPerEvent} subscribers (reached -> events): ${JSON.stringify(Object.fromEntries(shortfalls))}`);
    await Promise.all(clients.map((c) => c.dispose()));
    const result = { events: responded.size, delivered, expected, ratio: expected ? delivered / expected : 0, p50: pct(latencies, 50), p99: pct(latencies, 99) };
    console.log(`  ${label}: ${responded.size} events, delivered ${delivered}/${expected} (${(result.ratio * 100).toFixed(2)}%), p50 ${result.p50?.toFixed(1)} ms, p99 ${result.p99?.toFixed(1)} ms`);
    if (failures.size > 0) console.log(`  ${label}: ended early: ${JSON.stringify(Object.fromEntries(failures))}`);
    return result;
  }

  const perOrg = Number(process.env.BENCH_USERS_PER_ORG ?? 5);
  const portalSubscribers = supplierTokens.flatMap((t) => Array.from({ length: perOrg }, () => t));
  if (process.env.BENCH_STAFF_FIRST === '1') {
    results.fanoutB = await fanOut('staff', Array.from({ length: 100 }, () => viewer), 100);
    results.fanoutA = await fanOut('portal', portalSubscribers, perOrg);
  } else {
    results.fanoutA = await fanOut('portal', portalSubscribers, perOrg);
    results.fanoutB = await fanOut('staff', Array.from({ length: 100 }, () => viewer), 100);
  }
  await stopProcess(a);
  await stopProcess(b);
  await sql.end();
  if (pinned) pinPostgres('0-1');

  const ratio = (x, y) => (x / y).toFixed(2);
  console.log('\nresults');
  console.log('| workload | GraphQL req/s | p50 ms | p99 ms | baseline req/s | ratio | target |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  console.log(`| W1 supplier portal page | ${results.w1.rps.toFixed(0)} | ${results.w1.p50} | ${results.w1.p99} | ${results.b1.rps.toFixed(0)} | ${ratio(results.w1.rps, results.b1.rps)} | >= 0.40, p99 < 150 ms |`);
  console.log(`| W2 one order by id | ${results.w2.rps.toFixed(0)} | ${results.w2.p50} | ${results.w2.p99} | ${results.b2.rps.toFixed(0)} | ${ratio(results.w2.rps, results.b2.rps)} | >= 0.28 |`);
  console.log(`| W4 dashboard | ${results.w4.rps.toFixed(1)} | ${results.w4.p50} | ${results.w4.p99} | ${results.b4.rps.toFixed(1)} | ${ratio(results.w4.rps, results.b4.rps)} | >= 0.5 |`);
  console.log(`| W5 12-month scorecard | ${results.w5.rps.toFixed(0)} | ${results.w5.p50} | ${results.w5.p99} | | | |`);
  console.log(`| W3 recordDeliveryEvent | ${results.w3.rps.toFixed(0)} | ${results.w3.p50} | ${results.w3.p99} | | | |`);
  console.log(`peak RSS during W1: ${results.rssMiB.toFixed(0)} MiB (target <= 256); W1: ${w1Statements} SQL statements per request`);
  console.log(`fan-out (a) portal: ${(results.fanoutA.ratio * 100).toFixed(2)}% delivered, p50 ${results.fanoutA.p50?.toFixed(1)} ms, p99 ${results.fanoutA.p99?.toFixed(1)} ms (target 100%, p99 < 100 ms)`);
  console.log(`fan-out (b) staff: ${(results.fanoutB.ratio * 100).toFixed(2)}% delivered, p50 ${results.fanoutB.p50?.toFixed(1)} ms, p99 ${results.fanoutB.p99?.toFixed(1)} ms (target 100%, p99 < 250 ms)`);
  process.exit(0);
}

await main();
