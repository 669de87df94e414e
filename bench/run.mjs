// The benchmark: W1-W3 against the GraphQL server and the raw-SQL baseline, then subscription
// fan-out across two server instances. Run with `npm run bench` (pins itself to core 1 and the
// servers to core 0). Generates the data set first unless BENCH_SKIP_GENERATE=1.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createClient } from 'graphql-ws';
import postgres from 'postgres';
import WebSocket from 'ws';
import { signToken } from '../dist/auth/tokens.js';
import { benchUrl, generate } from './generate.mjs';
import { compileRandom, measureReads } from './reads.mjs';
import { measureExport } from './export.mjs';

const SECRET = 'benchmark-secret-0123456789abcdef0123456789';
const jwt = { kind: 'secret', secret: SECRET, issuer: undefined, audience: undefined };
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const FANOUT_SECONDS = Number(process.env.BENCH_FANOUT_SECONDS ?? 60);
const CONNECTIONS = 16;
const RANDOM_QUERIES = Number(process.env.BENCH_RANDOM_QUERIES ?? 40);
const NOISY_ROUNDS = Number(process.env.BENCH_NOISY_ROUNDS ?? 3);
const SERVER_CORE = process.env.BENCH_SERVER_CORE ?? '0';
// Which parts run: any of workloads, noisy, fanout (all by default).
const PARTS = new Set((process.env.BENCH_PARTS ?? (process.env.BENCH_ONLY_FANOUT === '1' ? 'fanout' : 'workloads,noisy,export,fanout')).split(','));
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

// Servers still running when the benchmark ends, stopped however it ends.
const running = new Set();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

async function startProcess(args, env, port) {
  const child = spawn('taskset', ['-c', SERVER_CORE, process.execPath, ...args], { cwd: root, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  running.add(child);
  child.on('exit', () => running.delete(child));
  for (let i = 0; i < 200; i++) {
    // A server that exits (its port taken, say) must not be mistaken for whatever answers there.
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/readyz`);
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
// With the heap flags `npm start` gives it (README: Running against PostgreSQL), read from there.
const heapFlags = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts.start.match(/--(max-semi-space-size|max-old-space-size|heap-growing-percent)=\d+/g);
if (heapFlags?.length !== 3) throw new Error('package.json: the start script no longer gives the three heap flags the benchmark runs the server with');
// BENCH_SERVER_FLAGS: more Node.js flags for the GraphQL server, for a profile of it under a workload
// (`--cpu-prof --cpu-prof-dir=/tmp/profile`, written when the server stops).
const serverArgs = [...heapFlags, ...(process.env.BENCH_SERVER_FLAGS?.split(' ').filter((f) => f !== '') ?? []), 'dist/main.js'];

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


/**
 * Noisy neighbour: partner B reads its orders page at a steady 20 requests/s, alone, then while
 * partner A's five users flood the same instance from 32 connections with the most expensive page the
 * limits allow; the two phases take turns for NOISY_ROUNDS rounds, and the medians of B's p99 are
 * compared (one phase's p99 is its 4th-slowest answer of 400, too few to compare alone). Budgets run
 * at their production defaults: A is throttled, B must not feel it.
 */
async function noisyNeighbour(orgs, gql) {
  // gql builds the flood's requests; partner B's reader runs in bench/paced.mjs.
  console.log('noisy neighbour, production budgets');
  // Buckets start empty, as for partners who have not asked anything lately.
  const sql = postgres(benchUrl, { max: 1, onnotice: () => {} });
  await sql`delete from request_budgets`;
  await sql.end();
  const env = Object.fromEntries(Object.entries(serverEnv(4203)).filter(([k]) => !k.startsWith('BUDGET_')));
  const server = await startProcess(serverArgs, env, 4203);
  const token = (org, i) => signToken(jwt, { sub: `noisy-${org}-${i}`, name: 'Noisy', email: `n${i}@example.com`, roles: ['SUPPLIER_USER'], org: gid('Supplier', org), ttlSeconds: 7200 });
  const flooders = await Promise.all([0, 1, 2, 3, 4].map((i) => token(orgs[0].id, i)));
  const neighbour = await token(orgs[1].id, 0);
  const READ = 'query { orders(first: 20, filter: { status: [ISSUED, ACKNOWLEDGED, PARTIALLY_DELIVERED] }, orderBy: { field: DUE_DATE }) { nodes { number dueDate lines { quantity part { partNumber } } } } }';
  const FLOOD = 'query { orders(first: 100) { nodes { number lines { quantity unitPrice part { partNumber description } } deliveries { status events { status occurredAt } } changeRequests { status reason } } } }';
  const paced = async (seconds) => {
    const child = spawn(process.execPath, ['bench/paced.mjs'], { cwd: root, env: { PATH: process.env.PATH, BENCH_URL: 'http://127.0.0.1:4203/graphql', BENCH_TOKEN: neighbour, BENCH_QUERY: READ, BENCH_SECONDS: String(seconds) }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    const [code] = await once(child, 'exit');
    if (code !== 0) throw new Error('the steady reader failed');
    return JSON.parse(out);
  };
  await paced(5); // warm-up
  const rounds = [];
  for (let round = 1; round <= NOISY_ROUNDS; round++) {
    const alone = await paced(DURATION);
    console.log(`  round ${round}: partner B alone: p50 ${alone.p50.toFixed(1)} ms, p99 ${alone.p99.toFixed(1)} ms`);
    let n = 0;
    const statuses = new Map();
    const flood = autocannon({
      url: 'http://127.0.0.1:4203',
      connections: 32,
      duration: DURATION + 4,
      requests: [{ setupRequest: (req) => ({ ...req, ...gql(flooders[n++ % flooders.length], FLOOD) }) }],
    });
    flood.on('response', (_client, statusCode) => statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1));
    await sleep(2000);
    const flooded = await paced(DURATION);
    const floodResult = await flood;
    const summary = { requests: floodResult.requests.total, ok: statuses.get(200) ?? 0, throttled: statuses.get(429) ?? 0 };
    console.log(`  round ${round}: partner B while A floods: p50 ${flooded.p50.toFixed(1)} ms, p99 ${flooded.p99.toFixed(1)} ms; A: ${JSON.stringify(Object.fromEntries(statuses))}`);
    rounds.push({ alone, flooded, flood: summary });
  }
  await stopProcess(server);
  const median = (of) => pct(rounds.map(of), 50);
  const phase = (key) => ({ p50: median((r) => r[key].p50), p99: median((r) => r[key].p99) });
  const flood = { requests: median((r) => r.flood.requests), ok: median((r) => r.flood.ok), throttled: median((r) => r.flood.throttled) };
  return { alone: phase('alone'), flooded: phase('flooded'), flood, rounds };
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
  const inTransit = (await sql`select d.id, o.supplier_id from deliveries d join orders o on o.id = d.order_id where d.status = 'IN_TRANSIT' limit 20000`).map((r) => ({ id: r.id, supplierId: r.supplier_id }));
  const pick = (list) => list[Math.floor(Math.random() * list.length)];
  const W3 = `mutation($id: ID!, $loc: String) { recordDeliveryEvent(input: { deliveryId: $id, status: IN_TRANSIT, location: $loc }) { delivery { status } errors { code } } }`;
  const gql = (token, query, variables) => ({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  // A 503 is asked again after its Retry-After, twice at most: once, with the database's cache cold,
  // the first scorecards page ran past the statement timeout before anything was measured.
  const post = async (port, request, attempt = 1) => {
    const response = await fetch(`http://127.0.0.1:${port}${request.path}`, { method: 'POST', headers: request.headers, body: request.body });
    const text = await response.text();
    if (response.status === 503 && attempt < 3) {
      const wait = Number(response.headers.get('retry-after') ?? 2);
      console.log(`  503 on port ${port}, asked again in ${wait} s: ${text.slice(0, 200)}`);
      await sleep(wait * 1000);
      return post(port, request, attempt + 1);
    }
    if (!response.ok) throw new Error(`${response.status} ${text}`);
    return JSON.parse(text);
  };

  // What the read workloads draw from: viewers of 200 suppliers and of every customer, staff of each
  // role, and records of those partners.
  const supplierIds = orgs.map((o) => o.id);
  const customerRows = await sql`select id from customers order by code`;
  const customerTokens = await Promise.all(customerRows.map((c, i) => signToken(jwt, { sub: `bench-customer-${i}`, name: `Customer user ${i}`, email: `k${i}@example.com`, roles: ['CUSTOMER_USER'], org: gid('Customer', c.id), ttlSeconds: 7200 })));
  const staffTokens = Object.fromEntries(await Promise.all(['ADMIN', 'BUYER', 'QUALITY_ENGINEER', 'SALES', 'VIEWER'].map(async (role) => [role, await signToken(jwt, { sub: `bench-${role.toLowerCase()}`, name: `Bench ${role}`, email: `${role.toLowerCase()}@example.com`, roles: [role], ttlSeconds: 7200 })])));
  const suppliersById = new Map(orgs.map((o, i) => [o.id, { token: supplierTokens[i], org: o.id }]));
  const customersById = new Map(customerRows.map((c, i) => [c.id, { token: customerTokens[i], org: c.id }]));
  const today = new Date().toISOString().slice(0, 10);
  const draws = {
    pick,
    gid,
    today,
    yearAgo: new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10),
    supplier: () => suppliersById.get(pick(supplierIds)),
    supplierOf: (id) => suppliersById.get(id),
    customer: () => pick([...customersById.values()]),
    customerOf: (id) => customersById.get(id),
    staff: (role) => ({ token: staffTokens[role], org: null }),
    orders: await sql`select id from orders where direction = 'PURCHASE' order by id limit 2000`,
    deliveries: await sql`select d.id, o.supplier_id as "supplierId" from deliveries d join orders o on o.id = d.order_id where o.supplier_id = any(${supplierIds}) limit 2000`,
    nonconformances: await sql`select id, supplier_id as "supplierId" from nonconformances where supplier_id = any(${supplierIds}) limit 2000`,
    inspections: await sql`select id, supplier_id as "supplierId" from inspections where supplier_id = any(${supplierIds}) limit 2000`,
    contracts: await sql`select id, supplier_id as "supplierId" from contracts where supplier_id = any(${supplierIds}) and offered_at is not null limit 2000`,
    feedback: await sql`select id, customer_id as "customerId" from customer_feedback limit 2000`,
  };

  // Statements per request, counted in-process by the server's own statement counter.
  const { openDatabase } = await import('../dist/db/client.js');
  const { createApp } = await import('../dist/server.js');
  const { loadConfig } = await import('../dist/config.js');
  const { createLogger } = await import('../dist/logger.js');
  const probeConfig = loadConfig({ ...serverEnv(0), NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const probeDb = await openDatabase(probeConfig.database);
  const probeApp = await createApp({ config: probeConfig, database: probeDb, log: createLogger(probeConfig) });
  const probePort = await probeApp.listen();
  const probe = {
    statements: async (request) => {
      const before = probeDb.statementCount();
      const response = await fetch(`http://127.0.0.1:${probePort}${request.path}`, { method: 'POST', headers: request.headers, body: request.body });
      await response.text();
      if (response.headers.get('x-read-path') !== 'compiled') throw new Error(`not answered by the compiled path: ${request.body}`);
      return probeDb.statementCount() - before;
    },
  };

  const results = {};
  if (PARTS.has('workloads')) {
    console.log('read workloads: GraphQL server (A) and raw-SQL floor (B), in rotation');
    const { buildAppSchema } = await import('../dist/schema/index.js');
    const { answerQuery } = await import('../dist/read/operation.js');
    const randomFile = join(tmpdir(), `bench-random-${process.pid}.json`);
    const ids = [...draws.orders.slice(0, 20).map((o) => gid('Order', o.id)), ...draws.deliveries.slice(0, 20).map((d) => gid('Delivery', d.id)), ...orgs.slice(0, 20).map((o) => gid('Supplier', o.id))];
    const random = await compileRandom({
      schema: buildAppSchema(),
      answerQuery,
      viewer: { id: 'bench-viewer', name: 'Bench VIEWER', email: 'viewer@example.com', roles: ['VIEWER'], organization: null },
      count: RANDOM_QUERIES,
      seed: 20261204,
      ids,
      file: randomFile,
    });
    const server = await startProcess(serverArgs, serverEnv(4201), 4201);
    const baseline = await startProcess(['bench/baseline.mjs'], { BENCH_DATABASE_URL: benchUrl, PORT: '4100', BENCH_RANDOM_FILE: randomFile }, 4100);
    results.reads = await measureReads({ graphql: { port: 4201, pid: server.pid }, raw: { port: 4100, pid: baseline.pid }, gql, post, probe, draws, random });
    let n = 0;
    results.w3 = await load('recordDeliveryEvent (buyer)', 4201, () => gql(staffTokens.BUYER, W3, { id: gid('Delivery', pick(inTransit).id), loc: `w3-${n++}` }));
    await stopProcess(server);
    await stopProcess(baseline);
  }
  await probeApp.stop();
  await probeDb.close();

  if (PARTS.has('noisy')) results.noisy = await noisyNeighbour(orgs, gql);

  if (PARTS.has('export')) {
    console.log('bulk export of every order with its lines, as staff');
    const [{ n: lines }] = await sql`select count(*)::int as n from order_lines`;
    const exportDir = join(tmpdir(), `bench-exports-${process.pid}`);
    const server = await startProcess(serverArgs, { ...serverEnv(4204), EXPORT_DIR: exportDir }, 4204);
    results.export = await measureExport({ port: 4204, pid: server.pid, token: staffTokens.VIEWER, lines });
    await stopProcess(server);
    execFileSync('rm', ['-rf', exportDir]);
  }

  if (PARTS.has('fanout')) {
  console.log('subscription fan-out, two instances');
  const a = await startProcess(serverArgs, serverEnv(4201), 4201);
  const b = await startProcess(serverArgs, serverEnv(4202), 4202);
  // Every subscriber has events to receive: only suppliers with a delivery in transit subscribe, and
  // the traffic goes round those deliveries. A supplier's subscribers all sit on one instance and its
  // events are written through the other, so every portal event crosses instances; staff sit half on
  // each, so half of their receipts cross.
  const orgDeliveries = new Map();
  for (const d of inTransit) if (!orgDeliveries.has(d.supplierId)) orgDeliveries.set(d.supplierId, d.id);
  const portalOrgs = orgs.map((o, i) => ({ token: supplierTokens[i], delivery: orgDeliveries.get(o.id) })).filter((o) => o.delivery !== undefined);
  const portFor = (k) => (k % 2 === 0 ? 4201 : 4202);
  const otherPort = (port) => (port === 4201 ? 4202 : 4201);

  const write = (port, delivery, tag) =>
    fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${buyer}` }, body: JSON.stringify({ query: W3, variables: { id: gid('Delivery', delivery), loc: tag } }) }).then((r) => r.json());

  /** 100 writes a second for `seconds`; `event(i)` names the delivery and the instance written through. */
  async function traffic(label, seconds, event, onWritten) {
    const inflight = new Set();
    const started = performance.now();
    for (let i = 0; i < seconds * 100; i++) {
      const wait = started + i * 10 - performance.now();
      if (wait > 0) await sleep(wait);
      const tag = `${label}-${i}`;
      const { port, delivery } = event(i);
      const sent = performance.now();
      const p = write(port, delivery, tag)
        .then((body) => {
          if (!body.errors && body.data.recordDeliveryEvent.errors.length === 0) onWritten?.(tag, { sent, answered: performance.now(), port });
        })
        .finally(() => inflight.delete(p));
      inflight.add(p);
    }
    await Promise.all(inflight);
  }

  /**
   * Latency is what a subscriber sees: from the moment the writer was told the write succeeded to the
   * event's arrival, on the bench's one clock and never clamped (an event may arrive before the
   * write's own answer: that shows as a negative figure). From the write's start is reported too.
   */
  async function fanOut(label, subscribers, event, expectedPerEvent) {
    const received = new Map(); // tag -> [{ at, port }]
    const clients = [];
    const failures = new Map(); // what ended a subscription or a socket early -> count
    const failed = (what) => failures.set(what, (failures.get(what) ?? 0) + 1);
    let ready = 0;
    for (const { token, port } of subscribers) {
      const client = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
      clients.push(client);
      client.subscribe(
        { query: 'subscription { deliveryUpdated { event { location } } }' },
        {
          next: (msg) => {
            if (msg.errors) failed(`event error ${msg.errors[0]?.extensions?.code}: ${msg.errors[0]?.message}`);
            const tag = msg.data?.deliveryUpdated?.event?.location;
            if (!tag?.startsWith(`${label}-`) || tag.includes('-warmup-')) return;
            const receipt = { at: performance.now(), port };
            const list = received.get(tag);
            if (list) list.push(receipt);
            else received.set(tag, [receipt]);
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
    await traffic(`${label}-warmup`, 10, event);
    await sleep(2000);
    const written = new Map();
    await traffic(label, FANOUT_SECONDS, event, (tag, w) => written.set(tag, w));
    await sleep(5000);
    const fromAnswer = [];
    const fromStart = [];
    const crossing = [];
    let delivered = 0;
    for (const [tag, receipts] of received) {
      delivered += receipts.length;
      const w = written.get(tag);
      if (w === undefined) continue;
      for (const r of receipts) {
        fromAnswer.push(r.at - w.answered);
        fromStart.push(r.at - w.sent);
        if (r.port !== w.port) crossing.push(r.at - w.answered);
      }
    }
    const expected = written.size * expectedPerEvent;
    const shortfalls = new Map(); // receivers an event reached, for the events that missed some -> count
    for (const tag of written.keys()) {
      const n = received.get(tag)?.length ?? 0;
      if (n < expectedPerEvent) shortfalls.set(n, (shortfalls.get(n) ?? 0) + 1);
    }
    if (shortfalls.size > 0) console.log(`  ${label}: events that reached fewer than ${expectedPerEvent} subscribers (reached -> events): ${JSON.stringify(Object.fromEntries(shortfalls))}`);
    await Promise.all(clients.map((c) => c.dispose()));
    const result = {
      events: written.size,
      delivered,
      expected,
      ratio: expected ? delivered / expected : 0,
      p50: pct(fromAnswer, 50),
      p99: pct(fromAnswer, 99),
      min: pct(fromAnswer, 0),
      crossP99: pct(crossing, 99),
      crossShare: fromAnswer.length ? crossing.length / fromAnswer.length : 0,
      startP50: pct(fromStart, 50),
      startP99: pct(fromStart, 99),
    };
    console.log(
      `  ${label}: ${written.size} events to ${subscribers.length} subscribers, delivered ${delivered}/${expected} (${(result.ratio * 100).toFixed(2)}%); after the write's answer p50 ${result.p50?.toFixed(1)} ms, p99 ${result.p99?.toFixed(1)} ms, min ${result.min?.toFixed(1)} ms; crossing instances ${(result.crossShare * 100).toFixed(0)}% of receipts, p99 ${result.crossP99?.toFixed(1)} ms; from the write's start p50 ${result.startP50?.toFixed(1)} ms, p99 ${result.startP99?.toFixed(1)} ms`,
    );
    if (failures.size > 0) console.log(`  ${label}: ended early: ${JSON.stringify(Object.fromEntries(failures))}`);
    return result;
  }

  const perOrg = Number(process.env.BENCH_USERS_PER_ORG ?? 5);
  const portal = () =>
    fanOut(
      'portal',
      portalOrgs.flatMap((o, k) => Array.from({ length: perOrg }, () => ({ token: o.token, port: portFor(k) }))),
      (i) => {
        const k = i % portalOrgs.length;
        return { port: otherPort(portFor(k)), delivery: portalOrgs[k].delivery };
      },
      perOrg,
    );
  const staff = () =>
    fanOut(
      'staff',
      Array.from({ length: 100 }, (_, k) => ({ token: viewer, port: portFor(k) })),
      (i) => ({ port: portFor(i), delivery: portalOrgs[i % portalOrgs.length].delivery }),
      100,
    );
  if (process.env.BENCH_STAFF_FIRST === '1') {
    results.fanoutB = await staff();
    results.fanoutA = await portal();
  } else {
    results.fanoutA = await portal();
    results.fanoutB = await staff();
  }
  await stopProcess(a);
  await stopProcess(b);
  }
  await sql.end();
  if (pinned) pinPostgres('0-1');

  const ratio = (x, y) => (x / y).toFixed(2);
  console.log('\nresults');
  if (results.reads) {
    console.log('| workload | GraphQL req/s | raw req/s | ratio | GraphQL CPU ms/req | raw CPU ms/req | CPU ratio | PostgreSQL CPU ms/req GraphQL / raw | p99 ms | statements | peak RSS MiB |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of results.reads) {
      console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.rawRps.toFixed(0)} | ${ratio(r.rps, r.rawRps)} | ${r.cpu.toFixed(2)} | ${r.rawCpu.toFixed(2)} | ${ratio(r.cpu, r.rawCpu)} | ${r.databaseCpu.toFixed(2)} / ${r.rawDatabaseCpu.toFixed(2)} | ${r.p99} | ${r.statements} | ${r.peak.toFixed(0)} |${r.failed ? ` ${r.failed} failed` : ''}`);
    }
    console.log(`targets: ratio >= 0.60, CPU ratio <= 2.5, one statement per root field, peak RSS <= 256 MiB`);
    console.log('ratio in each round:');
    for (const r of results.reads) console.log(`  ${r.name}: ${r.roundRatios.map((x) => x.toFixed(2)).join(' ')}`);
    console.log(`recordDeliveryEvent (buyer): ${results.w3.rps.toFixed(0)} req/s, p50 ${results.w3.p50} ms, p99 ${results.w3.p99} ms`);
  }
  if (results.noisy) {
    const n = results.noisy;
    const each = n.rounds.map((r) => `${(r.flooded.p99 / r.alone.p99).toFixed(2)}x`).join(', ');
    console.log(`noisy neighbour (medians of ${n.rounds.length} rounds): partner B's reads alone p50 ${n.alone.p50.toFixed(1)} ms, p99 ${n.alone.p99.toFixed(1)} ms; while partner A floods p50 ${n.flooded.p50.toFixed(1)} ms, p99 ${n.flooded.p99.toFixed(1)} ms (${(n.flooded.p99 / n.alone.p99).toFixed(2)}x, target <= 2x; by round ${each}); A sent ${n.flood.requests} requests a round: ${n.flood.ok} answered, ${n.flood.throttled} throttled (429)`);
  }
  if (results.export) {
    for (const r of results.export.runs) console.log(`bulk export ORDERS ${r.format}: ${r.orders} orders, ${r.lines} lines, ${r.megabytes.toFixed(0)} MiB in ${r.seconds.toFixed(1)} s; server RSS at most ${r.rssHighestMiB.toFixed(0)} MiB while exporting (target < 300 MiB)`);
    console.log(`bulk export: server peak RSS ${results.export.peakRssMiB.toFixed(0)} MiB`);
  }
  if (results.fanoutA) {
    for (const [name, r, target] of [['(a) portal', results.fanoutA, 100], ['(b) staff', results.fanoutB, 250]]) {
      console.log(`fan-out ${name}: ${(r.ratio * 100).toFixed(2)}% delivered, p50 ${r.p50?.toFixed(1)} ms, p99 ${r.p99?.toFixed(1)} ms after the write's answer (target 100%, p99 < ${target} ms); crossing instances p99 ${r.crossP99?.toFixed(1)} ms; from the write's start p99 ${r.startP99?.toFixed(1)} ms`);
    }
  }
  process.exit(0);
}

await main();
