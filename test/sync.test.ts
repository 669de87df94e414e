import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, createPart } from './support/fixtures.js';
import { acknowledgedOrder, M, mutate, supplierWithUser } from './support/orders.js';
import { type Actor, startServer, type TestClock, TestClock as Clock, type TestServer } from './support/server.js';

/**
 * Incremental sync: every list's filter takes updatedSince and createdSince. One record of each list
 * is written before a mark and changed or created after it; each list must return exactly what the
 * window covers, under the same tenancy as without the filter.
 */
let server: TestServer;
let clock: TestClock;
let admin: Actor;
beforeAll(async () => {
  clock = new Clock(new Date('2026-03-02T08:00:00.000Z'));
  server = await startServer({ clock });
  admin = await server.as({ roles: ['ADMIN'] });
});
afterAll(() => server.stop());

const lists = {
  suppliers: 'SupplierFilter',
  customers: 'CustomerFilter',
  parts: 'PartFilter',
  contracts: 'ContractFilter',
  qualityAgreements: 'QualityAgreementFilter',
  orders: 'OrderFilter',
  deliveries: 'DeliveryFilter',
  nonconformances: 'NonconformanceFilter',
  customerFeedback: 'FeedbackFilter',
} as const;
type List = keyof typeof lists;

async function ids(actor: Actor, list: List, filter: Record<string, unknown>): Promise<string[]> {
  const query = `query($filter: ${lists[list]}) { ${list}(first: 100, filter: $filter) { totalCount edges { node { id } } } }`;
  const data = await actor.data(query, { filter });
  const connection = data[list] as { totalCount: number; edges: { node: { id: string } }[] };
  expect(connection.totalCount).toBe(connection.edges.length);
  return connection.edges.map((e) => e.node.id).sort();
}

describe('updatedSince and createdSince on every list', () => {
  it('return exactly the records written or created in the window, per list and per tenant', async () => {
    // Before the mark: one record of every list.
    const quality = await server.as({ roles: ['QUALITY_ENGINEER'] });
    const sales = await server.as({ roles: ['SALES'] });
    const buyer = await server.as({ roles: ['BUYER'] });
    const { supplier, user } = await supplierWithUser(server, admin);
    const customer = await createCustomer(admin);
    const part = await createPart(admin, { importanceClass: 'I' });
    const order = await acknowledgedOrder(server, buyer, supplier, user, [part.id], ['40']);
    const contract = (await mutate(server, buyer, 'mutation($input: CreateContractInput!) { createContract(input: $input) { contract { id } errors { code } } }', { partnerId: supplier.id, type: 'SUPPLY', title: 'Frame', currency: 'EUR' })).contract;
    const agreement = (await mutate(server, quality, 'mutation($input: CreateQualityAgreementInput!) { createQualityAgreement(input: $input) { qualityAgreement { id } errors { code } } }', { supplierId: supplier.id, aql: 1.0, targetPpm: 100 })).qualityAgreement;
    const feedback = (await mutate(server, sales, 'mutation($input: RecordFeedbackInput!) { recordFeedback(input: $input) { feedback { id } errors { code } } }', { customerId: customer.id, kind: 'COMPLAINT', channel: 'EMAIL', subject: 's', description: 'd' })).feedback;

    clock.advance(60 * 60 * 1000);
    const mark = clock.now().toISOString();
    clock.advance(60 * 1000);

    // After the mark: the order ships (a new delivery, the order's lines change), the supplier is renamed,
    // a nonconformance is reported, a second supplier with its own user appears.
    const shipped = await mutate(server, user, M.createDelivery, { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: '40' }] });
    expect(shipped.errors).toEqual([]);
    expect((await mutate(server, user, M.recordDeliveryEvent, { deliveryId: shipped.delivery.id, status: 'DISPATCHED' })).errors).toEqual([]);
    const received = await mutate(server, buyer, M.receiveDelivery, { deliveryId: shipped.delivery.id, lines: [{ orderLineId: order.lines[0].id, receivedQuantity: '40' }] });
    expect(received.errors).toEqual([]);
    expect((await mutate(server, admin, 'mutation($input: UpdateSupplierInput!) { updateSupplier(input: $input) { supplier { id } errors { code } } }', { id: supplier.id, name: 'Renamed' })).errors).toEqual([]);
    const nc = (await mutate(server, quality, 'mutation($input: ReportNonconformanceInput!) { reportNonconformance(input: $input) { nonconformance { id } errors { code } } }', { source: 'IN_PROCESS', severity: 'MINOR', partId: part.id, supplierId: supplier.id, quantityAffected: '1', description: 'Burr' })).nonconformance;
    const other = await supplierWithUser(server, admin);

    const updated = async (actor: Actor, list: List) => ids(actor, list, { updatedSince: mark });
    const created = async (actor: Actor, list: List) => ids(actor, list, { createdSince: mark });
    const sorted = (...values: string[]) => values.sort();

    expect(await updated(admin, 'suppliers')).toEqual(sorted(supplier.id, other.supplier.id));
    expect(await created(admin, 'suppliers')).toEqual([other.supplier.id]);
    expect(await updated(admin, 'orders')).toEqual([order.id]);
    expect(await created(admin, 'orders')).toEqual([]);
    expect(await updated(admin, 'deliveries')).toEqual([shipped.delivery.id]);
    expect(await created(admin, 'deliveries')).toEqual([shipped.delivery.id]);
    expect(await updated(admin, 'nonconformances')).toEqual([nc.id]);
    for (const list of ['customers', 'parts', 'contracts', 'qualityAgreements', 'customerFeedback'] as const) {
      expect(await updated(admin, list), list).toEqual([]);
      expect(await created(admin, list), list).toEqual([]);
    }
    // The window's far edges: everything, then nothing.
    const everything = { customers: [customer.id], parts: [part.id], contracts: [contract.id], qualityAgreements: [agreement.id], customerFeedback: [feedback.id] };
    for (const [list, expected] of Object.entries(everything)) {
      expect(await ids(admin, list as List, { updatedSince: '2026-01-01T00:00:00Z', createdSince: '2026-01-01T00:00:00+08:00' }), list).toEqual(expected);
      expect(await ids(admin, list as List, { updatedSince: '2027-01-01T00:00:00Z' }), list).toEqual([]);
    }
    // Combined with the list's own conditions and with tenancy: the other supplier's user sees nothing of the first.
    expect(await ids(admin, 'orders', { updatedSince: mark, status: ['ISSUED'] })).toEqual([]);
    expect(await ids(user, 'orders', { updatedSince: mark })).toEqual([order.id]);
    expect(await ids(other.user, 'orders', { updatedSince: mark })).toEqual([]);
    expect(await ids(other.user, 'deliveries', { createdSince: mark })).toEqual([]);
    expect(await ids(other.user, 'suppliers', { updatedSince: mark })).toEqual([other.supplier.id]);
  });

  it('refuses an instant that is not RFC 3339, naming the field', async () => {
    const response = await admin.run('query($filter: OrderFilter) { orders(filter: $filter) { totalCount } }', { filter: { updatedSince: 'yesterday' } });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0]?.message).toContain('updatedSince');
  });
});
