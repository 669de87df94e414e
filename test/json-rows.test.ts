import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonRows, jsonRowsWith } from '../src/db/json-rows.js';
import { deliveries, orderLines, parts } from '../src/db/schema/index.js';
import { createPart } from './support/fixtures.js';
import { acknowledgedOrder, M, mutate, supplierWithUser } from './support/orders.js';
import { startServer, TestClock, type TestServer } from './support/server.js';

// The hot loaders read rows as JSON built by the database; they must be exactly what drizzle's own
// select gives: same keys, numerics as exact text, dates as text, timestamps as Date, nulls kept.
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ clock: new TestClock(new Date('2026-11-26T08:00:00.123Z')) });
  const admin = await server.as('admin');
  const buyer = await server.as('buyer');
  const { supplier, user } = await supplierWithUser(server, admin);
  const a = await createPart(admin);
  const b = await createPart(admin, { importanceClass: 'I' });
  const order = await acknowledgedOrder(server, buyer, supplier, user, [a.id, b.id], ['1234.5', '0.000001']);
  await mutate(server, user, M.createDelivery, { orderId: order.id, carrier: 'DHL', lines: [{ orderLineId: order.lines[0].id, quantity: '1', lotNumber: 'L-1' }] });
});
afterAll(() => server.stop());

describe('rows read as JSON', () => {
  it('equal the rows drizzle selects, for order lines, parts and deliveries', async () => {
    const db = server.database.db;
    const all = sql`true`;
    expect(await jsonRows(db, orderLines, all, sql`${orderLines.id}`)).toEqual(await db.select().from(orderLines).orderBy(asc(orderLines.id)));
    expect(await jsonRows(db, parts, all, sql`${parts.id}`)).toEqual(await db.select().from(parts).orderBy(asc(parts.id)));
    const delivered = await jsonRows(db, deliveries, all, sql`${deliveries.id}`);
    expect(delivered).toHaveLength(1);
    expect(delivered).toEqual(await db.select().from(deliveries).orderBy(asc(deliveries.id)));
    expect(delivered[0]!.createdAt).toBeInstanceOf(Date);
    expect(delivered[0]!.shippedAt).toBeNull();
  });

  it('embed the referenced row exactly as drizzle selects it', async () => {
    const db = server.database.db;
    const lines = await jsonRowsWith(db, orderLines, { table: parts, on: eq(parts.id, orderLines.partId), as: 'linePart' }, sql`true`, sql`${orderLines.id}`);
    const expected = await db.select({ line: orderLines, part: parts }).from(orderLines).innerJoin(parts, eq(parts.id, orderLines.partId)).orderBy(asc(orderLines.id));
    expect(lines).toEqual(expected.map((r) => ({ ...r.line, linePart: r.part })));
    expect(lines[0]!.linePart.createdAt).toBeInstanceOf(Date);
  });

  it('give an empty list when nothing matches', async () => {
    expect(await jsonRows(server.database.db, parts, sql`false`, sql`${parts.id}`)).toEqual([]);
  });
});
