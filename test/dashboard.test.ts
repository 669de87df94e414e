import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, createSupplier } from './support/fixtures.js';
import { acknowledgedOrder, M, mutate, parts, supplierWithUser, tomorrow } from './support/orders.js';
import { type Actor, startServer, TestClock, type TestServer } from './support/server.js';

let server: TestServer;
let viewer: Actor;

const DASHBOARD = `{ dashboard {
  openPurchaseOrders openSalesOrders lateDeliveries overdueNonconformances overdueFeedback
  openNonconformancesBySeverity { key count }
  suppliersByGrade { key count }
  topSuppliers(first: 5) { supplier { code } openOrderCount onTimeDeliveryRate openNonconformanceCount }
  contractsExpiringWithin(days: 30) { number }
} }`;

beforeAll(async () => {
  server = await startServer({ clock: new TestClock(new Date('2026-11-26T08:00:00Z')) });
  viewer = await server.as('viewer');
});
afterAll(() => server.stop());

describe('dashboard', () => {
  it('counts company-wide figures with aggregate SQL, in at most 10 statements', async () => {
    const admin = await server.as('admin');
    const buyer = await server.as('buyer');
    const quality = await server.as('quality');
    const { supplier, user } = await supplierWithUser(server, admin);
    const { supplier: second, user: secondUser } = await supplierWithUser(server, admin);
    await createSupplier(admin);
    const [a, b] = (await parts(admin)).map((p) => p.id) as [string, string];
    // Supplier 1: two open orders, one delivered on time; supplier 2: one open order.
    const o1 = await acknowledgedOrder(server, buyer, supplier, user, [a, b]);
    await acknowledgedOrder(server, buyer, supplier, user, [a]);
    await acknowledgedOrder(server, buyer, second, secondUser, [b]);
    const asn = await mutate(server, user, M.createDelivery, { orderId: o1.id, estimatedArrival: new Date(server.clock.now().getTime() + 3_600_000).toISOString(), lines: [{ orderLineId: o1.lines[0].id, quantity: '100' }] });
    await mutate(server, user, M.recordDeliveryEvent, { deliveryId: asn.delivery.id, status: 'DISPATCHED' });
    const late = await mutate(server, user, M.createDelivery, { orderId: o1.id, estimatedArrival: new Date(server.clock.now().getTime() + 3_600_000).toISOString(), lines: [{ orderLineId: o1.lines[1].id, quantity: '10' }] });
    await mutate(server, buyer, M.receiveDelivery, { deliveryId: asn.delivery.id, lines: [{ orderLineId: o1.lines[0].id, receivedQuantity: '100' }] });
    const customer = await createCustomer(admin);
    const sales = await server.as('sales');
    const so = await mutate(server, sales, M.createOrder, { direction: 'SALES', partnerId: customer.id, currency: 'EUR', lines: [{ partId: a, quantity: '1', unitPrice: '1', requestedDate: tomorrow(server) }] });
    await mutate(server, sales, M.issueOrder, { id: so.order.id });
    const report = (severity: string, supplierId: string) =>
      quality.data('mutation($input: ReportNonconformanceInput!) { reportNonconformance(input: $input) { errors { code } } }', { input: { source: 'IN_PROCESS', severity, partId: a, supplierId, quantityAffected: '1', description: 'x' } });
    await report('CRITICAL', supplier.id);
    await report('MINOR', supplier.id);
    await report('MINOR', second.id);
    // A critical complaint (acknowledge within 1 hour) and praise (within 2 business days).
    const feedback = (kind: string, severity: string | null) =>
      sales.data('mutation($input: RecordFeedbackInput!) { recordFeedback(input: $input) { errors { code } } }', { input: { customerId: customer.id, kind, severity, channel: 'PHONE', subject: 'x', description: 'y' } });
    await feedback('COMPLAINT', 'CRITICAL');
    await feedback('PRAISE', null);
    // Two hours on: the late delivery's arrival estimate has passed; a day and more on: containment is overdue.
    server.clock.advance(26 * 3_600_000);
    const before = server.statements();
    const data = await viewer.data(DASHBOARD);
    const statements = server.statements() - before;
    expect(statements).toBeLessThanOrEqual(10);
    expect(data.dashboard).toMatchObject({
      openPurchaseOrders: 3,
      openSalesOrders: 1,
      lateDeliveries: 1,
      overdueNonconformances: 3,
      overdueFeedback: 1,
      openNonconformancesBySeverity: [
        { key: 'CRITICAL', count: 1 },
        { key: 'MAJOR', count: 0 },
        { key: 'MINOR', count: 2 },
      ],
      suppliersByGrade: [
        { key: 'A', count: 0 },
        { key: 'B', count: 0 },
        { key: 'C', count: 0 },
        { key: 'D', count: 0 },
        { key: 'UNGRADED', count: 3 },
      ],
      contractsExpiringWithin: [],
    });
    expect(data.dashboard.topSuppliers.slice(0, 2)).toEqual([
      { supplier: { code: supplier.code }, openOrderCount: 2, onTimeDeliveryRate: 1, openNonconformanceCount: 2 },
      { supplier: { code: second.code }, openOrderCount: 1, onTimeDeliveryRate: null, openNonconformanceCount: 1 },
    ]);
    expect(late.delivery.status).toBe('PLANNED');
    console.log(`dashboard: ${statements} SQL statements`);
  });

  it('is for staff only', async () => {
    const admin = await server.as('admin');
    const { user } = await supplierWithUser(server, admin);
    expect((await user.run(DASHBOARD)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await viewer.run('{ dashboard { topSuppliers(first: 101) { openOrderCount } } }')).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
