import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../src/demo/seed.js';
import { toGlobalId } from '../src/domain/shared/ids.js';
import { buildAppSchema } from '../src/schema/index.js';
import { QueryWriter, type ValuePools } from './support/query-writer.js';
import { startServer, type TestServer } from './support/server.js';
import { addVariety } from './support/variety.js';

/**
 * The compiled read path against an independent reference: random valid queries generated from the
 * schema, asked by every kind of viewer (staff roles, two rival suppliers, a customer with records and
 * one without), once answered from the read models and once executed by graphql-js with the resolvers
 * and their loaders (`x-read-path: executed`, honoured in tests). The answers must be identical, and a
 * query graphql-js answers without errors must have been answered by the compiled path. Seeded:
 * READ_DIFF_SEED replays a run, READ_DIFF_QUERIES sets how many queries it asks.
 */
const SEED = Number(process.env.READ_DIFF_SEED ?? 20261204);
const QUERIES = Number(process.env.READ_DIFF_QUERIES ?? 180);

let server: TestServer;
const viewers: { name: string; token: string }[] = [];
let pools: ValuePools;
const schema = buildAppSchema();

type Body = { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[]; extensions?: unknown };

async function ask(token: string, query: string, variables: Record<string, unknown>, path: 'compiled' | 'executed') {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-read-path': path },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Body;
  delete body.extensions;
  return { status: response.status, path: response.headers.get('x-read-path'), declined: response.headers.get('x-read-declined'), planned: response.headers.get('x-read-planned') === 'yes', text: JSON.stringify(body), body };
}

beforeAll(async () => {
  // Plans made at a query's first sighting: the second viewer of a kind is answered from the first one's plan.
  server = await startServer({ env: { READ_PLANS: 'eager' } });
  await seedDemoData(server.database.db);
  await addVariety(server);
  for (const name of ['admin', 'buyer', 'quality', 'sales', 'viewer', 'supplier-suzhou', 'supplier-rheinland', 'customer-nordwind']) viewers.push({ name, token: await server.token(name) });
  const admin = await server.as('admin');
  const all = await admin.data(`{
    suppliers(first: 100) { edges { cursor } nodes { id evaluations(first: 10) { edges { cursor } nodes { id } } } }
    customers(first: 100) { edges { cursor } nodes { id satisfaction { id } } }
    parts(first: 100) { edges { cursor } nodes { id } }
    orders(first: 100) { edges { cursor } nodes { id lines { id } changeRequests { id } } }
    byNumber: orders(first: 20, orderBy: { field: NUMBER, direction: DESC }) { edges { cursor } }
    deliveries(first: 100) { edges { cursor } nodes { id } }
    nonconformances(first: 100) { edges { cursor } nodes { id inspection { id } } }
    contracts(first: 100) { edges { cursor } nodes { id } }
    qualityAgreements(first: 100) { edges { cursor } nodes { id } }
    customerFeedback(first: 100) { edges { cursor } nodes { id } }
    activity(first: 40) { edges { cursor } nodes { id } }
  }`);
  const idsOf = (nodes: { id: string }[]) => nodes.map((n) => n.id);
  const forged = (type: 'Supplier' | 'Customer' | 'Part' | 'Order' | 'Delivery') => toGlobalId(type, randomUUID());
  const otherCustomer = all.customers.nodes.map((n: { id: string }) => n.id).find((id: string) => id !== toGlobalId('Customer', '00000000-0000-0000-0000-000000000000'));
  viewers.push({ name: 'customer-without-records', token: await server.token({ roles: ['CUSTOMER_USER'], org: otherCustomer }) });
  const ids: Record<string, string[]> = {
    Supplier: [...idsOf(all.suppliers.nodes), forged('Supplier')],
    Customer: [...idsOf(all.customers.nodes), forged('Customer')],
    Part: [...idsOf(all.parts.nodes), forged('Part')],
    Order: [...idsOf(all.orders.nodes), forged('Order')],
    Delivery: [...idsOf(all.deliveries.nodes), forged('Delivery')],
  };
  const nested = [
    ...all.suppliers.nodes.flatMap((s: { evaluations: { nodes: { id: string }[] } }) => idsOf(s.evaluations.nodes)),
    ...all.customers.nodes.flatMap((c: { satisfaction: { id: string }[] }) => idsOf(c.satisfaction)),
    ...all.orders.nodes.flatMap((o: { lines: { id: string }[]; changeRequests: { id: string }[] }) => [...idsOf(o.lines), ...idsOf(o.changeRequests)]),
    ...all.nonconformances.nodes.flatMap((n: { inspection: { id: string } | null }) => (n.inspection ? [n.inspection.id] : [])),
  ];
  const anyIds = [...Object.values(ids).flat(), ...idsOf(all.nonconformances.nodes), ...idsOf(all.contracts.nodes), ...idsOf(all.qualityAgreements.nodes), ...idsOf(all.customerFeedback.nodes), ...idsOf(all.activity.nodes), ...nested, 'not-an-id', toGlobalId('Activity', '999999')];
  const edgesOf = (connection: { edges: { cursor: string }[] }) => connection.edges.map((e) => e.cursor);
  const cursors: Record<string, string[]> = {
    SupplierConnection: edgesOf(all.suppliers),
    CustomerConnection: edgesOf(all.customers),
    PartConnection: edgesOf(all.parts),
    OrderConnection: [...edgesOf(all.orders), ...edgesOf(all.byNumber)],
    DeliveryConnection: edgesOf(all.deliveries),
    NonconformanceConnection: edgesOf(all.nonconformances),
    ContractConnection: edgesOf(all.contracts),
    QualityAgreementConnection: edgesOf(all.qualityAgreements),
    CustomerFeedbackConnection: edgesOf(all.customerFeedback),
    ActivityConnection: edgesOf(all.activity),
    SupplierEvaluationConnection: all.suppliers.nodes.flatMap((s: { evaluations: { edges: { cursor: string }[] } }) => edgesOf(s.evaluations)),
    garbage: ['bm90IGEgY3Vyc29y'],
  };
  const today = server.clock.now().toISOString().slice(0, 10);
  pools = {
    ids,
    anyIds,
    cursors,
    dates: ['2024-01-01', '2025-07-01', '2026-01-01', '2026-06-30', today, '2027-12-31'],
    dateTimes: [server.clock.now().toISOString(), '2026-01-01T00:00:00Z', '2030-06-30T12:00:00+08:00'],
    floats: [0.065, 0.65, 1, 1.5, 2.5, 4, 6.5, 10, 7],
    strings: ['a', 'SZ', 'PO-', 'ö', '%', '_', ' '],
  };
});
afterAll(() => server.stop());

describe('every query, compiled and executed', () => {
  it(`gives the same answer for ${QUERIES} generated queries, asked by each kind of viewer`, async () => {
    const tally = { compiled: 0, executed: 0, cases: 0, planned: 0 };
    const reasons = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (draw) => {
        const { query, variables } = new QueryWriter(draw, schema, pools).operation();
        for (const viewer of viewers) {
          const compiled = await ask(viewer.token, query, variables, 'compiled');
          // Asked again: from the plan the first answer left (or another viewer's of the same kind).
          const planned = await ask(viewer.token, query, variables, 'compiled');
          if (planned.text !== compiled.text) throw new Error(`the plan answers differently as ${viewer.name}, variables ${JSON.stringify(variables)}:\n${query}\nrendered ${compiled.text.slice(0, 1500)}\nplanned ${planned.text.slice(0, 1500)}`);
          const executed = await ask(viewer.token, query, variables, 'executed');
          tally.cases += 1;
          const context = `as ${viewer.name}, variables ${JSON.stringify(variables)}:\n${query}`;
          // Declined, both answers come from graphql-js, which reports whichever of several errors
          // settles first: the same status and codes, not the same first error.
          const codes = (body: Body) => JSON.stringify((body.errors ?? []).map((e) => e.extensions?.code).sort());
          const same = compiled.path === 'compiled' ? compiled.text === executed.text : codes(compiled.body) === codes(executed.body);
          if (!same || compiled.status !== executed.status) {
            throw new Error(`different answers ${context}\ncompiled ${compiled.status} ${compiled.text.slice(0, 2000)}\nexecuted ${executed.status} ${executed.text.slice(0, 2000)}`);
          }
          // A field the viewer may not read, or a nested argument that is refused, is refused before any
          // row is read; graphql-js errs only if a row reaches it, so with no rows it answers (the same)
          // without an error. Anything else must be answered compiled.
          if (executed.body.errors === undefined && compiled.path !== 'compiled' && !/^(forbidden|refused): /.test(compiled.declined ?? '')) {
            throw new Error(`left to graphql-js (${compiled.declined}) without an error ${context}`);
          }
          if (planned.planned) tally.planned += 1;
          if (compiled.path === 'compiled') tally.compiled += 1;
          else {
            tally.executed += 1;
            const reason = `${executed.status} ${executed.body.errors?.[0]?.extensions?.code ?? '-'} ${(compiled.declined ?? '').replace(/[0-9a-f-]{36}|\d+/g, '#').slice(0, 60)}`;
            reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
            if (executed.status === 400 && process.env.READ_DIFF_DEBUG) console.log(executed.body.errors?.[0]?.message, query);
          }
        }
      }),
      { seed: SEED, numRuns: QUERIES, endOnFailure: true },
    );
    console.log(`read differential (seed ${SEED}): ${tally.cases} cases, ${tally.compiled} answered compiled (${tally.planned} of them again from a plan), ${tally.executed} by graphql-js with an error to give:`, Object.fromEntries(reasons));
    // Most generated queries are valid and readable by the viewer: the test must exercise the compiled path.
    expect(tally.compiled).toBeGreaterThan(tally.cases / 2);
    // And most of those were asked again and answered from a plan.
    expect(tally.planned).toBeGreaterThan(tally.compiled / 2);
  }, 300_000);
});
