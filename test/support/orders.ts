import { expect } from 'vitest';
import { approvedSupplier, createPart } from './fixtures.js';
import type { Actor, TestServer } from './server.js';

export const ORDER_FIELDS = `id number direction status currency total version dueDate issuedAt acknowledgedAt
  partner { id } contract { id }
  lines { id lineNumber part { id } quantity unitPrice requestedDate confirmedQuantity confirmedDate deliveredQuantity acceptedQuantity }
  changeRequests { id status requestedBy reason decisionNote changes { line { lineNumber } quantity requestedDate unitPrice } }
  deliveries { id status }`;
export const ORDER_PAYLOAD = `{ order { ${ORDER_FIELDS} } errors { field code message } }`;
export const DELIVERY_FIELDS = 'id number status carrier trackingNumber shippedAt estimatedArrival arrivedAt receivedAt order { id status } lines { orderLine { id lineNumber deliveredQuantity } quantity lotNumber receivedQuantity } events { id status occurredAt location note estimatedArrival }';
export const DELIVERY_PAYLOAD = `{ delivery { ${DELIVERY_FIELDS} } errors { field code message } }`;

// biome-ignore lint/suspicious/noExplicitAny: response shapes vary per mutation
export type Payload = { errors: { field: string[]; code: string; message: string }[] } & Record<string, any>;

export async function mutate(server: TestServer, actor: Actor, mutation: string, input: Record<string, unknown>): Promise<Payload> {
  server.clock.advance(1000);
  const data = await actor.data(mutation, { input });
  return Object.values(data)[0] as Payload;
}

/** A mutation that must succeed (mutate, then no errors in its payload): the payload. */
export async function succeeded(server: TestServer, actor: Actor, mutation: string, input: Record<string, unknown>): Promise<Payload> {
  const payload = await mutate(server, actor, mutation, input);
  expect(payload.errors).toEqual([]);
  return payload;
}

export const M = {
  createOrder: `mutation($input: CreateOrderInput!) { createOrder(input: $input) ${ORDER_PAYLOAD} }`,
  issueOrder: `mutation($input: OrderActionInput!) { issueOrder(input: $input) ${ORDER_PAYLOAD} }`,
  acknowledgeOrder: `mutation($input: AcknowledgeOrderInput!) { acknowledgeOrder(input: $input) ${ORDER_PAYLOAD} }`,
  rejectOrder: `mutation($input: RejectOrderInput!) { rejectOrder(input: $input) ${ORDER_PAYLOAD} }`,
  cancelOrder: `mutation($input: OrderActionInput!) { cancelOrder(input: $input) ${ORDER_PAYLOAD} }`,
  closeOrder: `mutation($input: OrderActionInput!) { closeOrder(input: $input) ${ORDER_PAYLOAD} }`,
  requestOrderChange: `mutation($input: RequestOrderChangeInput!) { requestOrderChange(input: $input) { changeRequest { id status requestedBy reason order { version } changes { line { id lineNumber } quantity requestedDate unitPrice } } errors { field code message } } }`,
  respondToOrderChange: `mutation($input: RespondToOrderChangeInput!) { respondToOrderChange(input: $input) { changeRequest { id status decisionNote decidedAt order { version lines { quantity confirmedQuantity requestedDate confirmedDate unitPrice } } } errors { field code message } } }`,
  withdrawOrderChange: `mutation($input: WithdrawOrderChangeInput!) { withdrawOrderChange(input: $input) { changeRequest { id status } errors { field code message } } }`,
  createDelivery: `mutation($input: CreateDeliveryInput!) { createDelivery(input: $input) ${DELIVERY_PAYLOAD} }`,
  recordDeliveryEvent: `mutation($input: RecordDeliveryEventInput!) { recordDeliveryEvent(input: $input) ${DELIVERY_PAYLOAD} }`,
  receiveDelivery: `mutation($input: ReceiveDeliveryInput!) { receiveDelivery(input: $input) ${DELIVERY_PAYLOAD} }`,
};

/** A supplier with a user, and two parts: the cast of most order tests. */
export async function supplierWithUser(server: TestServer, admin: Actor) {
  const supplier = await approvedSupplier(admin);
  const user = await server.as({ roles: ['SUPPLIER_USER'], org: supplier.id, name: `User of ${supplier.code}` });
  return { supplier, user };
}

export async function parts(admin: Actor) {
  return [await createPart(admin, { importanceClass: 'I' }), await createPart(admin, { importanceClass: 'II' })];
}

export function tomorrow(server: TestServer, days = 1): string {
  const d = server.clock.now();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A purchase order issued by the buyer and acknowledged as requested by the supplier. */
export async function acknowledgedOrder(server: TestServer, buyer: Actor, supplier: { id: string }, user: Actor, partIds: string[], quantities = ['100', '50']) {
  const created = await succeeded(server, buyer, M.createOrder, {
    direction: 'PURCHASE',
    partnerId: supplier.id,
    currency: 'EUR',
    lines: partIds.map((partId, i) => ({ partId, quantity: quantities[i] ?? '10', unitPrice: '2.50', requestedDate: tomorrow(server, 10 + i) })),
  });
  const issued = await succeeded(server, buyer, M.issueOrder, { id: created.order.id });
  const acked = await succeeded(server, user, M.acknowledgeOrder, { id: created.order.id, expectedVersion: issued.order.version });
  return acked.order;
}

/** A purchase order whose lines are all shipped in one delivery (with a lot number) and received in full. */
export async function receivedDelivery(server: TestServer, buyer: Actor, supplier: { id: string }, user: Actor, partIds: string[], quantities: string[], lotNumber: string | null = null) {
  const order = await acknowledgedOrder(server, buyer, supplier, user, partIds, quantities);
  const lines = order.lines.map((l: { id: string }, i: number) => ({ id: l.id, quantity: quantities[i]! }));
  const asn = await succeeded(server, user, M.createDelivery, { orderId: order.id, lines: lines.map((l: { id: string; quantity: string }) => ({ orderLineId: l.id, quantity: l.quantity, lotNumber })) });
  await succeeded(server, user, M.recordDeliveryEvent, { deliveryId: asn.delivery.id, status: 'DISPATCHED' });
  await succeeded(server, buyer, M.receiveDelivery, { deliveryId: asn.delivery.id, lines: lines.map((l: { id: string; quantity: string }) => ({ orderLineId: l.id, receivedQuantity: l.quantity })) });
  return { order, delivery: asn.delivery };
}
