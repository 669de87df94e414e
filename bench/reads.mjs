// The read workloads, measured against their raw floors: every workload of bench/workloads.mjs and a
// set of generated queries, each answered by the GraphQL server (A) and the raw server (B) in turn,
// A B A B ... for BENCH_ROUNDS rounds, reporting medians: requests a second, latency, server and
// PostgreSQL CPU per request (from /proc), SQL statements per request and the GraphQL server's peak memory.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { getOperationAST, parse } from 'graphql';
import postgres from 'postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import { horizonSetting } from '../dist/db/queries/activity.js';
import { benchUrl } from './generate.mjs';
import { randomQueries } from './random-queries.mjs';
import { workloads } from './workloads.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_READ_SECONDS ?? 6);
const CONNECTIONS = 16;
const TICK_MS = 10; // /proc reports CPU time in ticks of 1/100 s

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** User and system CPU milliseconds so far, from a process's /proc/<pid>/stat. */
function cpuMsOf(stat) {
  const fields = stat.split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** User and system CPU milliseconds of a process so far. */
const cpuMs = (pid) => cpuMsOf(readFileSync(`/proc/${pid}/stat`, 'utf8'));

/**
 * User and system CPU milliseconds of every PostgreSQL process so far: what the database spent on a
 * side's statements, when nothing else uses it during a run (the benchmark's own settle query aside).
 */
function postgresCpuMs() {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.includes(' (postgres) ')) total += cpuMsOf(stat);
    } catch {
      // the process ended between the listing and the read
    }
  }
  return total;
}

const rssMiB = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/**
 * Waits until the database runs no statement of the benchmark's servers: when the load generator
 * stops, PostgreSQL still works through the statements already sent (16 scorecard pages of the raw
 * floor are seconds of work), which would otherwise be charged to whichever side runs next.
 */
async function settle(sql) {
  for (let i = 0; i < 300; i++) {
    const [{ n }] = await sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`;
    if (n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the database is still busy 30 s after a run');
}

/** Runs one side for SECONDS: throughput, latency, CPU per request, peak resident memory. */
async function run(port, pid, makeRequest) {
  let peak = rssMiB(pid);
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMiB(pid));
  }, 100);
  const before = cpuMs(pid);
  const databaseBefore = postgresCpuMs();
  const result = await autocannon({ url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration: SECONDS, requests: [{ setupRequest: (req) => ({ ...req, ...makeRequest() }) }] });
  const cpu = cpuMs(pid) - before;
  const databaseCpu = postgresCpuMs() - databaseBefore;
  clearInterval(sampler);
  const answered = result['2xx'];
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuPerRequest: answered > 0 ? cpu / answered : Number.NaN, databaseCpuPerRequest: answered > 0 ? databaseCpu / answered : Number.NaN, failed: result.errors + result.non2xx, peak };
}

/**
 * @param ctx what the workloads draw from (bench/run.mjs: viewers, record pools), the two servers
 *   ({ port, pid } each), `gql(token, query, variables)` building a request, and the in-process
 *   probe server that counts statements.
 */
export async function measureReads(ctx) {
  const { graphql, raw, gql, probe, draws } = ctx;
  const rawRequest = (index, draw) => ({ method: 'POST', path: '/raw', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ workload: index, params: workloads[index].params(draw) }) });
  const cases = workloads.map((w, index) => ({
    name: w.name,
    graphql: () => {
      const d = w.draw(draws);
      return gql(d.viewer.token, w.query, d.variables);
    },
    raw: () => rawRequest(index, w.draw(draws)),
    sample: async () => {
      const d = w.draw(draws);
      return { graphql: await ctx.post(graphql.port, gql(d.viewer.token, w.query, d.variables)), raw: await ctx.post(raw.port, rawRequest(index, d)), statements: await probe.statements(gql(d.viewer.token, w.query, d.variables)) };
    },
  }));

  // Generated queries, each with the statement the compiler writes for it: the raw floor runs that
  // statement as it is (ctx.random written before the raw server started).
  const generated = ctx.random;
  if (generated.length > 0) {
    let next = 0;
    cases.push({
      name: `${generated.length} generated queries (viewer)`,
      graphql: () => gql(draws.staff('VIEWER').token, generated[next++ % generated.length].query),
      raw: () => ({ method: 'POST', path: '/random', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: next++ % generated.length }) }),
      sample: async () => {
        let statements = 0;
        for (const [i, g] of generated.entries()) {
          const a = await ctx.post(graphql.port, gql(draws.staff('VIEWER').token, g.query));
          const b = await ctx.post(raw.port, { method: 'POST', path: '/random', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: i }) });
          if (!isDeepStrictEqual(a.data, b.data)) return { graphql: a, raw: b };
          statements = Math.max(statements, await probe.statements(gql(draws.staff('VIEWER').token, g.query)));
        }
        return { graphql: { data: 'all equal' }, raw: { data: 'all equal' }, statements };
      },
    });
  }

  // BENCH_WORKLOADS (comma-separated parts of names) measures only those workloads.
  const only = process.env.BENCH_WORKLOADS?.split(',').filter((w) => w !== '');
  if (only !== undefined && only.length > 0) {
    for (let i = cases.length - 1; i >= 0; i--) if (!only.some((w) => cases[i].name.includes(w))) cases.splice(i, 1);
  }
  // Each pair must answer the same before it is measured.
  for (const c of cases) {
    const s = await c.sample().catch((error) => {
      throw new Error(`${c.name}: ${error.message}`);
    });
    if (s.graphql.errors || !isDeepStrictEqual(s.graphql.data, s.raw.data)) {
      throw new Error(`${c.name}: the raw floor does not answer what GraphQL answers\nGraphQL: ${JSON.stringify(s.graphql).slice(0, 1500)}\nraw: ${JSON.stringify(s.raw).slice(0, 1500)}`);
    }
    c.statements = s.statements;
  }
  console.log(`  ${cases.length} workloads: GraphQL and raw answers equal`);

  const rounds = cases.map(() => ({ a: [], b: [] }));
  const sql = postgres(benchUrl, { max: 1, onnotice: () => {} });
  // Each run starts on an idle database.
  const measured = async (port, pid, makeRequest) => {
    await settle(sql);
    return run(port, pid, makeRequest);
  };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [i, c] of cases.entries()) {
      if (round === 1) {
        await measured(graphql.port, graphql.pid, c.graphql); // warm-up, not counted
        await measured(raw.port, raw.pid, c.raw);
      }
      rounds[i].a.push(await measured(graphql.port, graphql.pid, c.graphql));
      rounds[i].b.push(await measured(raw.port, raw.pid, c.raw));
    }
    console.log(`  round ${round} of ${ROUNDS} done`);
  }
  await sql.end();
  return cases.map((c, i) => {
    const { a, b } = rounds[i];
    const m = (side, key) => median(side.map((r) => r[key]));
    return {
      name: c.name,
      statements: c.statements,
      rps: m(a, 'rps'),
      rawRps: m(b, 'rps'),
      p50: m(a, 'p50'),
      p99: m(a, 'p99'),
      cpu: m(a, 'cpuPerRequest'),
      rawCpu: m(b, 'cpuPerRequest'),
      databaseCpu: m(a, 'databaseCpuPerRequest'),
      rawDatabaseCpu: m(b, 'databaseCpuPerRequest'),
      peak: Math.max(...a.map((r) => r.peak)),
      // Each round's ratio of throughput, GraphQL to raw: how far apart the rounds were.
      roundRatios: a.map((r, k) => r.rps / b[k].rps),
      failed: a.reduce((n, r) => n + r.failed, 0) + b.reduce((n, r) => n + r.failed, 0),
    };
  });
}

/** How the feed's statement reads the horizon its prelude set. */
const horizonText = new PgDialect().sqlToQuery(horizonSetting).sql;

/**
 * The generated queries with their compiled statements: each is answered once by the compiler with a
 * reader that captures the statement instead of running it, and answers placeholders the raw
 * server fills with the statement's columns.
 */
export async function compileRandom({ schema, answerQuery, viewer, count, seed, ids, file }) {
  const written = [];
  for (const query of randomQueries(schema, count * 3, seed, ids)) {
    if (written.length === count) break;
    const document = parse(query);
    let captured;
    const reader = async (text, params, options) => {
      // What the prelude sets (`also`) is read with current_setting; the raw floor has no prelude and
      // reads the activity horizon as its own workload does, from the statement's snapshot.
      if (options?.also !== undefined) text = text.replaceAll(horizonText, 'pg_snapshot_xmin(pg_current_snapshot())');
      captured = { text, params: [...params] };
      return Array.from({ length: 20 }, (_, i) => `"__r${i}__"`);
    };
    let template;
    try {
      template = await answerQuery(schema, document, getOperationAST(document), {}, { reader, viewer, now: new Date(), timeZone: 'UTC' });
    } catch {
      continue;
    }
    if (template === null) continue;
    template = template.join('');
    const { text, params } = captured ?? { text: 'select 1', params: [] };
    written.push({ query, text, params, template });
  }
  writeFileSync(file, JSON.stringify(written));
  return written;
}
