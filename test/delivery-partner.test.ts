import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { executeRows } from '../src/db/client.js';
import { fromGlobalId } from '../src/domain/shared/ids.js';
import { approvedSupplier, createPart, designate } from './support/fixtures.js';
import { receivedDelivery } from './support/orders.js';
import { asSupplier as asSupplierOf } from './support/row-security.js';
import { startServer, type TestServer } from './support/server.js';

/**
 * A delivery carries its order's partner (drizzle/0022), which tenancy compares in the application's
 * scoping and in row-level security, and its lines and events carry the delivery's (drizzle/0026),
 * which their row-level security compares. Only the triggers write them: from the order when a
 * delivery is written, from the delivery when a line or event is, whatever the writer says, and
 * again when an order's partner is corrected; a partner cannot write a delivery against an order it
 * may not see, nor a line or event of a delivery it may not see.
 */
let server: TestServer;
const local = (id: string) => fromGlobalId(id)!.id;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer();
  const admin = await server.as('admin');
  const buyer = await server.as('buyer');
  const a = await approvedSupplier(admin, { name: 'Alpha Castings' });
  const b = await approvedSupplier(admin, { name: 'Beta Castings' });
  const part = await createPart(admin, { importanceClass: 'II', description: 'Housing' });
  expect((await designate(admin, part.id, a.id, 'APPROVED', 100)).errors).toEqual([]);
  const supplierA = await server.as({ roles: ['SUPPLIER_USER'], org: a.id });
  const { order, delivery } = await receivedDelivery(server, buyer, { id: a.id }, supplierA, [part.id], ['4']);
  Object.assign(ids, { a: local(a.id), b: local(b.id), order: local(order.id), delivery: local(delivery.id), aGlobal: a.id, bGlobal: b.id, deliveryGlobal: delivery.id });
}, 60_000);
afterAll(() => server.stop());

const partnerOf = async (delivery: string) =>
  (await executeRows<{ supplier_id: string | null; customer_id: string | null }>(server.database.db, sql`select supplier_id, customer_id from deliveries where id = ${delivery}`))[0];

/** The partner columns of the delivery's lines and events, as the owner reads them. */
const partsPartner = async (delivery: string) =>
  executeRows<{ part: string; supplier_id: string | null; customer_id: string | null }>(
    server.database.db,
    sql`select distinct 'line' as part, supplier_id, customer_id from delivery_lines where delivery_id = ${delivery}
        union select distinct 'event', supplier_id, customer_id from delivery_events where delivery_id = ${delivery}
        order by 1`,
  );

const asSupplier = (org: string, statement: SQL) => asSupplierOf(server, org, statement);
const visibleTo = async (org: string) => asSupplier(org, sql`select (select count(*) from delivery_lines where delivery_id = ${ids.delivery})::int as lines, (select count(*) from delivery_events where delivery_id = ${ids.delivery})::int as events`);

it('is written from the order as the delivery is created through the API', async () => {
  expect(await partnerOf(ids.delivery!)).toEqual({ supplier_id: ids.a, customer_id: null });
});

it("is on the delivery's lines and events, written through the API, and row-level security lets only the partner see them", async () => {
  expect(await partsPartner(ids.delivery!)).toEqual([
    { part: 'event', supplier_id: ids.a, customer_id: null },
    { part: 'line', supplier_id: ids.a, customer_id: null },
  ]);
  // One line; the events PLANNED, DISPATCHED and RECEIVED.
  expect(await visibleTo(ids.a!)).toEqual([{ lines: 1, events: 3 }]);
  expect(await visibleTo(ids.b!)).toEqual([{ lines: 0, events: 0 }]);
});

it("is what staff filter a partner's deliveries by", async () => {
  const buyer = await server.as('buyer');
  const of = async (partnerId: string) => (await buyer.data('query($p: ID!) { deliveries(filter: { partnerId: $p }) { totalCount nodes { id } } }', { p: partnerId })).deliveries;
  expect(await of(ids.aGlobal!)).toEqual({ totalCount: 1, nodes: [{ id: ids.deliveryGlobal }] });
  expect(await of(ids.bGlobal!)).toEqual({ totalCount: 0, nodes: [] });
});

it('cannot be set to another partner, by the owner or by anyone', async () => {
  await server.database.db.execute(sql`update deliveries set supplier_id = ${ids.b}, customer_id = null where id = ${ids.delivery}`);
  expect(await partnerOf(ids.delivery!)).toEqual({ supplier_id: ids.a, customer_id: null });
  // The rival does not even see the row to update it.
  expect(await asSupplier(ids.b!, sql`update deliveries set carrier = 'X' where id = ${ids.delivery} returning id`)).toEqual([]);
  await server.database.db.execute(sql`update delivery_lines set supplier_id = ${ids.b} where delivery_id = ${ids.delivery}`);
  await server.database.db.execute(sql`update delivery_events set supplier_id = null, customer_id = ${ids.b} where delivery_id = ${ids.delivery}`);
  expect(await partsPartner(ids.delivery!)).toEqual([
    { part: 'event', supplier_id: ids.a, customer_id: null },
    { part: 'line', supplier_id: ids.a, customer_id: null },
  ]);
  expect(await asSupplier(ids.b!, sql`update delivery_events set note = 'X' where delivery_id = ${ids.delivery} returning id`)).toEqual([]);
});

it("refuses a partner's delivery against an order it may not see", async () => {
  const insert = sql`insert into deliveries (id, number, order_id, status, created_at, updated_at) values (gen_random_uuid(), 'ASN-RIVAL-1', ${ids.order}, 'PLANNED', now(), now()) returning supplier_id`;
  await expect(asSupplier(ids.b!, insert)).rejects.toMatchObject({ cause: { message: expect.stringContaining('row-level security') } });
  // Its own: written, with the order's partner.
  expect(await asSupplier(ids.a!, sql`insert into deliveries (id, number, order_id, status, created_at, updated_at) values (gen_random_uuid(), 'ASN-OWN-1', ${ids.order}, 'PLANNED', now(), now()) returning supplier_id`)).toEqual([{ supplier_id: ids.a }]);
  await server.database.db.execute(sql`delete from deliveries where number = 'ASN-OWN-1'`);
});

it("refuses a partner's event for a delivery it may not see, and writes its own with the delivery's partner", async () => {
  const insert = sql`insert into delivery_events (delivery_id, status, occurred_at) values (${ids.delivery}, 'DELAYED', now()) returning supplier_id`;
  await expect(asSupplier(ids.b!, insert)).rejects.toMatchObject({ cause: { message: expect.stringContaining('row-level security') } });
  expect(await asSupplier(ids.a!, sql`insert into delivery_events (delivery_id, status, occurred_at, note) values (${ids.delivery}, 'DELAYED', now(), 'own') returning supplier_id, customer_id`)).toEqual([{ supplier_id: ids.a, customer_id: null }]);
  await server.database.db.execute(sql`delete from delivery_events where note = 'own'`);
});

it("follows a correction of the order's partner", async () => {
  await server.database.db.execute(sql`update orders set supplier_id = ${ids.b} where id = ${ids.order}`);
  expect(await partnerOf(ids.delivery!)).toEqual({ supplier_id: ids.b, customer_id: null });
  expect(new Set((await partsPartner(ids.delivery!)).map((p) => p.supplier_id))).toEqual(new Set([ids.b]));
  expect(await visibleTo(ids.a!)).toEqual([{ lines: 0, events: 0 }]);
  await server.database.db.execute(sql`update orders set supplier_id = ${ids.a} where id = ${ids.order}`);
  expect(await partnerOf(ids.delivery!)).toEqual({ supplier_id: ids.a, customer_id: null });
  expect(new Set((await partsPartner(ids.delivery!)).map((p) => p.supplier_id))).toEqual(new Set([ids.a]));
  expect(await visibleTo(ids.a!)).toEqual([{ lines: 1, events: 3 }]);
});
