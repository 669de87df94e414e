import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedSupplier, createCustomer, createPart, designate } from './support/fixtures.js';
import { acknowledgedOrder, M, mutate } from './support/orders.js';
import { type Actor, startServer, TestClock, type TestServer } from './support/server.js';
import { collect, sleep } from './support/subscribe.js';

// A complaint traced to its cause: the customer's feedback is linked to a nonconformance that names
// the responsible supplier. The customer follows the nonconformance without learning who the supplier
// is or reading the notes between us and the supplier; the supplier works on it without learning who
// the customer is.

let server: TestServer;
let admin: Actor;
let sales: Actor;
let quality: Actor;
let supplier: { id: string; name: string };
let supplierUser: Actor;
let rivalSupplier: Actor;
let customer: { id: string; name: string };
let customerUser: Actor;
let otherCustomer: { id: string };
let otherCustomerUser: Actor;
let part: { id: string; partNumber: string };

const FB = 'id number status nonconformance { id number status }';
const RECORD = `mutation($input: RecordFeedbackInput!) { recordFeedback(input: $input) { feedback { ${FB} } errors { field code message } } }`;
const ACK = `mutation($input: FeedbackActionInput!) { acknowledgeFeedback(input: $input) { feedback { ${FB} } errors { field code message } } }`;
const START = `mutation($input: FeedbackActionInput!) { startFeedback(input: $input) { feedback { ${FB} } errors { field code message } } }`;
const REPORT = 'mutation($input: ReportNonconformanceInput!) { reportNonconformance(input: $input) { nonconformance { id number } errors { field code message } } }';
const RESPOND = 'mutation($input: RespondToNonconformanceInput!) { respondToNonconformance(input: $input) { errors { field code message } } }';
const MOVE = 'mutation($input: TransitionNonconformanceInput!) { transitionNonconformance(input: $input) { nonconformance { status } errors { field code message } } }';

// biome-ignore lint/suspicious/noExplicitAny: response shapes vary
async function run(actor: Actor, mutation: string, input: Record<string, unknown>): Promise<any> {
  server.clock.advance(60_000);
  return Object.values(await actor.data(mutation, { input }))[0];
}

async function complaint(by: Actor, customerId: string, kind = 'COMPLAINT') {
  const result = await run(by, RECORD, { customerId, kind, severity: 'MAJOR', subject: 'Leaking valve blocks', description: 'Four valve blocks leak at port P.' });
  expect(result.errors).toEqual([]);
  return result.feedback;
}

async function reportFor(customerId: string | null, source = 'CUSTOMER_COMPLAINT') {
  const result = await run(quality, REPORT, { source, severity: 'MAJOR', partId: part.id, supplierId: supplier.id, customerId, quantityAffected: '4', description: 'Leak at port P; casting porosity suspected.' });
  expect(result.errors).toEqual([]);
  return result.nonconformance;
}

beforeAll(async () => {
  server = await startServer({ clock: new TestClock(new Date('2026-11-26T08:00:00Z')) });
  admin = await server.as('admin');
  sales = await server.as('sales');
  quality = await server.as('quality');
  supplier = await approvedSupplier(admin, { name: 'Porous Castings Ltd' });
  supplierUser = await server.as({ roles: ['SUPPLIER_USER'], org: supplier.id, name: 'Wang Fang' });
  rivalSupplier = await server.as({ roles: ['SUPPLIER_USER'], org: (await approvedSupplier(admin)).id });
  customer = await createCustomer(admin, { name: 'Nordwind Fahrzeugtechnik AG' });
  customerUser = await server.as({ roles: ['CUSTOMER_USER'], org: customer.id, name: 'Hanna Berg' });
  otherCustomer = await createCustomer(admin);
  otherCustomerUser = await server.as({ roles: ['CUSTOMER_USER'], org: otherCustomer.id });
  part = await createPart(admin, { importanceClass: 'I' });
  await designate(admin, part.id, supplier.id);
});
afterAll(() => server.stop());

describe('a complaint traced to a supplier', () => {
  it('links only a complaint, only to a CUSTOMER_COMPLAINT nonconformance of the same customer, and only by staff', async () => {
    const fb = await complaint(customerUser, customer.id);
    const inquiry = await complaint(customerUser, customer.id, 'INQUIRY');
    const othersNc = await reportFor(otherCustomer.id);
    const inspectionNc = await reportFor(null, 'INCOMING_INSPECTION');
    const ours = await reportFor(customer.id);
    expect((await run(sales, ACK, { id: fb.id, nonconformanceId: othersNc.id })).errors).toEqual([{ field: ['input', 'nonconformanceId'], code: 'INVALID', message: 'That nonconformance was raised for another customer.' }]);
    expect((await run(sales, ACK, { id: fb.id, nonconformanceId: inspectionNc.id })).errors[0]).toMatchObject({ field: ['input', 'nonconformanceId'], code: 'INVALID' });
    expect((await run(sales, ACK, { id: inquiry.id, nonconformanceId: ours.id })).errors).toEqual([{ field: ['input', 'nonconformanceId'], code: 'INVALID', message: 'Only a complaint is linked to a nonconformance.' }]);
    expect((await run(sales, ACK, { id: fb.id, nonconformanceId: 'bogus' })).errors[0]).toMatchObject({ field: ['input', 'nonconformanceId'], code: 'NOT_FOUND' });
    // Nothing of the refused steps was written.
    expect((await sales.data('query($id: ID!) { node(id: $id) { ... on CustomerFeedback { status nonconformance { id } } } }', { id: fb.id })).node).toEqual({ status: 'RECEIVED', nonconformance: null });
    const linked = await run(sales, ACK, { id: fb.id, nonconformanceId: ours.id });
    expect(linked.feedback).toMatchObject({ status: 'ACKNOWLEDGED', nonconformance: { id: ours.id, status: 'OPEN' } });
    const activity = await customerUser.data('query($id: ID!) { activity(subjectId: $id) { nodes { kind summary } } }', { id: fb.id });
    expect(activity.activity.nodes.at(-1)).toEqual({ kind: 'FEEDBACK_LINKED', summary: `${fb.number} traced to nonconformance ${ours.number}.` });
  });

  it("shows the customer the nonconformance's status, live, but not the supplier or the notes", async () => {
    const fb = await complaint(customerUser, customer.id);
    await run(sales, ACK, { id: fb.id });
    const nc = await reportFor(customer.id);
    const live = collect<{ nonconformanceUpdated: { change: string; nonconformance: { id: string; status: string; supplier: unknown; containment: unknown } } }>(
      server.wsClient(customerUser.token),
      'subscription { nonconformanceUpdated { change nonconformance { id status supplier { id } containment } } }',
    );
    await sleep(200);
    await run(sales, START, { id: fb.id, nonconformanceId: nc.id });
    await run(supplierUser, RESPOND, { id: nc.id, containment: 'Porous castings of melt 4471 sorted out at Porous Castings Ltd.' });
    // An update carries the nonconformance as it is when delivered: take the next step after it arrived.
    await live.waitUntil((u) => u.nonconformanceUpdated.change === 'RESPONSE_SUBMITTED');
    await run(supplierUser, MOVE, { id: nc.id, to: 'CONTAINED', note: 'Wang Fang: melt 4471 blocked' });
    await live.waitUntil((u) => u.nonconformanceUpdated.change === 'STATUS_CHANGED');
    // A live subscriber may also hear the report itself if the feed had not passed it yet.
    const updates = live.items.filter((u) => u.nonconformanceUpdated.change !== 'REPORTED');
    expect(updates.map((u) => u.nonconformanceUpdated)).toEqual([
      { change: 'RESPONSE_SUBMITTED', nonconformance: { id: nc.id, status: 'OPEN', supplier: null, containment: null } },
      { change: 'STATUS_CHANGED', nonconformance: { id: nc.id, status: 'CONTAINED', supplier: null, containment: null } },
    ]);

    const seen = await customerUser.data(
      'query($id: ID!) { node(id: $id) { ... on CustomerFeedback { status nonconformance { number status responsibility supplier { id } customer { id } part { id } containment rootCause correctiveAction preventiveAction verification order { id } delivery { id } inspection { id } history { by toStatus note } } } } }',
      { id: fb.id },
    );
    expect(seen.node).toEqual({
      status: 'IN_PROGRESS',
      nonconformance: {
        number: nc.number,
        status: 'CONTAINED',
        responsibility: 'UNDETERMINED',
        supplier: null,
        customer: { id: customer.id },
        part: { id: part.id },
        containment: null,
        rootCause: null,
        correctiveAction: null,
        preventiveAction: null,
        verification: null,
        order: null,
        delivery: null,
        inspection: null,
        history: [
          { by: 'Qing Quality', toStatus: 'OPEN', note: null },
          { by: 'Supplier', toStatus: 'CONTAINED', note: null },
        ],
      },
    });
    // The activity both sides see names neither organisation, carries no notes, and shows the
    // supplier's user to the customer only as "Supplier".
    const trail = await customerUser.data('query($id: ID!) { activity(subjectId: $id) { nodes { kind actor summary } } }', { id: nc.id });
    expect(trail.activity.nodes).toEqual([
      { kind: 'NONCONFORMANCE_REPORTED', actor: 'Qing Quality', summary: `MAJOR nonconformance ${nc.number} on part ${part.partNumber} reported (4 affected).` },
      { kind: 'NONCONFORMANCE_RESPONSE_SUBMITTED', actor: 'Supplier', summary: `${nc.number}: containment recorded.` },
      { kind: 'NONCONFORMANCE_STATUS_CHANGED', actor: 'Supplier', summary: `${nc.number} OPEN -> CONTAINED.` },
    ]);
    const text = JSON.stringify([seen, trail, updates]);
    expect(text).not.toContain(supplier.id);
    expect(text).not.toContain('Porous');
    expect(text).not.toContain('Wang Fang');
    // Nor can the customer find the supplier by filtering.
    const probe = await customerUser.data('query($s: ID!) { nonconformances(filter: { supplierId: $s }) { totalCount } }', { s: supplier.id });
    expect(probe.nonconformances.totalCount).toBe(0);
    live.stop();
  });

  it('lets the supplier work on the nonconformance without ever seeing the customer or its complaint', async () => {
    const fb = await complaint(customerUser, customer.id);
    const nc = await reportFor(customer.id);
    await run(sales, ACK, { id: fb.id, nonconformanceId: nc.id });
    const live = collect<{ nonconformanceUpdated: { nonconformance: { id: string; customer: unknown } } }>(server.wsClient(supplierUser.token), 'subscription { nonconformanceUpdated { nonconformance { id customer { id } } } }');
    // Filtering the subscription by the customer finds nothing either.
    const filtered = collect(server.wsClient(supplierUser.token), 'subscription($c: ID!) { nonconformanceUpdated(customerId: $c) { change } }', { c: customer.id });
    await sleep(200);
    await run(quality, MOVE, { id: nc.id, to: 'CANCELLED', note: `Duplicate of the report for ${customer.name}` });
    const [update] = await live.waitFor(1);
    expect(update!.nonconformanceUpdated).toEqual({ nonconformance: { id: nc.id, customer: null } });

    const seen = await supplierUser.data(
      'query($nc: ID!, $fb: ID!, $c: ID!) { nc: node(id: $nc) { ... on Nonconformance { status customer { id } supplier { id } part { id } } } fb: node(id: $fb) { id } customer: node(id: $c) { id } customerFeedback { totalCount } byCustomer: nonconformances(filter: { customerId: $c }) { totalCount } }',
      { nc: nc.id, fb: fb.id, c: customer.id },
    );
    expect(seen).toEqual({ nc: { status: 'CANCELLED', customer: null, supplier: { id: supplier.id }, part: { id: part.id } }, fb: null, customer: null, customerFeedback: { totalCount: 0 }, byCustomer: { totalCount: 0 } });
    const activity = await supplierUser.data('{ activity(first: 100) { nodes { kind actor summary } } }');
    const kinds = activity.activity.nodes.map((a: { kind: string }) => a.kind);
    expect(kinds.some((k: string) => k.startsWith('FEEDBACK_'))).toBe(false);
    expect(JSON.stringify(activity)).not.toContain(customer.name);
    expect(JSON.stringify(activity)).not.toContain('Hanna Berg');
    await sleep(300);
    expect(filtered.items).toEqual([]);
    expect(filtered.errors).toEqual([]);
  });

  it("keeps both sides' third parties out: another supplier and another customer see nothing of it", async () => {
    const fb = await complaint(customerUser, customer.id);
    const nc = await reportFor(customer.id);
    await run(sales, ACK, { id: fb.id, nonconformanceId: nc.id });
    for (const outsider of [rivalSupplier, otherCustomerUser]) {
      const seen = await outsider.data('query($nc: ID!, $fb: ID!) { nc: node(id: $nc) { id } fb: node(id: $fb) { id } a: activity(subjectId: $nc) { nodes { kind } } b: activity(subjectId: $fb) { nodes { kind } } }', { nc: nc.id, fb: fb.id });
      expect(seen).toEqual({ nc: null, fb: null, a: { nodes: [] }, b: { nodes: [] } });
    }
  });

  it("traces the complaint to the supplier's lot: the nonconformance names the delivery that brought it", async () => {
    const buyer = await server.as('buyer');
    const order = await acknowledgedOrder(server, buyer, supplier, supplierUser, [part.id], ['500']);
    const asn = await mutate(server, supplierUser, M.createDelivery, { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: '500', lotNumber: 'PC-4471' }] });
    const rival = await approvedSupplier(admin);
    const input = { source: 'CUSTOMER_COMPLAINT', severity: 'MAJOR', partId: part.id, customerId: customer.id, quantityAffected: '4', description: 'Leak at port P.' };
    // A delivery of another supplier, or an order the delivery is not against, is refused by name.
    expect((await run(quality, REPORT, { ...input, supplierId: rival.id, deliveryId: asn.delivery.id })).errors).toEqual([{ field: ['input', 'deliveryId'], code: 'INVALID', message: "The delivery's order is not with the supplier or customer named." }]);
    const otherOrder = await acknowledgedOrder(server, buyer, supplier, supplierUser, [part.id], ['1']);
    expect((await run(quality, REPORT, { ...input, supplierId: supplier.id, orderId: otherOrder.id, deliveryId: asn.delivery.id })).errors).toEqual([{ field: ['input', 'deliveryId'], code: 'INVALID', message: 'The delivery is not against the order named.' }]);
    const nc = (await run(quality, REPORT, { ...input, supplierId: supplier.id, orderId: order.id, deliveryId: asn.delivery.id })).nonconformance;
    const seen = await supplierUser.data('query($id: ID!) { node(id: $id) { ... on Nonconformance { customer { id } order { id } delivery { number lines { lotNumber } } } } }', { id: nc.id });
    expect(seen.node).toEqual({ customer: null, order: { id: order.id }, delivery: { number: expect.any(String), lines: [{ lotNumber: 'PC-4471' }] } });
    const customerView = await customerUser.data('query($id: ID!) { node(id: $id) { ... on Nonconformance { order { id } delivery { id } supplier { id } } } }', { id: nc.id });
    expect(customerView.node).toEqual({ order: null, delivery: null, supplier: null });
  });
});
