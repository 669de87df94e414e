import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedSupplier, createCustomer, createPart, createSupplier } from './support/fixtures.js';
import { acknowledgedOrder, M, mutate, parts, supplierWithUser, tomorrow } from './support/orders.js';
import { type Actor, onPostgres, startServer, TestClock, type TestServer } from './support/server.js';

let server: TestServer;
let admin: Actor;
let buyer: Actor;
let supplier: { id: string; code: string };
let supplierUser: Actor;
let rival: Actor;
let partA: { id: string };
let partB: { id: string };

async function orderCount(): Promise<number> {
  return (await admin.data('{ orders { totalCount } }')).orders.totalCount;
}

beforeAll(async () => {
  server = await startServer({ clock: new TestClock(new Date('2026-11-26T08:00:00Z')) });
  admin = await server.as('admin');
  buyer = await server.as('buyer');
  ({ supplier, user: supplierUser } = await supplierWithUser(server, admin));
  ({ user: rival } = await supplierWithUser(server, admin));
  const created = await parts(admin);
  partA = created[0]!;
  partB = created[1]!;
});
afterAll(() => server.stop());

describe('placing an order', () => {
  it('drafts a purchase order with lines, total and due date, hidden from the supplier until issued', async () => {
    const created = await mutate(server, buyer, M.createOrder, {
      direction: 'PURCHASE',
      partnerId: supplier.id,
      currency: 'eur',
      lines: [
        { partId: partA.id, quantity: '100', unitPrice: '2.50', requestedDate: tomorrow(server, 20) },
        { partId: partB.id, quantity: '12.5', unitPrice: '0.10', requestedDate: tomorrow(server, 10) },
      ],
    });
    expect(created.errors).toEqual([]);
    expect(created.order).toMatchObject({
      number: expect.stringMatching(/^PO-2026-\d{6}$/),
      direction: 'PURCHASE',
      status: 'DRAFT',
      currency: 'EUR',
      total: '251.25',
      version: 1,
      dueDate: tomorrow(server, 10),
      partner: { id: supplier.id },
      lines: [
        { lineNumber: 1, quantity: '100', unitPrice: '2.5', deliveredQuantity: '0', confirmedQuantity: null },
        { lineNumber: 2, quantity: '12.5', unitPrice: '0.1' },
      ],
    });
    expect((await supplierUser.data('query($id: ID!) { node(id: $id) { id } }', { id: created.order.id })).node).toBeNull();
    const issued = await mutate(server, buyer, M.issueOrder, { id: created.order.id, expectedVersion: 1 });
    expect(issued.order).toMatchObject({ status: 'ISSUED', version: 2, issuedAt: server.clock.now().toISOString() });
    expect((await supplierUser.data('query($id: ID!) { node(id: $id) { id } }', { id: created.order.id })).node).toEqual({ id: created.order.id });
    expect((await rival.data('query($id: ID!) { node(id: $id) { id } orders { totalCount } }', { id: created.order.id })).node).toBeNull();
  });

  it('takes the active contract price when none is given, and refuses a different one', async () => {
    const supplierWithContract = await approvedSupplier(admin);
    const partner = await server.as({ roles: ['SUPPLIER_USER'], org: supplierWithContract.id });
    const part = await createPart(admin);
    const buyer2 = await server.as('buyer2');
    const contract = (await buyer.data('mutation($input: CreateContractInput!) { createContract(input: $input) { contract { id } } }', {
      input: { partnerId: supplierWithContract.id, type: 'SUPPLY', title: 'Prices', currency: 'USD', effectiveFrom: '2026-01-01', items: [{ partId: part.id, unitPrice: '7.25' }] },
    })).createContract.contract;
    await buyer.data('mutation($id: ID!) { submitContractForReview(input: { id: $id }) { errors { code } } }', { id: contract.id });
    await buyer2.data('mutation($id: ID!) { approveContract(input: { id: $id }) { errors { code } } }', { id: contract.id });
    await partner.data('mutation($id: ID!) { signContract(input: { id: $id, expectedVersion: 1 }) { errors { code } } }', { id: contract.id });
    await buyer.data('mutation($id: ID!) { signContract(input: { id: $id, expectedVersion: 1 }) { errors { code } } }', { id: contract.id });
    const priced = await mutate(server, buyer, M.createOrder, { direction: 'PURCHASE', partnerId: supplierWithContract.id, contractId: contract.id, lines: [{ partId: part.id, quantity: '4', requestedDate: tomorrow(server) }] });
    expect(priced.errors).toEqual([]);
    expect(priced.order).toMatchObject({ currency: 'USD', total: '29', contract: { id: contract.id }, lines: [{ unitPrice: '7.25' }] });
    const implicit = await mutate(server, buyer, M.createOrder, { direction: 'PURCHASE', partnerId: supplierWithContract.id, currency: 'USD', lines: [{ partId: part.id, quantity: '1', requestedDate: tomorrow(server) }] });
    expect(implicit.order.lines[0].unitPrice).toBe('7.25');
    const wrong = await mutate(server, buyer, M.createOrder, { direction: 'PURCHASE', partnerId: supplierWithContract.id, currency: 'USD', lines: [{ partId: part.id, quantity: '1', unitPrice: '8', requestedDate: tomorrow(server) }] });
    expect(wrong.errors).toEqual([{ field: ['input', 'lines', '0', 'unitPrice'], code: 'INVALID', message: 'The active contract prices this part at 7.250000; leave the price out or change the contract.' }]);
    const unpriced = await mutate(server, buyer, M.createOrder, { direction: 'PURCHASE', partnerId: supplierWithContract.id, currency: 'USD', lines: [{ partId: partA.id, quantity: '1', requestedDate: tomorrow(server) }] });
    expect(unpriced.errors[0]).toMatchObject({ field: ['input', 'lines', '0', 'unitPrice'], code: 'INVALID' });
  });

  it.each([
    [{ lines: [] }, ['input', 'lines']],
    [{ lines: [{ partId: 'PART', quantity: '0', unitPrice: '1', requestedDate: 'TOMORROW' }] }, ['input', 'lines', '0', 'quantity']],
    [{ lines: [{ partId: 'PART', quantity: '-2', unitPrice: '1', requestedDate: 'TOMORROW' }] }, ['input', 'lines', '0', 'quantity']],
    [{ lines: [{ partId: 'PART', quantity: '1', unitPrice: '1', requestedDate: '2026-11-01' }] }, ['input', 'lines', '0', 'requestedDate']],
    [{ lines: [{ partId: 'nope', quantity: '1', unitPrice: '1', requestedDate: 'TOMORROW' }] }, ['input', 'lines', '0', 'partId']],
    [{ currency: 'EURO' }, ['input', 'currency']],
    [{ currency: null }, ['input', 'currency']],
    [{ idempotencyKey: '' }, ['input', 'idempotencyKey']],
  ])('refuses %j naming the field, writing nothing', async (overrides, field) => {
    const before = await orderCount();
    const input = JSON.parse(JSON.stringify({ direction: 'PURCHASE', partnerId: supplier.id, currency: 'EUR', lines: [{ partId: 'PART', quantity: '1', unitPrice: '1', requestedDate: 'TOMORROW' }], ...overrides }).replaceAll('"PART"', JSON.stringify(partA.id)).replaceAll('"TOMORROW"', JSON.stringify(tomorrow(server))));
    const result = await mutate(server, buyer, M.createOrder, input);
    expect(result.order).toBeNull();
    expect(result.errors[0]?.field).toEqual(field);
    expect(await orderCount()).toBe(before);
  });

  it('goes only to APPROVED or CONDITIONAL suppliers, and is placed by the right department', async () => {
    const candidate = await createSupplier(admin);
    const refused = await mutate(server, buyer, M.createOrder, { direction: 'PURCHASE', partnerId: candidate.id, currency: 'EUR', lines: [{ partId: partA.id, quantity: '1', unitPrice: '1', requestedDate: tomorrow(server) }] });
    expect(refused.errors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'partnerId'] });
    const sales = await server.as('sales');
    const response = await sales.run(M.createOrder, { input: { direction: 'PURCHASE', partnerId: supplier.id, currency: 'EUR', lines: [{ partId: partA.id, quantity: '1', unitPrice: '1', requestedDate: tomorrow(server) }] } });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const customer = await createCustomer(admin);
    const salesOrder = await mutate(server, sales, M.createOrder, { direction: 'SALES', partnerId: customer.id, currency: 'EUR', lines: [{ partId: partA.id, quantity: '3', unitPrice: '9.90', requestedDate: tomorrow(server) }] });
    expect(salesOrder.order).toMatchObject({ number: expect.stringMatching(/^SO-/), direction: 'SALES', total: '29.7' });
    expect((await supplierUser.run(M.createOrder, { input: { direction: 'PURCHASE', partnerId: supplier.id, currency: 'EUR', lines: [] } })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('returns the first result for a retry with the same idempotency key, even when retries race', async () => {
    const input = { direction: 'PURCHASE', partnerId: supplier.id, currency: 'EUR', idempotencyKey: 'po-retry-1', lines: [{ partId: partA.id, quantity: '5', unitPrice: '1', requestedDate: tomorrow(server) }] };
    const before = await orderCount();
    const results = await Promise.all(Array.from({ length: 5 }, () => buyer.data(M.createOrder, { input })));
    const ids = new Set(results.map((r) => r.createOrder.order.id));
    expect(ids.size).toBe(1);
    expect(await orderCount()).toBe(before + 1);
    const again = await mutate(server, buyer, M.createOrder, input);
    expect(again.order.id).toBe([...ids][0]);
    const other = await mutate(server, buyer, M.createOrder, { ...input, lines: [{ ...input.lines[0], quantity: '6' }] });
    expect(other.errors).toEqual([{ field: ['input', 'idempotencyKey'], code: 'DUPLICATE', message: 'This idempotencyKey was used before with other input; use a new key for a new request.' }]);
    // Keys belong to their user: another buyer's same key is a new request.
    const mine = await mutate(server, await server.as('buyer2'), M.createOrder, input);
    expect(mine.order.id).not.toBe([...ids][0]);
    expect(await orderCount()).toBe(before + 2);
  });
});

describe('acknowledgement', () => {
  async function issued() {
    const created = await mutate(server, buyer, M.createOrder, {
      direction: 'PURCHASE',
      partnerId: supplier.id,
      currency: 'EUR',
      lines: [
        { partId: partA.id, quantity: '100', unitPrice: '1', requestedDate: tomorrow(server, 14) },
        { partId: partB.id, quantity: '40', unitPrice: '2', requestedDate: tomorrow(server, 21) },
      ],
    });
    return (await mutate(server, buyer, M.issueOrder, { id: created.order.id })).order;
  }

  it('records confirmed quantities and dates, and confirms unlisted lines as requested', async () => {
    const order = await issued();
    const acked = await mutate(server, supplierUser, M.acknowledgeOrder, { id: order.id, expectedVersion: 2, lines: [{ lineId: order.lines[0].id, confirmedQuantity: '80', confirmedDate: tomorrow(server, 20) }] });
    expect(acked.errors).toEqual([]);
    expect(acked.order).toMatchObject({ status: 'ACKNOWLEDGED', version: 3, acknowledgedAt: server.clock.now().toISOString() });
    expect(acked.order.lines.map((l: { confirmedQuantity: string; confirmedDate: string }) => [l.confirmedQuantity, l.confirmedDate])).toEqual([
      ['80', tomorrow(server, 20)],
      ['40', tomorrow(server, 21)],
    ]);
  });

  it('refuses a stale version, the wrong side and another supplier', async () => {
    const order = await issued();
    expect((await mutate(server, supplierUser, M.acknowledgeOrder, { id: order.id, expectedVersion: 1 })).errors[0]).toMatchObject({ code: 'VERSION_CONFLICT', field: ['input', 'expectedVersion'] });
    expect((await buyer.run(M.acknowledgeOrder, { input: { id: order.id } })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await mutate(server, rival, M.acknowledgeOrder, { id: order.id })).errors[0]).toMatchObject({ code: 'NOT_FOUND' });
    const check = await admin.data('query($id: ID!) { node(id: $id) { ... on Order { status version } } }', { id: order.id });
    expect(check.node).toEqual({ status: 'ISSUED', version: 2 });
  });

  it('lets only one of two concurrent acknowledgements win', async () => {
    const order = await issued();
    const results = await Promise.all([1, 2, 3].map(() => supplierUser.data(M.acknowledgeOrder, { input: { id: order.id, expectedVersion: 2 } })));
    const wins = results.filter((r) => r.acknowledgeOrder.errors.length === 0);
    expect(wins).toHaveLength(1);
    for (const r of results.filter((x) => x.acknowledgeOrder.errors.length > 0)) expect(['VERSION_CONFLICT', 'INVALID_STATE_TRANSITION']).toContain(r.acknowledgeOrder.errors[0].code);
    const check = await admin.data('query($id: ID!) { node(id: $id) { ... on Order { version } } }', { id: order.id });
    expect(check.node.version).toBe(3);
  });

  it('is rejected with a reason, after which it can only be cancelled', async () => {
    const order = await issued();
    expect((await mutate(server, supplierUser, M.rejectOrder, { id: order.id, reason: ' ' })).errors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'reason'] });
    const rejected = await mutate(server, supplierUser, M.rejectOrder, { id: order.id, reason: 'No capacity in December' });
    expect(rejected.order.status).toBe('REJECTED');
    expect((await mutate(server, supplierUser, M.acknowledgeOrder, { id: order.id })).errors[0]?.code).toBe('INVALID_STATE_TRANSITION');
    expect((await mutate(server, buyer, M.cancelOrder, { id: order.id })).order.status).toBe('CANCELLED');
  });
});

describe('change requests', () => {
  it('are asked with a reason by one side and accepted by the other, changing the lines in one step', async () => {
    const order = await acknowledgedOrder(server, buyer, supplier, supplierUser, [partA.id, partB.id]);
    expect((await mutate(server, supplierUser, M.requestOrderChange, { orderId: order.id, reason: '', changes: [{ lineId: order.lines[0].id, quantity: '90' }] })).errors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'reason'] });
    const asked = await mutate(server, supplierUser, M.requestOrderChange, { orderId: order.id, reason: 'Raw material shortage', changes: [{ lineId: order.lines[0].id, quantity: '90', requestedDate: tomorrow(server, 30) }] });
    expect(asked.errors).toEqual([]);
    expect(asked.changeRequest).toMatchObject({ status: 'PENDING', requestedBy: 'PARTNER', reason: 'Raw material shortage', changes: [{ quantity: '90', requestedDate: tomorrow(server, 30) }] });
    expect((await mutate(server, buyer, M.requestOrderChange, { orderId: order.id, reason: 'Also this', changes: [{ lineId: order.lines[1].id, quantity: '1' }] })).errors[0]).toMatchObject({ code: 'INVALID_STATE_TRANSITION' });
    expect((await supplierUser.run(M.respondToOrderChange, { input: { id: asked.changeRequest.id, accept: true } })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const accepted = await mutate(server, buyer, M.respondToOrderChange, { id: asked.changeRequest.id, accept: true });
    expect(accepted.errors).toEqual([]);
    expect(accepted.changeRequest).toMatchObject({ status: 'ACCEPTED', order: { version: order.version + 1 } });
    expect(accepted.changeRequest.order.lines[0]).toMatchObject({ quantity: '90', confirmedQuantity: '90', requestedDate: tomorrow(server, 30), confirmedDate: tomorrow(server, 30) });
    expect((await mutate(server, buyer, M.respondToOrderChange, { id: asked.changeRequest.id, accept: false, note: 'x' })).errors[0]?.code).toBe('INVALID_STATE_TRANSITION');
  });

  it('need a note to be rejected, and can be withdrawn by the side that asked', async () => {
    const order = await acknowledgedOrder(server, buyer, supplier, supplierUser, [partA.id]);
    const asked = await mutate(server, buyer, M.requestOrderChange, { orderId: order.id, reason: 'Customer pulled in demand', changes: [{ lineId: order.lines[0].id, requestedDate: tomorrow(server, 3) }] });
    expect((await mutate(server, supplierUser, M.respondToOrderChange, { id: asked.changeRequest.id, accept: false })).errors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'note'] });
    const rejected = await mutate(server, supplierUser, M.respondToOrderChange, { id: asked.changeRequest.id, accept: false, note: 'Cannot make it' });
    expect(rejected.changeRequest).toMatchObject({ status: 'REJECTED', decisionNote: 'Cannot make it', order: { version: order.version } });
    const again = await mutate(server, buyer, M.requestOrderChange, { orderId: order.id, reason: 'Try a week later', changes: [{ lineId: order.lines[0].id, requestedDate: tomorrow(server, 7) }] });
    expect((await supplierUser.run(M.withdrawOrderChange, { input: { id: again.changeRequest.id } })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await mutate(server, buyer, M.withdrawOrderChange, { id: again.changeRequest.id })).changeRequest.status).toBe('WITHDRAWN');
  });

  it('refuse to change a fully delivered line, or to go below what was delivered', async () => {
    const order = await acknowledgedOrder(server, buyer, supplier, supplierUser, [partA.id, partB.id], ['10', '20']);
    const delivery = await mutate(server, supplierUser, M.createDelivery, { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: '10' }, { orderLineId: order.lines[1].id, quantity: '5' }] });
    await mutate(server, supplierUser, M.recordDeliveryEvent, { deliveryId: delivery.delivery.id, status: 'DISPATCHED' });
    await mutate(server, buyer, M.receiveDelivery, { deliveryId: delivery.delivery.id, lines: [{ orderLineId: order.lines[0].id, receivedQuantity: '10' }, { orderLineId: order.lines[1].id, receivedQuantity: '5' }] });
    const full = await mutate(server, supplierUser, M.requestOrderChange, { orderId: order.id, reason: 'x', changes: [{ lineId: order.lines[0].id, quantity: '12' }] });
    expect(full.errors).toEqual([{ field: ['input', 'changes', '0', 'lineId'], code: 'INVALID_STATE_TRANSITION', message: 'Line 1 is fully delivered and cannot change.' }]);
    const below = await mutate(server, supplierUser, M.requestOrderChange, { orderId: order.id, reason: 'x', changes: [{ lineId: order.lines[1].id, quantity: '4' }] });
    expect(below.errors[0]).toMatchObject({ field: ['input', 'changes', '0', 'quantity'], code: 'INVALID' });
  });
});

describe('deliveries', () => {
  it('ship what is open, follow the transition table and update the order on receipt', async () => {
    const order = await acknowledgedOrder(server, buyer, supplier, supplierUser, [partA.id, partB.id], ['100', '50']);
    const over = await mutate(server, supplierUser, M.createDelivery, { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: '101' }] });
    expect(over.errors).toEqual([{ field: ['input', 'lines', '0', 'quantity'], code: 'LIMIT_EXCEEDED', message: 'Only 100 is still open on this line.' }]);
    const eta = new Date(server.clock.now().getTime() + 3 * 86_400_000).toISOString();
    const asn = await mutate(server, supplierUser, M.createDelivery, { orderId: order.id, carrier: 'DHL', trackingNumber: 'JD0001', estimatedArrival: eta, lines: [{ orderLineId: order.lines[0].id, quantity: '60', lotNumber: 'L-2026-11' }] });
    expect(asn.errors).toEqual([]);
    expect(asn.delivery).toMatchObject({ number: expect.stringMatching(/^ASN-2026-\d{6}$/), status: 'PLANNED', carrier: 'DHL', estimatedArrival: eta, lines: [{ quantity: '60', lotNumber: 'L-2026-11', receivedQuantity: null }], events: [{ status: 'PLANNED' }] });
    const second = await mutate(server, supplierUser, M.createDelivery, { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: '41' }] });
    expect(second.errors[0]).toMatchObject({ code: 'LIMIT_EXCEEDED', message: 'Only 40 is still open on this line.' });
    const id = asn.delivery.id;
    expect((await mutate(server, supplierUser, M.recordDeliveryEvent, { deliveryId: id, status: 'ARRIVED' })).errors[0]).toMatchObject({ code: 'INVALID_STATE_TRANSITION', message: 'A PLANNED delivery can move to DISPATCHED, CANCELLED, not ARRIVED.' });
    expect((await mutate(server, supplierUser, M.recordDeliveryEvent, { deliveryId: id, status: 'DISPATCHED', location: 'Suzhou' })).delivery).toMatchObject({ status: 'DISPATCHED', shippedAt: server.clock.now().toISOString() });
    await mutate(server, supplierUser, M.recordDeliveryEvent, { deliveryId: id, status: 'IN_TRANSIT', location: 'Shanghai port' });
    expect((await mutate(server, supplierUser, M.recordDeliveryEvent, { deliveryId: id, status: 'DELAYED' })).errors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'estimatedArrival'] });
    const later = new Date(server.clock.now().getTime() + 9 * 86_400_000).toISOString();
    expect((await mutate(server, supplierUser, M.recordDeliveryEvent, { deliveryId: id, status: 'DELAYED', estimatedArrival: later, note: 'Typhoon' })).delivery).toMatchObject({ status: 'DELAYED', estimatedArrival: later });
    await mutate(server, supplierUser, M.recordDeliveryEvent, { deliveryId: id, status: 'IN_TRANSIT' });
    expect((await mutate(server, supplierUser, M.recordDeliveryEvent, { deliveryId: id, status: 'ARRIVED' })).delivery.status).toBe('ARRIVED');
    expect((await mutate(server, supplierUser, M.recordDeliveryEvent, { deliveryId: id, status: 'CANCELLED' })).errors[0]?.code).toBe('INVALID_STATE_TRANSITION');
    expect((await supplierUser.run(M.receiveDelivery, { input: { deliveryId: id, lines: [] } })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const received = await mutate(server, buyer, M.receiveDelivery, { deliveryId: id, lines: [{ orderLineId: order.lines[0].id, receivedQuantity: '58' }] });
    expect(received.errors).toEqual([]);
    expect(received.delivery).toMatchObject({ status: 'RECEIVED', order: { status: 'PARTIALLY_DELIVERED' }, lines: [{ receivedQuantity: '58', orderLine: { deliveredQuantity: '58' } }] });
    expect(received.delivery.events.map((e: { status: string }) => e.status)).toEqual(['PLANNED', 'DISPATCHED', 'IN_TRANSIT', 'DELAYED', 'IN_TRANSIT', 'ARRIVED', 'RECEIVED']);
    expect((await mutate(server, buyer, M.cancelOrder, { id: order.id })).errors[0]?.code).toBe('INVALID_STATE_TRANSITION');
    const rest = await mutate(server, supplierUser, M.createDelivery, { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: '42' }, { orderLineId: order.lines[1].id, quantity: '50' }] });
    expect(rest.errors).toEqual([]);
    await mutate(server, supplierUser, M.recordDeliveryEvent, { deliveryId: rest.delivery.id, status: 'DISPATCHED' });
    const overReceipt = await mutate(server, buyer, M.receiveDelivery, { deliveryId: rest.delivery.id, lines: [{ orderLineId: order.lines[0].id, receivedQuantity: '43' }] });
    expect(overReceipt.errors).toEqual([{ field: ['input', 'lines', '0', 'receivedQuantity'], code: 'LIMIT_EXCEEDED', message: 'Receiving more than ordered: only 42 is still open on line 1.' }]);
    const done = await mutate(server, buyer, M.receiveDelivery, { deliveryId: rest.delivery.id, lines: [{ orderLineId: order.lines[0].id, receivedQuantity: '42' }, { orderLineId: order.lines[1].id, receivedQuantity: '50' }] });
    expect(done.delivery.order.status).toBe('DELIVERED');
    const closed = await mutate(server, buyer, M.closeOrder, { id: order.id });
    expect(closed.order.status).toBe('CLOSED');
  });

  it('take a retried event once, and refuse a reused key with other input', async () => {
    const order = await acknowledgedOrder(server, buyer, supplier, supplierUser, [partA.id]);
    const asn = await mutate(server, supplierUser, M.createDelivery, { orderId: order.id, idempotencyKey: 'asn-1', lines: [{ orderLineId: order.lines[0].id, quantity: '1' }] });
    const asnAgain = await mutate(server, supplierUser, M.createDelivery, { orderId: order.id, idempotencyKey: 'asn-1', lines: [{ orderLineId: order.lines[0].id, quantity: '1' }] });
    expect(asnAgain.delivery.id).toBe(asn.delivery.id);
    const input = { deliveryId: asn.delivery.id, status: 'DISPATCHED', idempotencyKey: 'evt-1' };
    const results = await Promise.all([1, 2, 3].map(() => supplierUser.data(M.recordDeliveryEvent, { input })));
    for (const r of results) expect(r.recordDeliveryEvent.errors).toEqual([]);
    const events = await admin.data('query($id: ID!) { node(id: $id) { ... on Delivery { events { status } } } }', { id: asn.delivery.id });
    expect(events.node.events.map((e: { status: string }) => e.status)).toEqual(['PLANNED', 'DISPATCHED']);
    expect((await mutate(server, supplierUser, M.recordDeliveryEvent, { ...input, location: 'elsewhere' })).errors[0]?.code).toBe('DUPLICATE');
  });

  it("are invisible to another supplier, which cannot ship against the order", async () => {
    const order = await acknowledgedOrder(server, buyer, supplier, supplierUser, [partA.id]);
    const asn = await mutate(server, supplierUser, M.createDelivery, { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: '1' }] });
    const probe = await rival.data('query($o: ID!, $d: ID!) { o: node(id: $o) { id } d: node(id: $d) { id } deliveries { totalCount } orders { totalCount } byOrder: deliveries(filter: { orderId: $o }) { totalCount } }', { o: order.id, d: asn.delivery.id });
    expect(probe).toEqual({ o: null, d: null, deliveries: { totalCount: 0 }, orders: { totalCount: 0 }, byOrder: { totalCount: 0 } });
    expect((await mutate(server, rival, M.createDelivery, { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: '1' }] })).errors[0]?.code).toBe('NOT_FOUND');
    expect((await mutate(server, rival, M.recordDeliveryEvent, { deliveryId: asn.delivery.id, status: 'DISPATCHED' })).errors[0]?.code).toBe('NOT_FOUND');
  });
});

describe('lists', () => {
  it('page orders by due date in both directions, with filters, nested under the supplier', async () => {
    const open = await supplierUser.data('{ orders(first: 3, filter: { status: [ACKNOWLEDGED, PARTIALLY_DELIVERED] }) { totalCount nodes { dueDate status } pageInfo { hasNextPage endCursor } } }');
    expect(open.orders.nodes.length).toBeGreaterThan(0);
    const dates = open.orders.nodes.map((n: { dueDate: string }) => n.dueDate);
    expect([...dates].sort()).toEqual(dates);
    const back = await supplierUser.data('{ orders(last: 2, orderBy: { field: NUMBER, direction: DESC }) { nodes { number } pageInfo { hasPreviousPage } } }');
    expect(back.orders.nodes).toHaveLength(2);
    const nested = await buyer.data('query($id: ID!) { node(id: $id) { ... on Supplier { orders(first: 2, filter: { status: [CLOSED] }) { totalCount nodes { status } } } } }', { id: supplier.id });
    expect(nested.node.orders.nodes.every((n: { status: string }) => n.status === 'CLOSED')).toBe(true);
    const late = await buyer.data('{ deliveries(filter: { late: true }) { totalCount } }');
    expect(late.deliveries.totalCount).toBeGreaterThanOrEqual(0);
  });

  it('count the same statements for 5 and 50 orders with lines, parts and deliveries', async () => {
    for (let i = 0; i < 12; i++) await acknowledgedOrder(server, buyer, supplier, supplierUser, [partA.id, partB.id]);
    const query = 'query($n: Int!) { orders(first: $n) { nodes { number total partner { name } lines { part { partNumber description } quantity } deliveries { status } } } }';
    const count = async (n: number) => {
      const before = server.statements();
      await supplierUser.data(query, { n });
      return server.statements() - before;
    };
    const five = await count(5);
    const fifty = await count(50);
    // The page, its lines with their parts, its deliveries and its partner: one statement.
    expect(five).toBe(1);
    expect(fifty).toBe(1);
  });

  it('read an order with what its fields show in one statement, equal to what the loaders read', async () => {
    const order = await acknowledgedOrder(server, buyer, supplier, supplierUser, [partA.id, partB.id]);
    const asn = await mutate(server, supplierUser, M.createDelivery, { orderId: order.id, carrier: 'DHL', lines: [{ orderLineId: order.lines[0].id, quantity: '1', lotNumber: 'L-9' }] });
    const shown = 'number status total partner { __typename name } lines { id lineNumber quantity requestedDate part { id partNumber description } } deliveries { id number status createdAt }';
    for (const actor of [buyer, supplierUser]) {
      const before = server.statements();
      const byId = await actor.data(`query($id: ID!) { node(id: $id) { ... on Order { ${shown} } } }`, { id: order.id });
      expect(server.statements() - before).toBe(1);
      // Through a delivery, the order and its lines come from the batch loaders, one statement each.
      const throughDelivery = await actor.data(`query($id: ID!) { node(id: $id) { ... on Delivery { order { ${shown} } } } }`, { id: asn.delivery.id });
      expect(byId.node).toEqual(throughDelivery.node.order);
      expect(byId.node.partner).toEqual({ __typename: 'Supplier', name: expect.any(String) });
      expect(byId.node.lines).toHaveLength(2);
      expect(byId.node.deliveries).toEqual([expect.objectContaining({ id: asn.delivery.id, status: 'PLANNED' })]);
      const listed = await actor.data(`query { orders(first: 100) { nodes { id ${shown} } } }`);
      expect(listed.orders.nodes.find((o: { id: string }) => o.id === order.id)).toEqual({ id: order.id, ...byId.node });
    }
    // Another supplier's user sees neither the order nor, through it, anything it holds.
    expect((await rival.data(`query($id: ID!) { node(id: $id) { ... on Order { ${shown} } } }`, { id: order.id })).node).toBeNull();
    // Several orders by id: one statement for all of them and what their fields show.
    const other = await acknowledgedOrder(server, buyer, supplier, supplierUser, [partB.id]);
    const before = server.statements();
    const many = await supplierUser.data(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Order { ${shown} } } }`, { ids: [order.id, other.id, order.id] });
    expect(server.statements() - before).toBe(1);
    const single = async (id: string) => (await supplierUser.data(`query($id: ID!) { node(id: $id) { ... on Order { ${shown} } } }`, { id })).node;
    expect(many.nodes).toEqual([await single(order.id), await single(other.id), await single(order.id)]);
    expect((await rival.data(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Order { ${shown} } } }`, { ids: [order.id, other.id] })).nodes).toEqual([null, null]);
  });
});

describe.runIf(onPostgres)('on PostgreSQL', () => {
  it('lets only one of two truly concurrent change acceptances win', async () => {
    const order = await acknowledgedOrder(server, buyer, supplier, supplierUser, [partA.id]);
    const asked = await mutate(server, supplierUser, M.requestOrderChange, { orderId: order.id, reason: 'x', changes: [{ lineId: order.lines[0].id, quantity: '70' }] });
    const [a, b] = await Promise.all([buyer.data(M.respondToOrderChange, { input: { id: asked.changeRequest.id, accept: true } }), admin.data(M.respondToOrderChange, { input: { id: asked.changeRequest.id, accept: true } })]);
    const errors = [a.respondToOrderChange.errors, b.respondToOrderChange.errors];
    expect(errors.filter((e) => e.length === 0)).toHaveLength(1);
    const check = await admin.data('query($id: ID!) { node(id: $id) { ... on Order { version } } }', { id: order.id });
    expect(check.node.version).toBe(order.version + 1);
  });
});
