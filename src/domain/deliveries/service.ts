import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer.js';
import type { Tx } from '../../db/client.js';
import { type DeliveryRow, deliveries, deliveryEvents, deliveryLines, files, type OrderRow, orderLines, orders, parts } from '../../db/schema/index.js';
import { activeAgreementsOfSupplier } from '../../db/queries/quality.js';
import { governingAgreement } from '../quality/agreements.js';
import { describeMissing, missingDocuments, type RequiredDocument, requiredDocuments } from '../quality/delivery-documents.js';
import { calendarDate } from '../shared/dates.js';
import { visibility } from '../../db/scope.js';
import { recordActivity } from '../activity/record.js';
import { add, compare, subtract } from '../shared/decimal.js';
import { Forbidden } from '../shared/errors.js';
import { claimIdempotencyKey } from '../shared/idempotency.js';
import { idOfType, toGlobalId } from '../shared/ids.js';
import { nextNumber } from '../shared/numbers.js';
import { fail, failAll, ok, type Result, type UserError } from '../shared/result.js';
import { inTransaction, type ServiceContext } from '../shared/service.js';
import { validateInput } from '../shared/validation.js';
import { orderTransition } from '../orders/lifecycle.js';
import { lockOrder, orderParty } from '../orders/service.js';
import { openInspections } from '../quality/inspection-service.js';
import { discontinuedParts } from '../quality/switching-service.js';
import { checkDeliveryEvent, receivableStatuses } from './lifecycle.js';
import { createDeliveryInput, receiveDeliveryInput, recordDeliveryEventInput } from './validation.js';
import { msg } from '../../i18n/message.js';

// Deliveries (advance shipping notices): the shipping side creates them and records their status
// events; staff book the receipt, which updates the order. Every step is one activity row that
// names the order, so order and delivery subscriptions both see it.

/** Who ships: for purchase orders the supplier, or BUYER staff on its behalf; for sales orders SALES staff. */
function mayShip(viewer: Viewer, order: OrderRow): boolean {
  const party = orderParty(viewer, order);
  return order.direction === 'PURCHASE' ? party !== null : party === 'COMPANY';
}

/** Who books receipts: our staff at the receiving end. */
function mayReceive(viewer: Viewer, order: OrderRow): boolean {
  if (viewer.organization !== null) return false;
  const roles = order.direction === 'PURCHASE' ? ['ADMIN', 'BUYER', 'QUALITY_ENGINEER'] : ['ADMIN', 'SALES'];
  return viewer.roles.some((r) => roles.includes(r));
}

async function recordDeliveryActivity(tx: Tx, ctx: ServiceContext, order: OrderRow, delivery: Pick<DeliveryRow, 'id' | 'number'>, kind: string, eventId: string, summary: string) {
  await recordActivity(tx, ctx.viewer, ctx.now(), {
    kind,
    subjectType: 'Delivery',
    subjectId: delivery.id,
    supplierId: order.supplierId,
    customerId: order.customerId,
    orderId: order.id,
    detailId: eventId,
    summary,
  });
}

/** What is still open on each line: the (confirmed) quantity less what live deliveries carry. */
async function openQuantities(tx: Tx, orderId: string): Promise<Map<string, { left: string; partId: string }>> {
  const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, orderId));
  const shipped = await tx
    .select({ lineId: deliveryLines.orderLineId, quantity: sql<string>`sum(coalesce(${deliveryLines.receivedQuantity}, ${deliveryLines.quantity}))::text` })
    .from(deliveryLines)
    .innerJoin(deliveries, eq(deliveries.id, deliveryLines.deliveryId))
    .where(and(eq(deliveries.orderId, orderId), sql`${deliveries.status} <> 'CANCELLED'`))
    .groupBy(deliveryLines.orderLineId);
  const carried = new Map(shipped.map((s) => [s.lineId, s.quantity]));
  return new Map(lines.map((l) => [l.id, { left: subtract(l.confirmedQuantity ?? l.quantity, carried.get(l.id) ?? '0'), partId: l.partId }]));
}

/**
 * ISO 2859-1: once inspection of a supplier's part is discontinued, deliveries of that part are
 * refused until quality staff reinstate it. One error per line, given the part of each input line.
 */
async function refusedForDiscontinuedInspection(tx: Tx, supplierId: string, partOfLine: (string | null)[]): Promise<UserError[]> {
  const stopped = await discontinuedParts(tx, supplierId, partOfLine.filter((p) => p !== null));
  const errors: UserError[] = [];
  partOfLine.forEach((partId, i) => {
    const partNumber = partId === null ? undefined : stopped.get(partId);
    if (partNumber !== undefined) {
      errors.push({ code: 'INVALID', field: ['input', 'lines', String(i), 'orderLineId'], message: msg`Incoming inspection of part ${partNumber} from this supplier is discontinued: deliveries of it are refused until quality staff reinstate inspection.` });
    }
  });
  return errors;
}

async function reloadDelivery(tx: Tx, id: string): Promise<DeliveryRow> {
  const [row] = await tx.select().from(deliveries).where(eq(deliveries.id, id));
  return row!;
}

export function createDelivery(ctx: ServiceContext, input: unknown): Promise<Result<DeliveryRow>> {
  const valid = validateInput(createDeliveryInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  const newId = randomUUID();
  return inTransaction(ctx, async (tx) => {
    const order = await lockOrder(tx, ctx.viewer, v.orderId);
    if (!order) return fail('NOT_FOUND', ['input', 'orderId'], msg`No order with this id.`);
    if (!mayShip(ctx.viewer, order)) throw new Forbidden(order.direction === 'PURCHASE' ? msg`The supplier, or BUYER staff for it, creates deliveries of a purchase order.` : msg`SALES staff create deliveries of a sales order.`);
    if (v.idempotencyKey !== null) {
      const claim = await claimIdempotencyKey(tx, { userId: ctx.viewer.id, operation: 'createDelivery', key: v.idempotencyKey, input, newId, now: ctx.now() });
      if (!claim.ok) return claim;
      if (!claim.value.first) return ok(await reloadDelivery(tx, claim.value.resultId));
    }
    if (orderTransition(order.status, 'ship') === null) return fail('INVALID_STATE_TRANSITION', ['input', 'orderId'], msg`A ${order.status} order ships nothing; it must be ACKNOWLEDGED first.`);
    const open = await openQuantities(tx, order.id);
    const errors: UserError[] = [];
    const lines = v.lines.map((l, i) => {
      const lineId = idOfType(l.orderLineId, 'OrderLine');
      const left = lineId === null ? undefined : open.get(lineId)?.left;
      if (left === undefined) errors.push({ code: 'NOT_FOUND', field: ['input', 'lines', String(i), 'orderLineId'], message: msg`No line of this order has this id.` });
      else if (compare(l.quantity, left) > 0) errors.push({ code: 'LIMIT_EXCEEDED', field: ['input', 'lines', String(i), 'quantity'], message: msg`Only ${left} is still open on this line.` });
      return { ...l, lineId: lineId ?? '' };
    });
    if (order.direction === 'PURCHASE') errors.push(...(await refusedForDiscontinuedInspection(tx, order.supplierId!, lines.map((l) => open.get(l.lineId)?.partId ?? null))));
    if (errors.length > 0) return failAll(errors);
    if (v.estimatedArrival !== null && v.estimatedArrival.getTime() < ctx.now().getTime()) return fail('INVALID', ['input', 'estimatedArrival'], msg`estimatedArrival cannot be in the past.`);
    const documents = await shippedDocuments(tx, ctx.viewer, order.id, v.documentIds);
    if (!documents.ok) return documents;
    // The certificates the parts' quality agreements require with every delivery.
    const required = order.direction === 'PURCHASE' ? await documentsRequired(tx, order.supplierId!, [...new Set(lines.map((l) => open.get(l.lineId)!.partId))], calendarDate(ctx.now(), ctx.timeZone)) : [];
    const refused = missingDocuments(required, documents.value).filter((m) => m.policy === 'REFUSE');
    if (refused.length > 0) return fail('INVALID', ['input', 'documentIds'], msg`Missing documents the quality agreement requires with every delivery: ${describeMissing(refused)}. Upload them to the order (POST /files, kind CERTIFICATE_OF_CONFORMITY …) and pass their ids.`);
    const now = ctx.now();
    const number = await nextNumber(tx, 'ASN', now, 6);
    await tx.insert(deliveries).values({ id: newId, number, orderId: order.id, status: 'PLANNED', carrier: v.carrier, trackingNumber: v.trackingNumber, estimatedArrival: v.estimatedArrival, requiredDocuments: required, createdAt: now, updatedAt: now });
    // The documents travel with the delivery from now on.
    if (documents.value.length > 0) await tx.update(files).set({ subjectType: 'Delivery', subjectId: newId }).where(inArray(files.id, documents.value.map((d) => d.id)));
    await tx.insert(deliveryLines).values(lines.map((l) => ({ deliveryId: newId, orderLineId: l.lineId, quantity: l.quantity, lotNumber: l.lotNumber })));
    const [event] = await tx.insert(deliveryEvents).values({ deliveryId: newId, status: 'PLANNED', occurredAt: now, estimatedArrival: v.estimatedArrival, recordedAt: now }).returning();
    await recordDeliveryActivity(tx, ctx, order, { id: newId, number }, 'DELIVERY_PLANNED', event!.id, `Delivery ${number} against order ${order.number} announced (${lines.length} line(s)).`);
    return ok(await reloadDelivery(tx, newId));
  });
}

async function lockDelivery(tx: Tx, viewer: Viewer, globalId: string): Promise<{ delivery: DeliveryRow; order: OrderRow } | undefined> {
  const id = idOfType(globalId, 'Delivery');
  if (id === null) return undefined;
  const [delivery] = await tx
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.id, id), visibility(viewer).deliveries));
  if (!delivery) return undefined;
  const order = await lockOrder(tx, viewer, toGlobalId('Order', delivery.orderId));
  const [locked] = await tx.select().from(deliveries).where(eq(deliveries.id, id)).for('update');
  return order && locked ? { delivery: locked, order } : undefined;
}

export function recordDeliveryEvent(ctx: ServiceContext, input: unknown): Promise<Result<DeliveryRow>> {
  const valid = validateInput(recordDeliveryEventInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  return inTransaction(ctx, async (tx) => {
    const found = await lockDelivery(tx, ctx.viewer, v.deliveryId);
    if (!found) return fail('NOT_FOUND', ['input', 'deliveryId'], msg`No delivery with this id.`);
    const { delivery, order } = found;
    if (!mayShip(ctx.viewer, order)) throw new Forbidden(msg`Delivery events are recorded by the shipping side.`);
    const eventId = randomUUID();
    if (v.idempotencyKey !== null) {
      const claim = await claimIdempotencyKey(tx, { userId: ctx.viewer.id, operation: 'recordDeliveryEvent', key: v.idempotencyKey, input, newId: eventId, now: ctx.now() });
      if (!claim.ok) return claim;
      if (!claim.value.first) return ok(await reloadDelivery(tx, delivery.id));
    }
    const refusal = checkDeliveryEvent({ from: delivery.status, to: v.status, estimatedArrival: v.estimatedArrival });
    if (refusal) return fail(refusal.field === 'status' ? 'INVALID_STATE_TRANSITION' : 'INVALID', ['input', refusal.field], refusal.message);
    const now = ctx.now();
    const occurredAt = v.occurredAt ?? now;
    if (occurredAt.getTime() > now.getTime() + 5 * 60_000) return fail('INVALID', ['input', 'occurredAt'], msg`occurredAt cannot be in the future.`);
    await tx.insert(deliveryEvents).values({ id: eventId, deliveryId: delivery.id, status: v.status, occurredAt, location: v.location, note: v.note, estimatedArrival: v.estimatedArrival, recordedAt: now });
    await tx
      .update(deliveries)
      .set({
        status: v.status,
        version: delivery.version + 1,
        updatedAt: now,
        ...(v.estimatedArrival !== null ? { estimatedArrival: v.estimatedArrival } : {}),
        ...(v.status === 'DISPATCHED' ? { shippedAt: occurredAt } : {}),
        ...(v.status === 'ARRIVED' ? { arrivedAt: occurredAt } : {}),
      })
      .where(eq(deliveries.id, delivery.id));
    const where = v.location ? ` at ${v.location}` : '';
    await recordDeliveryActivity(tx, ctx, order, delivery, `DELIVERY_${v.status}`, eventId, `Delivery ${delivery.number} ${v.status.toLowerCase().replace('_', ' ')}${where}${v.estimatedArrival ? `, now expected ${v.estimatedArrival.toISOString()}` : ''}.`);
    return ok(await reloadDelivery(tx, delivery.id));
  });
}

export function receiveDelivery(ctx: ServiceContext, input: unknown): Promise<Result<DeliveryRow>> {
  const valid = validateInput(receiveDeliveryInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  return inTransaction(ctx, async (tx) => {
    const found = await lockDelivery(tx, ctx.viewer, v.deliveryId);
    if (!found) return fail('NOT_FOUND', ['input', 'deliveryId'], msg`No delivery with this id.`);
    const { delivery, order } = found;
    if (!mayReceive(ctx.viewer, order)) throw new Forbidden(msg`Receipts are booked by staff at the receiving end.`);
    if (!receivableStatuses.includes(delivery.status)) return fail('INVALID_STATE_TRANSITION', ['input', 'deliveryId'], msg`A ${delivery.status} delivery cannot be received.`);
    const shippedLines = await tx.select().from(deliveryLines).where(eq(deliveryLines.deliveryId, delivery.id));
    const lines = await tx.select().from(orderLines).where(inArray(orderLines.id, shippedLines.map((l) => l.orderLineId)));
    const errors: UserError[] = [];
    const received = v.lines.map((l, i) => {
      const lineId = idOfType(l.orderLineId, 'OrderLine');
      const line = lines.find((x) => x.id === lineId);
      if (!line) errors.push({ code: 'NOT_FOUND', field: ['input', 'lines', String(i), 'orderLineId'], message: msg`This delivery carries no such order line.` });
      else {
        const left = subtract(line.confirmedQuantity ?? line.quantity, line.deliveredQuantity);
        if (compare(l.receivedQuantity, left) > 0) errors.push({ code: 'LIMIT_EXCEEDED', field: ['input', 'lines', String(i), 'receivedQuantity'], message: msg`Receiving more than ordered: only ${left} is still open on line ${line.lineNumber}.` });
      }
      return { line: line!, quantity: l.receivedQuantity };
    });
    if (order.direction === 'PURCHASE' && errors.length === 0) errors.push(...(await refusedForDiscontinuedInspection(tx, order.supplierId!, received.map((r) => r.line.partId))));
    if (errors.length > 0) return failAll(errors);
    // Held: its quality agreement lets it be announced without its certificates, not received.
    const held = missingDocuments(delivery.requiredDocuments, await tx.select({ kind: files.kind, partId: files.partId }).from(files).where(and(eq(files.subjectType, 'Delivery'), eq(files.subjectId, delivery.id))));
    if (held.length > 0) return fail('INVALID_STATE_TRANSITION', ['input', 'deliveryId'], msg`Delivery ${delivery.number} is on hold until its documents are attached: ${describeMissing(held)}.`);
    const now = ctx.now();
    for (const r of received) {
      await tx.update(deliveryLines).set({ receivedQuantity: r.quantity }).where(and(eq(deliveryLines.deliveryId, delivery.id), eq(deliveryLines.orderLineId, r.line.id)));
      // A purchase line's quantity is accepted by incoming inspection; a sales line's on receipt.
      await tx
        .update(orderLines)
        .set({ deliveredQuantity: add(r.line.deliveredQuantity, r.quantity), ...(order.direction === 'SALES' ? { acceptedQuantity: add(r.line.acceptedQuantity, r.quantity) } : {}) })
        .where(eq(orderLines.id, r.line.id));
    }
    if (order.direction === 'PURCHASE') {
      const lots = received
        .filter((r) => compare(r.quantity, '0') > 0)
        .map((r) => ({ lineId: r.line.id, partId: r.line.partId, quantity: r.quantity, lotNumber: shippedLines.find((l) => l.orderLineId === r.line.id)?.lotNumber ?? null }));
      await openInspections(tx, ctx, order, delivery.id, lots);
    }
    // Lines not booked arrived empty.
    const booked = new Set(received.map((r) => r.line.id));
    for (const l of shippedLines.filter((x) => !booked.has(x.orderLineId))) {
      await tx.update(deliveryLines).set({ receivedQuantity: '0' }).where(and(eq(deliveryLines.deliveryId, delivery.id), eq(deliveryLines.orderLineId, l.orderLineId)));
    }
    const all = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id));
    const complete = all.every((l) => compare(l.deliveredQuantity, l.confirmedQuantity ?? l.quantity) >= 0);
    const orderStatus = orderTransition(order.status, complete ? 'receiveAll' : 'receivePart') ?? order.status;
    await tx.update(orders).set({ status: orderStatus, version: order.version + 1, updatedAt: now }).where(eq(orders.id, order.id));
    const [event] = await tx.insert(deliveryEvents).values({ deliveryId: delivery.id, status: 'RECEIVED', occurredAt: now, recordedAt: now }).returning();
    await tx
      .update(deliveries)
      .set({ status: 'RECEIVED', receivedAt: now, arrivedAt: delivery.arrivedAt ?? now, version: delivery.version + 1, updatedAt: now })
      .where(eq(deliveries.id, delivery.id));
    const total = received.reduce((sum, r) => add(sum, r.quantity), '0');
    await recordDeliveryActivity(tx, ctx, order, delivery, 'DELIVERY_RECEIVED', event!.id, `Delivery ${delivery.number} received (${total} units); order ${order.number} is ${orderStatus}.`);
    return ok(await reloadDelivery(tx, delivery.id));
  });
}

/** The documents given with a ship notice: files attached to its order, of the delivery kinds. */
async function shippedDocuments(tx: Tx, viewer: Viewer, orderId: string, ids: readonly string[]): Promise<Result<{ id: string; kind: string; partId: string | null }[]>> {
  if (ids.length === 0) return ok([]);
  const fileIds = ids.map((id) => idOfType(id, 'File'));
  const found = await tx
    .select({ id: files.id, kind: files.kind, partId: files.partId })
    .from(files)
    .where(and(inArray(files.id, fileIds.filter((id): id is string => id !== null)), eq(files.subjectType, 'Order'), eq(files.subjectId, orderId), visibility(viewer).files));
  const errors: UserError[] = [];
  fileIds.forEach((id, i) => {
    if (id === null || !found.some((f) => f.id === id)) errors.push({ code: 'NOT_FOUND', field: ['input', 'documentIds', String(i)], message: msg`No file of this order has this id.` });
  });
  return errors.length > 0 ? failAll(errors) : ok(found);
}

/** What the governing quality agreements of a supplier's parts require with every delivery. */
async function documentsRequired(tx: Tx, supplierId: string, partIds: readonly string[], today: string): Promise<RequiredDocument[]> {
  const agreements = await activeAgreementsOfSupplier(tx, supplierId);
  if (agreements.length === 0) return [];
  const numbers = new Map((await tx.select({ id: parts.id, partNumber: parts.partNumber }).from(parts).where(inArray(parts.id, [...partIds]))).map((p) => [p.id, p.partNumber]));
  return requiredDocuments(partIds.map((partId) => ({ partId, partNumber: numbers.get(partId) ?? partId, agreement: governingAgreement(agreements, partId, today) })));
}
