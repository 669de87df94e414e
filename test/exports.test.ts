import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSources } from '../src/integration/exports/sources.js';
import { createCustomer } from './support/fixtures.js';
import { acknowledgedOrder, mutate, parts, receivedDelivery, supplierWithUser } from './support/orders.js';
import { type Actor, startServer, TestClock, type TestServer } from './support/server.js';
import { type ExportState, finishedExport, START, STATE, startExport } from './support/exports.js';
import { collect, sleep } from './support/subscribe.js';

/**
 * Bulk exports end to end over HTTP: started by a mutation, written by the job queue through a
 * cursor as the user who asked, followed by subscription, downloaded with a signed link. Each record
 * is what the list would answer for the same fields, under the same tenancy.
 */
let server: TestServer;
let admin: Actor;
let buyer: Actor;
let a: Awaited<ReturnType<typeof supplierWithUser>>;
let b: Awaited<ReturnType<typeof supplierWithUser>>;
const ordersOfA: string[] = [];
let orderOfB: string;

async function download(path: string): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(new URL(path, server.url));
  return { status: response.status, text: await response.text(), headers: response.headers };
}

async function exported(actor: Actor, input: Record<string, unknown>): Promise<{ state: ExportState; text: string; headers: Headers }> {
  const started = await startExport(actor, input);
  expect(started.errors).toEqual([]);
  const state = await finishedExport(actor, started.bulkExport!.id);
  expect(state.status).toBe('COMPLETED');
  const file = await download(state.downloadUrl!);
  expect(file.status).toBe(200);
  return { state, text: file.text, headers: file.headers };
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

/** RFC 4180, enough for the test: quoted fields with doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

beforeAll(async () => {
  server = await startServer({ clock: new TestClock(new Date('2026-05-04T08:00:00.000Z')), env: { EXPORT_LINK_TTL_SECONDS: '60' } });
  admin = await server.as({ roles: ['ADMIN'] });
  buyer = await server.as({ roles: ['BUYER'] });
  a = await supplierWithUser(server, admin);
  b = await supplierWithUser(server, admin);
  const [p1, p2] = await parts(admin);
  for (let i = 0; i < 3; i++) ordersOfA.push((await acknowledgedOrder(server, buyer, a.supplier, a.user, [p1!.id, p2!.id], ['100', `${5 + i}`])).id);
  ordersOfA.push((await receivedDelivery(server, buyer, a.supplier, a.user, [p1!.id], ['7'], 'LOT-"A",1')).order.id);
  orderOfB = (await acknowledgedOrder(server, buyer, b.supplier, b.user, [p1!.id], ['3'])).id;
}, 60_000);
afterAll(() => server.stop());

describe('bulk export', () => {
  it('writes JSONL records that are what the list answers for the same fields, for the partner that asked only', async () => {
    const { state, text, headers } = await exported(a.user, { type: 'ORDERS', format: 'JSONL' });
    const records = lines(text).map((l) => JSON.parse(l) as { id: string });
    // Exactly the list's records, field for field, in its order.
    const list = await a.user.data(`{ orders(first: 100) { nodes { ${exportSources.ORDERS.selection} } } }`);
    expect(records).toEqual(list.orders.nodes);
    expect(records.map((r) => r.id).sort()).toEqual([...ordersOfA].sort());
    expect(records.map((r) => r.id)).not.toContain(orderOfB);
    expect(state.rowCount).toBe(4);
    expect(state.expectedRowCount).toBe(4);
    expect(state.progress).toBe(1);
    expect(state.byteCount).toBe(Buffer.byteLength(text));
    expect(state.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(headers.get('content-type')).toBe('application/jsonl; charset=utf-8');
    expect(headers.get('etag')).toBe(`"${state.sha256}"`);
    expect(headers.get('content-disposition')).toMatch(/^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.jsonl"$/);

    // The rival supplier's export holds only its own order; staff's holds every one.
    const rival = await exported(b.user, { type: 'ORDERS', format: 'JSONL' });
    expect(lines(rival.text).map((l) => (JSON.parse(l) as { id: string }).id)).toEqual([orderOfB]);
    const staff = await exported(admin, { type: 'ORDERS', format: 'JSONL' });
    expect(lines(staff.text)).toHaveLength(5);
  });

  it('writes CSV with a row per order line, nested fields as dotted columns, quoting as RFC 4180 says', async () => {
    const { text } = await exported(a.user, { type: 'ORDERS', format: 'CSV', filter: { orders: { status: ['ACKNOWLEDGED'] } } });
    const [header, ...rows] = parseCsv(text);
    expect(header!.slice(0, 6)).toEqual(['id', 'number', 'direction', 'status', 'partner.__typename', 'partner.id']);
    expect(header).toContain('lines.part.partNumber');
    expect(header).toContain('lines.quantity');
    // Three acknowledged orders of two lines each (the fourth was delivered, so filtered out).
    expect(rows).toHaveLength(6);
    const quantity = header!.indexOf('lines.quantity');
    expect(rows.map((r) => r[quantity]).sort()).toEqual(['100', '100', '100', '5', '6', '7']);
    expect(new Set(rows.map((r) => r[header!.indexOf('status')]))).toEqual(new Set(['ACKNOWLEDGED']));

    // Deliveries: the lot number with a quote and a comma comes back whole.
    const deliveries = await exported(a.user, { type: 'DELIVERIES', format: 'CSV' });
    const [dHeader, ...dRows] = parseCsv(deliveries.text);
    expect(dHeader).toContain('events.status');
    expect(dRows.length).toBeGreaterThanOrEqual(2);
    expect(dRows[0]![dHeader!.indexOf('lines')]).toContain('LOT-\\"A\\",1');
  });

  it('follows an export by subscription: started, progress, completed, each with the export as it is', async () => {
    const started = await startExport(a.user, { type: 'ORDERS', format: 'CSV' });
    const id = started.bulkExport!.id;
    const requested = (await a.user.data('query($id: ID) { activity(first: 10, subjectId: $id) { edges { cursor node { kind } } } }', { id })).activity.edges;
    // The export may already be running (this instance's worker starts it at once): the feed begins with the request.
    expect(requested[0].node.kind).toBe('BULK_EXPORT_REQUESTED');
    const client = server.wsClient(a.user.token);
    const updates = collect<{ bulkExportUpdated: { kind: string; bulkExport: { id: string; status: string; rowCount: number } | null } }>(
      client,
      'subscription($id: ID!, $after: String) { bulkExportUpdated(id: $id, after: $after) { cursor kind bulkExport { id status rowCount } } }',
      { id, after: requested[0].cursor },
    );
    const done = await updates.waitUntil((u) => u.bulkExportUpdated.kind === 'BULK_EXPORT_COMPLETED');
    // Four records in one batch: the progress step reached is 90%.
    expect(updates.items.map((u) => u.bulkExportUpdated.kind)).toEqual(['BULK_EXPORT_STARTED', 'BULK_EXPORT_PROGRESS', 'BULK_EXPORT_COMPLETED']);
    expect(done.bulkExportUpdated.bulkExport).toEqual({ id, status: 'COMPLETED', rowCount: 4 });
    updates.stop();
    // Another supplier's user may not follow it (its activity is not theirs to see).
    const rivalClient = server.wsClient(b.user.token);
    const rival = collect(rivalClient, 'subscription($id: ID!, $after: String) { bulkExportUpdated(id: $id, after: $after) { kind } }', { id, after: requested[0].cursor });
    await sleep(500);
    expect(rival.items).toEqual([]);
    rival.stop();
  });

  it('keeps an export and its link to its requester: another user, a forged, reused or expired link get nothing', async () => {
    const { state } = await exported(a.user, { type: 'ORDERS', format: 'JSONL' });
    // A colleague of the same supplier, and the rival, do not see the export.
    const colleague = await server.as({ roles: ['SUPPLIER_USER'], org: a.supplier.id });
    expect((await colleague.data(STATE, { ids: [state.id] })).bulkExports.totalCount).toBe(0);
    expect((await b.user.data(STATE, { ids: [state.id] })).bulkExports.totalCount).toBe(0);
    const url = new URL(state.downloadUrl!, server.url);
    // A forged signature, the signature of this export on another's id, no signature.
    const forged = new URL(url);
    forged.searchParams.set('signature', `${url.searchParams.get('signature')!.slice(0, -2)}AA`);
    expect((await download(forged.pathname + forged.search)).status).toBe(403);
    const other = await exported(b.user, { type: 'ORDERS', format: 'JSONL' });
    const swapped = new URL(other.state.downloadUrl!, server.url);
    swapped.searchParams.set('signature', url.searchParams.get('signature')!);
    expect((await download(swapped.pathname + swapped.search)).status).toBe(403);
    expect((await download(url.pathname)).status).toBe(403);
    const later = new URL(url);
    later.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    expect((await download(later.pathname + later.search)).status).toBe(403);
    // Expired: the link works for EXPORT_LINK_TTL_SECONDS (60 here), then a fresh one must be asked for.
    server.clock.advance(2 * 60_000);
    const expired = await download(state.downloadUrl!);
    expect(expired.status).toBe(403);
    expect(expired.text).toContain('expired');
    const fresh = (await a.user.data(STATE, { ids: [state.id] })).bulkExports.nodes[0] as ExportState;
    expect(fresh.downloadUrl).not.toBe(state.downloadUrl);
    expect((await download(fresh.downloadUrl!)).status).toBe(200);
  });

  it('refuses bad requests naming the field, writes nothing, and answers a retried key with the first export', async () => {
    const before = (await a.user.data(STATE)).bulkExports.totalCount as number;
    const foreign = await startExport(a.user, { type: 'ORDERS', format: 'CSV', filter: { deliveries: { late: true } } });
    expect(foreign.bulkExport).toBeNull();
    expect(foreign.errors).toEqual([{ field: ['input', 'filter', 'deliveries'], code: 'INVALID', message: 'A ORDERS export takes only filter.orders.' }]);
    const noPeriod = await startExport(admin, { type: 'SCORECARDS', format: 'CSV' });
    expect(noPeriod.errors.map((e) => e.field)).toEqual([['input', 'filter', 'scorecards']]);
    const backwards = await startExport(admin, { type: 'SCORECARDS', format: 'CSV', filter: { scorecards: { from: '2026-05-01', to: '2026-01-01' } } });
    expect(backwards.errors.map((e) => e.field)).toEqual([['input', 'filter', 'scorecards', 'to']]);
    const badCursor = await startExport(a.user, { type: 'ACTIVITY', format: 'JSONL', filter: { activity: { after: 'nope' } } });
    expect(badCursor.errors.map((e) => e.field)).toEqual([['input', 'filter', 'activity', 'after']]);
    const badType = await a.user.run(START, { input: { type: 'INVOICES', format: 'CSV' } });
    expect(badType.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await a.user.data(STATE)).bulkExports.totalCount).toBe(before);

    const first = await startExport(a.user, { type: 'ORDERS', format: 'CSV', idempotencyKey: 'nightly-1' });
    const again = await startExport(a.user, { type: 'ORDERS', format: 'CSV', idempotencyKey: 'nightly-1' });
    expect(again.bulkExport!.id).toBe(first.bulkExport!.id);
    const other = await startExport(a.user, { type: 'ORDERS', format: 'JSONL', idempotencyKey: 'nightly-1' });
    expect(other.errors.map((e) => [e.field, e.code])).toEqual([[['input', 'idempotencyKey'], 'DUPLICATE']]);
    await finishedExport(a.user, first.bulkExport!.id);
    expect((await a.user.data(STATE)).bulkExports.totalCount).toBe(before + 1);
  });

  it('applies the field rules of the list: a customer exports its nonconformances without the problem solving', async () => {
    const customer = await createCustomer(admin);
    const [part] = await parts(admin);
    const quality = await server.as({ roles: ['QUALITY_ENGINEER'] });
    const reported = await mutate(server, quality, 'mutation($input: ReportNonconformanceInput!) { reportNonconformance(input: $input) { nonconformance { id } errors { field code message } } }', {
      source: 'CUSTOMER_COMPLAINT',
      severity: 'MAJOR',
      partId: part!.id,
      customerId: customer.id,
      supplierId: a.supplier.id,
      quantityAffected: '4',
      description: 'Scratched housings',
    });
    expect(reported.errors).toEqual([]);
    const id = reported.nonconformance.id;
    const responded = await mutate(server, a.user, 'mutation($input: RespondToNonconformanceInput!) { respondToNonconformance(input: $input) { nonconformance { id } errors { field code message } } }', {
      id,
      containment: 'Stock sorted',
    });
    expect(responded.errors).toEqual([]);
    const customerUser = await server.as({ roles: ['CUSTOMER_USER'], org: customer.id });
    const own = lines((await exported(customerUser, { type: 'NONCONFORMANCES', format: 'JSONL' })).text).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(own.map((r) => r.id)).toEqual([id]);
    expect(own[0]!.containment).toBeNull();
    expect(own[0]!.supplier).toBeNull();
    const staff = lines((await exported(quality, { type: 'NONCONFORMANCES', format: 'JSONL' })).text).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(staff.find((r) => r.id === id)!.containment).toBe('Stock sorted');
    // A supplier's inspections export holds none of this customer's; a customer has no inspections.
    expect(lines((await exported(customerUser, { type: 'INSPECTIONS', format: 'JSONL' })).text)).toEqual([]);
  });

  it('exports scorecards with the grade the TypeScript rule computes, and the activity feed with cursors', async () => {
    const { text } = await exported(admin, { type: 'SCORECARDS', format: 'JSONL', filter: { scorecards: { from: '2026-01-01', to: '2026-12-31', suppliers: { search: a.supplier.code } } } });
    const records = lines(text).map((l) => JSON.parse(l) as { id: string; scorecard: Record<string, unknown> });
    const api = await admin.data(`query($from: Date!, $to: Date!) { suppliers(first: 10, filter: { search: "${a.supplier.code}" }) { nodes { ${exportSources.SCORECARDS.selection} } } }`, { from: '2026-01-01', to: '2026-12-31' });
    expect(records).toEqual(api.suppliers.nodes);
    expect(records[0]!.scorecard).toHaveProperty('grade');

    const feed = lines((await exported(b.user, { type: 'ACTIVITY', format: 'JSONL' })).text).map((l) => JSON.parse(l) as { cursor: string; kind: string });
    const apiFeed = await b.user.data(`{ activity(first: 100) { nodes { ${exportSources.ACTIVITY.selection} } } }`);
    // The export's own steps were recorded after it read the feed.
    expect(feed).toEqual(apiFeed.activity.nodes.slice(0, feed.length));
    expect(feed.length).toBeGreaterThan(2);
    const after = lines((await exported(b.user, { type: 'ACTIVITY', format: 'JSONL', filter: { activity: { after: feed[1]!.cursor } } })).text).map((l) => JSON.parse(l) as { cursor: string });
    expect(after[0]!.cursor).toBe(feed[2]!.cursor);
  });
});
