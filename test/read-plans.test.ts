import { sql } from 'drizzle-orm';
import { getNamedType, getOperationAST, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/auth/viewer.js';
import { PgDialect } from 'drizzle-orm/pg-core';
import { executeRows, type ReadOptions } from '../src/db/client.js';
import { toGlobalId } from '../src/domain/shared/ids.js';
import { activityPastCursorQuery } from '../src/integration/webhooks/dispatcher.js';
import { answerQuery, GENERIC_PLAN } from '../src/read/operation.js';
import { buildAppSchema } from '../src/schema/index.js';
import { startServer, type TestServer } from './support/server.js';
// biome-ignore lint/suspicious/noTsIgnore: the data set is plain JavaScript shared with the benchmark
// @ts-ignore
import { datasetSteps } from '../bench/dataset.mjs';

/**
 * Company-wide figures and pages of scorecards must read through indexes, whatever the size of the
 * tables (here the benchmark's data set, bench/dataset.mjs, at a twentieth of its size): with sequential scans disabled, every access to a table that grows with the business must
 * be an index access with a condition (not a whole index read end to end). Pinned here on the
 * statements the compiled path actually sends.
 */
const GROWING = ['orders', 'order_lines', 'deliveries', 'delivery_lines', 'delivery_events', 'inspections', 'nonconformances', 'nonconformance_history', 'customer_feedback', 'activity', 'order_counts'];

let server: TestServer;
const staff: Viewer = { id: 'plan-probe', name: 'Plan probe', email: 'probe@example.com', roles: ['VIEWER'], organization: null };

/** Indexes with a predicate: a scan of one reads only the rows it holds, condition or not. */
let partialIndexes: string[] = [];

beforeAll(async () => {
  server = await startServer();
  // The benchmark's data set at a twentieth of its size: realistic distributions, so realistic plans.
  const driver = server.database.driver;
  for (const [, step] of datasetSteps({ suppliers: 100, parts: 1000, orders: 10000 }) as [string, string][]) {
    if (driver.kind === 'pglite') await driver.client.exec(step);
    else await driver.client.unsafe(step);
  }
  await executeRows(server.database.db, sql`analyze`);
  partialIndexes = (await executeRows<{ name: string }>(server.database.db, sql`select indexrelid::regclass::text as name from pg_index where indpred is not null`)).map((r) => r.name);
}, 120_000);
afterAll(() => server.stop());

/** The statement the compiled path sends for a query, and how it runs it (ReadOptions), captured instead of run. */
async function statementOf(query: string, variables: Record<string, unknown> = {}, document = parse(query), viewer: Viewer = staff): Promise<{ text: string; params: unknown[] } & ReadOptions> {
  let captured: ({ text: string; params: unknown[] } & ReadOptions) | undefined;
  const reader = async (text: string, params: readonly unknown[], options?: ReadOptions) => {
    captured = { text, params: [...params], ...options };
    return [];
  };
  await answerQuery(buildAppSchema(), document, getOperationAST(document)!, variables, { reader, viewer, now: server.clock.now(), timeZone: 'UTC' });
  return captured!;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  'Index Name'?: string;
  Filter?: string;
  'Parent Relationship'?: string;
  Plans?: PlanNode[];
}

/** PostgreSQL's plan of a statement, with sequential scans disabled, the activity horizon a prelude would set, and `settings`. */
async function planOf({ text, params }: { text: string; params: unknown[] }, settings: string[] = []): Promise<PlanNode> {
  const driver = server.database.driver;
  const prepare = ['set local enable_seqscan = off', `select set_config('scm.activity_horizon', pg_snapshot_xmax(pg_current_snapshot())::text, true)`, ...settings];
  const rows =
    driver.kind === 'pglite'
      ? await driver.client.transaction(async (tx) => {
          for (const statement of prepare) await tx.query(statement);
          return (await tx.query<Record<string, unknown>>(`explain (format json) ${text}`, params)).rows;
        })
      : await driver.client.begin(async (tx) => {
          for (const statement of prepare) await tx.unsafe(statement);
          return tx.unsafe(`explain (format json) ${text}`, params as never[]);
        });
  const plan = (rows[0] as Record<string, unknown>)['QUERY PLAN'];
  const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan: PlanNode }[];
  return parsed[0]!.Plan;
}

/** Every node of a plan, depth first. */
function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

/** Scans of growing tables that are not index accesses with a condition, in the statement of a query or in a given one. */
async function unindexedScans(query: string | { text: string; params: unknown[] }): Promise<string[]> {
  const found: string[] = [];
  const walk = (node: PlanNode, parent?: PlanNode) => {
    const table = node['Relation Name'];
    if (table !== undefined && GROWING.includes(table)) {
      // An index read in order under a Limit, with nothing filtered out, stops after the limit's rows.
      const bounded = parent?.['Node Type'] === 'Limit' && node.Filter === undefined;
      const indexed = /Index/.test(node['Node Type']) && (node['Index Cond'] !== undefined || bounded || partialIndexes.includes(node['Index Name'] ?? ''));
      if (!indexed && node['Node Type'] !== 'Bitmap Heap Scan') found.push(`${node['Node Type']} on ${table}${process.env.PLAN_DEBUG ? JSON.stringify({ ...node, Plans: undefined }) : ''}`);
    }
    for (const child of node.Plans ?? []) walk(child, node);
  };
  // Bitmap heap scans are fed by a bitmap index scan, checked on its own.
  walk(await planOf(typeof query === 'string' ? await statementOf(query) : query));
  return found;
}

describe('background passes', () => {
  it('ask whether the webhook dispatcher has activity to dispatch with one probe of the feed index', async () => {
    await executeRows(server.database.db, sql`insert into webhook_dispatch (singleton, tx_id, activity_id) values (true, '0', 0) on conflict do nothing`);
    expect(await executeRows(server.database.db, sql`select count(*)::int as n from activity`)).not.toEqual([{ n: 0 }]);
    const statement = new PgDialect().sqlToQuery(activityPastCursorQuery);
    expect(await unindexedScans({ text: statement.sql, params: statement.params })).toEqual([]);
  });
});

/** The global id of an order of the data set. */
const anOrderId = async () => toGlobalId('Order', (await executeRows<{ id: string }>(server.database.db, sql`select id from orders limit 1`))[0]!.id);

describe('plans of reads by key', () => {
  it('are generic: a statement whose every root reads by key (node, nodes) asks for one plan, however often it is planned', async () => {
    const id = await anOrderId();
    const byId = 'query($id: ID!) { node(id: $id) { ... on Order { number lines { quantity } } } }';
    // The same document each time: the second and third are answered from its plan.
    const document = parse(byId);
    for (let i = 0; i < 3; i++) expect(await statementOf(byId, { id }, document)).toMatchObject({ also: GENERIC_PLAN, brief: true });
    expect(await statementOf('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [id, id] })).toMatchObject({ also: GENERIC_PLAN, brief: true });
  });

  it("are PostgreSQL's choice for a page, alone or beside a read by key: its filters and sort tell the planner something", async () => {
    const id = await anOrderId();
    for (const page of [await statementOf('{ orders(first: 10, filter: { status: [ISSUED] }) { nodes { number } } }'), await statementOf('query($id: ID!) { node(id: $id) { id } orders(first: 10) { nodes { number } } }', { id })]) {
      expect(page.also).toBeUndefined();
      // Nor brief: a page may take long, and a read by key must not be pipelined behind it.
      expect(page.brief).toBeUndefined();
    }
  });
});

/** The partner of the data set with the most rows in `table`, as a viewer, and that count. */
async function busiestPartner(type: 'Supplier' | 'Customer', table: 'activity' | 'orders'): Promise<{ viewer: Viewer; rows: number }> {
  const column = type === 'Supplier' ? sql`supplier_id` : sql`customer_id`;
  const [row] = await executeRows<{ id: string; n: number }>(server.database.db, sql`select ${column} as id, count(*)::int as n from ${sql.identifier(table)} where ${column} is not null group by 1 order by 2 desc limit 1`);
  const viewer: Viewer = { id: `plan-${type}`, name: 'Plan probe', email: 'partner@example.com', roles: [type === 'Supplier' ? 'SUPPLIER_USER' : 'CUSTOMER_USER'], organization: { type, id: row!.id } };
  return { viewer, rows: row!.n };
}

describe('pages of the activity feed', () => {
  it.each(['Supplier', 'Customer'] as const)("read a %s's rows in the feed's order through an index and stop after the page: no sort of everything the partner ever had", async (type) => {
    // More activity than a page holds.
    const { viewer, rows } = await busiestPartner(type, 'activity');
    expect(rows).toBeGreaterThan(60);
    const query = 'query($after: String) { activity(first: 50, after: $after) { nodes { kind summary } } }';
    for (const after of [null, Buffer.from('1:1').toString('base64url')]) {
      const nodes = nodesOf(await planOf(await statementOf(query, { after }, parse(query), viewer)));
      const scans = nodes.filter((n) => n['Relation Name'] === 'activity');
      expect(scans.map((n) => [n['Node Type'], n['Index Name']])).toEqual([['Index Scan', `activity_${type.toLowerCase()}_feed_idx`]]);
      expect(scans[0]!['Index Cond']).toContain(type === 'Supplier' ? 'supplier_id' : 'customer_id');
      expect(scans[0]!['Index Cond']).toContain('tx_id');
      expect(nodes.filter((n) => /Sort/.test(n['Node Type'])).map((n) => n['Node Type'])).toEqual([]);
    }
  });
});

describe('pages of every root connection', () => {
  /** The nodes between a Limit and the rows it limits (not the lists each row's fields read). */
  const underLimits = (node: PlanNode, under = false): PlanNode[] => {
    const here = under || node['Node Type'] === 'Limit';
    const children = (node.Plans ?? []).filter((c) => !here || !['SubPlan', 'InitPlan'].includes(c['Parent Relationship'] ?? ''));
    return [...(here ? [node] : []), ...children.flatMap((c) => underLimits(c, here))];
  };

  /** Reference data rather than the partner's records: its own organisation, and the parts its records name. */
  const REFERENCE = ['suppliers', 'customers', 'parts'];

  it("of a partner's records read the partner's rows in the page's order through an index, forward and backward, as a supplier and as a customer", async () => {
    const schema = buildAppSchema();
    const roots = Object.values(schema.getQueryType()!.getFields()).filter((f) => getNamedType(f.type).name.endsWith('Connection') && !REFERENCE.includes(f.name));
    expect(roots.map((f) => f.name)).toEqual(expect.arrayContaining(['orders', 'deliveries', 'nonconformances', 'customerFeedback', 'contracts', 'qualityAgreements', 'activity', 'invoices']));
    const unordered: string[] = [];
    let checked = 0;
    for (const type of ['Supplier', 'Customer'] as const) {
      const { viewer } = await busiestPartner(type, 'orders');
      for (const root of roots) {
        for (const direction of root.args.some((a) => a.name === 'last') ? ['first', 'last'] : ['first']) {
          const query = `{ ${root.name}(${direction}: 20) { nodes { __typename } } }`;
          // Sorting priced out: a page then reads its rows through an index in its order, and that index
          // must begin with what the viewer's scope fixes (the partner, or the requesting user), or the
          // page would read everyone's rows to find the viewer's.
          const limited = underLimits(await planOf(await statementOf(query, {}, parse(query), viewer), ['set local enable_sort = off']));
          const sorted = limited.some((n) => n['Node Type'] === 'Sort');
          for (const scan of limited.filter((n) => n['Relation Name'] !== undefined)) {
            checked += 1;
            if (!/Index/.test(scan['Node Type']) || scan['Index Cond'] === undefined || sorted) {
              unordered.push(`${type} ${root.name}(${direction}): ${scan['Node Type']} ${scan['Index Name'] ?? ''} ${scan['Index Cond'] ?? ''}`);
            }
          }
        }
      }
    }
    expect(unordered).toEqual([]);
    // The pages a partner may read at all (a customer has no invoices, a supplier no feedback).
    expect(checked).toBeGreaterThanOrEqual(20);
  });
});

describe('aggregate reads', () => {
  it('read a page of 50 suppliers with twelve-month scorecards through indexes', async () => {
    expect(await unindexedScans('{ suppliers(first: 50) { nodes { code scorecard(from: "2025-12-01", to: "2026-11-30") { onTimeDeliveryRate orderFillRate qualityPpm lotAcceptanceRate nonconformanceCount score grade } } } }')).toEqual([]);
  });

  it('read the whole dashboard through indexes', async () => {
    expect(
      await unindexedScans(
        '{ dashboard { openPurchaseOrders openSalesOrders lateDeliveries overdueNonconformances overdueFeedback openNonconformancesBySeverity { key count } suppliersByGrade { key count } topSuppliers(first: 20) { supplier { name } openOrderCount onTimeDeliveryRate openNonconformanceCount } contractsExpiringWithin(days: 90) { number } } }',
      ),
    ).toEqual([]);
  });

  it('keep the order counts the dashboard reads equal to the orders', async () => {
    const counted = await executeRows<{ partner: string; direction: string; status: string; n: number }>(server.database.db, sql`select partner_id as partner, direction, status, orders as n from order_counts where orders <> 0 order by 1, 2, 3`);
    const actual = await executeRows<{ partner: string; direction: string; status: string; n: number }>(
      server.database.db,
      sql`select coalesce(supplier_id, customer_id) as partner, direction, status, count(*)::int as n from orders group by 1, 2, 3 order by 1, 2, 3`,
    );
    expect(counted.map((r) => ({ ...r, n: Number(r.n) }))).toEqual(actual.map((r) => ({ ...r, n: Number(r.n) })));
    expect(actual.length).toBeGreaterThan(100);
  });
});
