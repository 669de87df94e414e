import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPart } from './support/fixtures.js';
import { acknowledgedOrder, M, mutate, supplierWithUser, tomorrow } from './support/orders.js';
import { type Actor, startServer, TestClock, type TestServer } from './support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ clock: new TestClock(new Date('2026-11-26T08:00:00Z')) });
});
afterAll(() => server.stop());

const SCORECARD = 'query($id: ID!, $from: Date!, $to: Date!) { node(id: $id) { ... on Supplier { scorecard(from: $from, to: $to) { from to onTimeDeliveryRate orderFillRate qualityPpm lotAcceptanceRate nonconformanceCount score grade } } } }';

describe('supplier scorecard', () => {
  it('matches figures computed by hand, with a partial and a late delivery, and is empty for an empty period', async () => {
    const admin = await server.as('admin');
    const buyer = await server.as('buyer');
    const quality: Actor = await server.as('quality');
    const { supplier, user } = await supplierWithUser(server, admin);
    const [a, b] = [await createPart(admin), await createPart(admin)];
    // Line 1: 100 requested in 10 days; line 2: 50 requested in 11 days.
    const order = await acknowledgedOrder(server, buyer, supplier, user, [a.id, b.id], ['100', '50']);
    expect(order.lines[0].requestedDate).toBe(tomorrow(server, 10));
    const receive = async (quantity: string, defects: number) => {
      const asn = await mutate(server, user, M.createDelivery, { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity }] });
      await mutate(server, user, M.recordDeliveryEvent, { deliveryId: asn.delivery.id, status: 'DISPATCHED' });
      await mutate(server, buyer, M.receiveDelivery, { deliveryId: asn.delivery.id, lines: [{ orderLineId: order.lines[0].id, receivedQuantity: quantity }] });
      const read = await quality.data('query($id: ID!) { node(id: $id) { ... on Delivery { lines { inspection { id } } } } }', { id: asn.delivery.id });
      const result = await quality.data('mutation($id: ID!, $d: Int!) { recordInspectionResult(input: { inspectionId: $id, defectsFound: $d }) { errors { code } } }', { id: read.node.lines[0].inspection.id, d: defects });
      expect(result.recordInspectionResult.errors).toEqual([]);
    };
    // 60 arrive in two days (on time) and pass; 40 arrive fifteen days on (late) and fail.
    server.clock.advance(2 * 86_400_000);
    await receive('60', 0);
    server.clock.advance(13 * 86_400_000);
    await receive('40', 1);
    const card = (await buyer.data(SCORECARD, { id: supplier.id, from: '2026-11-01', to: '2027-01-31' })).node.scorecard;
    // On time 1 of 2 lines; filled 100 of 150; rejected 40 of 100 inspected; 1 of 2 lots accepted;
    // quality 0, delivery 50, fill 66.67: 0 x 0.5 + 50 x 0.3 + 66.67 x 0.2 = 28.33, grade D.
    const expected = { from: '2026-11-01', to: '2027-01-31', onTimeDeliveryRate: 0.5, orderFillRate: 100 / 150, qualityPpm: 400_000, lotAcceptanceRate: 0.5, nonconformanceCount: 1, score: 28.33, grade: 'D' };
    expect(card).toEqual(expected);
    // A line due later in the period, nothing delivered yet: not due, so not unfilled.
    const due = tomorrow(server, 30);
    const later = await mutate(server, buyer, M.createOrder, { direction: 'PURCHASE', partnerId: supplier.id, currency: 'EUR', lines: [{ partId: a.id, quantity: '500', unitPrice: '1', requestedDate: due }] });
    await mutate(server, buyer, M.issueOrder, { id: later.order.id });
    expect((await buyer.data(SCORECARD, { id: supplier.id, from: '2026-11-01', to: '2027-01-31' })).node.scorecard).toEqual(expected);
    // Once it is due and still nothing came: filled 100 of 650.
    server.clock.set(`${due}T12:00:00Z`);
    expect((await buyer.data(SCORECARD, { id: supplier.id, from: '2026-11-01', to: '2027-01-31' })).node.scorecard.orderFillRate).toBe(100 / 650);
    const empty = (await buyer.data(SCORECARD, { id: supplier.id, from: '2025-01-01', to: '2025-12-31' })).node.scorecard;
    expect(empty).toEqual({ from: '2025-01-01', to: '2025-12-31', onTimeDeliveryRate: null, orderFillRate: null, qualityPpm: null, lotAcceptanceRate: null, nonconformanceCount: 0, score: null, grade: null });
    const bad = await buyer.run(SCORECARD, { id: supplier.id, from: '2026-02-01', to: '2026-01-01' });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const own = await user.data(SCORECARD, { id: supplier.id, from: '2026-11-01', to: '2027-01-31' });
    // The supplier sees its own scorecard as staff do (fill 100 of 650 now: 0 + 15 + 3.08).
    expect(own.node.scorecard.score).toBe(18.08);
  });

  it('costs one statement for a page of suppliers', async () => {
    const viewer = await server.as('viewer');
    const before = server.statements();
    await viewer.data('{ suppliers(first: 50) { nodes { scorecard(from: "2026-01-01", to: "2026-12-31") { score } } } }');
    expect(server.statements() - before).toBe(1);
  });
});
