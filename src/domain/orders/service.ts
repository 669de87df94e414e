import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer.js';
import type { Tx } from '../../db/client.js';
import { type OrderView, ordersByIds } from '../../db/queries/orders.js';
import {
  contractItems,
  contracts,
  contractVersions,
  customers,
  deliveries,
  type OrderChangeRequestRow,
  type OrderLineRow,
  type OrderRow,
  orderChangeRequests,
  orderLineChanges,
  orderLines,
  orders,
  parts,
  suppliers,
} from '../../db/schema/index.js';
import { visibility } from '../../db/scope.js';
import { recordActivity } from '../activity/record.js';
import { readContractStatus } from '../contracts/lifecycle.js';
import { calendarDate } from '../shared/dates.js';
import { compare, multiply, add } from '../shared/decimal.js';
import { Forbidden } from '../shared/errors.js';
import { claimIdempotencyKey } from '../shared/idempotency.js';
import { fromGlobalId, idOfType, toGlobalId } from '../shared/ids.js';
import { nextNumber } from '../shared/numbers.js';
import { fail, failAll, ok, type Result, type UserError } from '../shared/result.js';
import { inTransaction, type ServiceContext } from '../shared/service.js';
import { validateInput } from '../shared/validation.js';
import { linePrice, type OrderAction, type OrderStatus, orderTransition } from './lifecycle.js';
import { acknowledgeOrderInput, changeRequestActionInput, createOrderInput, orderActionInput, rejectOrderInput, requestOrderChangeInput, respondToOrderChangeInput } from './validation.js';
import { msg } from '../../i18n/message.js';

// Use cases of orders and their change requests. Each locks the order, checks the expected
// version, decides by the lifecycle table, writes, bumps the version and records one activity row.

type Direction = 'PURCHASE' | 'SALES';
type Party = 'COMPANY' | 'PARTNER';

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** The staff department that places orders of a direction: BUYER purchase orders, SALES sales orders. */
export function orderOwnerRoles(direction: Direction): readonly string[] {
  return direction === 'PURCHASE' ? ['ADMIN', 'BUYER'] : ['ADMIN', 'SALES'];
}

/** Which side a user acts for on an order, or null when neither. */
export function orderParty(viewer: Viewer, order: Pick<OrderRow, 'direction' | 'supplierId' | 'customerId'>): Party | null {
  const org = viewer.organization;
  if (org === null) return viewer.roles.some((r) => orderOwnerRoles(order.direction).includes(r)) ? 'COMPANY' : null;
  const partnerId = org.type === 'Supplier' ? order.supplierId : order.customerId;
  return partnerId === org.id ? 'PARTNER' : null;
}

const effectiveQuantity = (line: OrderLineRow) => line.confirmedQuantity ?? line.quantity;

const notFound = (field = 'id') => fail<never>('NOT_FOUND', ['input', field], msg`No order with this id.`);

export async function lockOrder(tx: Tx, viewer: Viewer, globalId: string): Promise<OrderRow | undefined> {
  const id = idOfType(globalId, 'Order');
  if (id === null) return undefined;
  const [row] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.id, id), visibility(viewer).orders))
    .for('update');
  return row;
}

export async function reloadOrder(tx: Tx, viewer: Viewer, id: string): Promise<OrderView> {
  const [view] = await ordersByIds(tx, viewer, [id]);
  return view!;
}

function versionConflict(order: OrderRow, expected: number | null): Result<never> | null {
  return expected !== null && expected !== order.version ? fail('VERSION_CONFLICT', ['input', 'expectedVersion'], msg`The order is at version ${order.version}; reload it and try again.`) : null;
}

async function recordOrderActivity(tx: Tx, ctx: ServiceContext, order: OrderRow, kind: string, summary: string, extra: { detailId?: string; partnerVisible?: boolean } = {}) {
  await recordActivity(tx, ctx.viewer, ctx.now(), {
    kind,
    subjectType: 'Order',
    subjectId: order.id,
    supplierId: order.supplierId,
    customerId: order.customerId,
    orderId: order.id,
    detailId: extra.detailId ?? null,
    partnerVisible: extra.partnerVisible ?? true,
    summary,
  });
}

/** Prices per part from the active contract named, or else from the partner's newest active contracts. */
async function contractPrices(tx: Tx, today: string, partner: { column: 'supplierId' | 'customerId'; id: string }, direction: Direction, contractId: string | null): Promise<Map<string, string>> {
  const rows = await tx
    .select({ contractId: contracts.id, partId: contractItems.partId, unitPrice: contractItems.unitPrice, createdAt: contracts.createdAt })
    .from(contracts)
    .innerJoin(contractVersions, and(eq(contractVersions.contractId, contracts.id), eq(contractVersions.version, contracts.inForceVersion)))
    .innerJoin(contractItems, and(eq(contractItems.contractId, contracts.id), eq(contractItems.version, contracts.inForceVersion)))
    .where(
      and(
        eq(contracts[partner.column], partner.id),
        eq(contracts.status, 'ACTIVE'),
        sql`(${contractVersions.effectiveTo} is null or ${contractVersions.effectiveTo} >= ${today})`,
        sql`(${contractVersions.effectiveFrom} is null or ${contractVersions.effectiveFrom} <= ${today})`,
        direction === 'SALES' ? eq(contracts.type, 'SALES') : sql`${contracts.type} <> 'SALES'`,
        contractId === null ? undefined : eq(contracts.id, contractId),
      ),
    )
    .orderBy(desc(contracts.createdAt));
  const prices = new Map<string, string>();
  for (const r of rows) if (!prices.has(r.partId)) prices.set(r.partId, r.unitPrice);
  return prices;
}

export function createOrder(ctx: ServiceContext, input: unknown): Promise<Result<OrderView>> {
  const valid = validateInput(createOrderInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  if (!ctx.viewer.organization && !ctx.viewer.roles.some((r) => orderOwnerRoles(v.direction).includes(r))) {
    throw new Forbidden(v.direction === 'PURCHASE' ? msg`Purchase orders are placed by BUYER staff.` : msg`Sales orders are entered by SALES staff.`);
  }
  if (ctx.viewer.organization) throw new Forbidden(msg`Orders are placed by staff.`);
  const partner = fromGlobalId(v.partnerId);
  const expectedType = v.direction === 'PURCHASE' ? 'Supplier' : 'Customer';
  if (partner === null || partner.type !== expectedType) {
    return Promise.resolve(fail('NOT_FOUND', ['input', 'partnerId'], msg`A ${v.direction} order is placed with a ${expectedType.toLowerCase()}; no ${expectedType.toLowerCase()} has this id.`));
  }
  const today = calendarDate(ctx.now(), ctx.timeZone);
  const errors: UserError[] = [];
  const lines = v.lines.map((line, i) => {
    const partId = idOfType(line.partId, 'Part');
    if (partId === null) errors.push({ code: 'NOT_FOUND', field: ['input', 'lines', String(i), 'partId'], message: msg`No part with this id.` });
    if (!isDate(line.requestedDate)) errors.push({ code: 'INVALID', field: ['input', 'lines', String(i), 'requestedDate'], message: msg`requestedDate must be a date YYYY-MM-DD.` });
    else if (line.requestedDate < today) errors.push({ code: 'INVALID', field: ['input', 'lines', String(i), 'requestedDate'], message: msg`requestedDate cannot be in the past.` });
    return { ...line, partUuid: partId ?? '' };
  });
  if (errors.length > 0) return Promise.resolve(failAll(errors));
  const contractId = v.contractId === null ? null : idOfType(v.contractId, 'Contract');
  if (v.contractId !== null && contractId === null) return Promise.resolve(fail('NOT_FOUND', ['input', 'contractId'], msg`No contract with this id.`));
  const newId = randomUUID();

  return inTransaction(ctx, async (tx) => {
    if (v.idempotencyKey !== null) {
      const claim = await claimIdempotencyKey(tx, { userId: ctx.viewer.id, operation: 'createOrder', key: v.idempotencyKey, input, newId, now: ctx.now() });
      if (!claim.ok) return claim;
      if (!claim.value.first) return ok(await reloadOrder(tx, ctx.viewer, claim.value.resultId));
    }
    let partnerCode: string;
    if (partner.type === 'Supplier') {
      const [supplier] = await tx.select().from(suppliers).where(eq(suppliers.id, partner.id));
      if (!supplier) return fail('NOT_FOUND', ['input', 'partnerId'], msg`No supplier has this id.`);
      if (supplier.status !== 'APPROVED' && supplier.status !== 'CONDITIONAL') {
        return fail('INVALID', ['input', 'partnerId'], msg`Supplier ${supplier.code} is ${supplier.status}; purchase orders go to APPROVED or CONDITIONAL suppliers only.`);
      }
      partnerCode = supplier.code;
    } else {
      const [customer] = await tx.select().from(customers).where(eq(customers.id, partner.id));
      if (!customer) return fail('NOT_FOUND', ['input', 'partnerId'], msg`No customer has this id.`);
      partnerCode = customer.code;
    }
    let currency = v.currency;
    if (contractId !== null) {
      const [contract] = await tx.select().from(contracts).where(eq(contracts.id, contractId));
      const [terms] = contract ? await tx.select().from(contractVersions).where(and(eq(contractVersions.contractId, contract.id), eq(contractVersions.version, contract.inForceVersion ?? contract.version))) : [];
      if (!contract || (partner.type === 'Supplier' ? contract.supplierId : contract.customerId) !== partner.id) return fail('NOT_FOUND', ['input', 'contractId'], msg`No contract with this id for this partner.`);
      const status = readContractStatus(contract.status, terms?.effectiveTo ?? null, today);
      if (status !== 'ACTIVE') return fail('INVALID', ['input', 'contractId'], msg`Contract ${contract.number} is ${status}; orders refer to an ACTIVE contract.`);
      if ((contract.type === 'SALES') !== (v.direction === 'SALES')) return fail('INVALID', ['input', 'contractId'], msg`A ${contract.type} contract does not cover ${v.direction} orders.`);
      if (currency !== null && currency !== contract.currency) return fail('INVALID', ['input', 'currency'], msg`Contract ${contract.number} is in ${contract.currency}.`);
      currency = contract.currency;
    }
    if (currency === null) return fail('INVALID', ['input', 'currency'], msg`Give the currency, or a contract to take it from.`);
    const found = new Set((await tx.select({ id: parts.id }).from(parts).where(inArray(parts.id, lines.map((l) => l.partUuid)))).map((p) => p.id));
    const prices = await contractPrices(tx, today, { column: partner.type === 'Supplier' ? 'supplierId' : 'customerId', id: partner.id }, v.direction, contractId);
    const priced = lines.map((line, i) => {
      if (!found.has(line.partUuid)) {
        errors.push({ code: 'NOT_FOUND', field: ['input', 'lines', String(i), 'partId'], message: msg`No part with this id.` });
        return { ...line, price: '0' };
      }
      const decided = linePrice(line.unitPrice, prices.get(line.partUuid) ?? null);
      if ('error' in decided) {
        errors.push({ code: 'INVALID', field: ['input', 'lines', String(i), 'unitPrice'], message: decided.error });
        return { ...line, price: '0' };
      }
      return { ...line, price: decided.price };
    });
    if (errors.length > 0) return failAll(errors);
    const now = ctx.now();
    const number = await nextNumber(tx, v.direction === 'PURCHASE' ? 'PO' : 'SO', now, 6);
    const [order] = await tx
      .insert(orders)
      .values({
        id: newId,
        number,
        direction: v.direction,
        status: 'DRAFT',
        supplierId: partner.type === 'Supplier' ? partner.id : null,
        customerId: partner.type === 'Customer' ? partner.id : null,
        contractId,
        currency,
        dueDate: priced.map((l) => l.requestedDate).sort()[0]!,
        createdById: ctx.viewer.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(orderLines).values(
      priced.map((l, i) => ({ orderId: newId, lineNumber: i + 1, partId: l.partUuid, quantity: l.quantity, unitPrice: l.price, requestedDate: l.requestedDate })),
    );
    const total = priced.reduce((sum, l) => add(sum, multiply(l.quantity, l.price)), '0');
    await recordOrderActivity(tx, ctx, order!, 'ORDER_CREATED', `${v.direction === 'PURCHASE' ? 'Purchase' : 'Sales'} order ${number} to ${partnerCode} drafted: ${priced.length} lines, ${total} ${currency}.`, { partnerVisible: false });
    return ok(await reloadOrder(tx, ctx.viewer, newId));
  });
}

/** Issue, cancel and close: staff of the owning department, by the lifecycle table. */
function staffTransition(ctx: ServiceContext, input: unknown, action: 'issue' | 'cancel' | 'close'): Promise<Result<OrderView>> {
  const valid = validateInput(orderActionInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const { id, expectedVersion, note } = valid.value;
  return inTransaction(ctx, async (tx) => {
    const order = await lockOrder(tx, ctx.viewer, id);
    if (!order) return notFound();
    if (orderParty(ctx.viewer, order) !== 'COMPANY') throw new Forbidden(msg`Only ${order.direction === 'PURCHASE' ? 'BUYER' : 'SALES'} staff ${action} this order.`);
    const conflict = versionConflict(order, expectedVersion);
    if (conflict) return conflict;
    let step: OrderAction = action;
    if (action === 'close' && order.status !== 'DELIVERED') {
      if (note === null) return fail('INVALID', ['input', 'note'], msg`A ${order.status} order is closed before full delivery only with a reason in note.`);
      step = 'shortClose';
    }
    const to = orderTransition(order.status, step);
    if (to === null) return fail('INVALID_STATE_TRANSITION', ['input', 'id'], msg`A ${order.status} order cannot be ${action === 'issue' ? 'issued' : action === 'cancel' ? 'cancelled' : 'closed'}.`);
    if (action === 'cancel') {
      const [open] = await tx.select({ n: sql<number>`count(*)::int` }).from(deliveries).where(and(eq(deliveries.orderId, order.id), sql`${deliveries.status} <> 'CANCELLED'`));
      if ((open?.n ?? 0) > 0) return fail('INVALID_STATE_TRANSITION', ['input', 'id'], msg`The order has deliveries; cancel them first, or close the order.`);
    }
    const now = ctx.now();
    await tx
      .update(orders)
      .set({ status: to, version: order.version + 1, updatedAt: now, ...(action === 'issue' ? { issuedAt: now } : {}), ...(note ? { note } : {}) })
      .where(eq(orders.id, order.id));
    const kind = { issue: 'ORDER_ISSUED', cancel: 'ORDER_CANCELLED', close: 'ORDER_CLOSED' }[action];
    const verb = { issue: 'issued', cancel: 'cancelled', close: 'closed' }[action];
    await recordOrderActivity(tx, ctx, order, kind, `Order ${order.number} ${verb}${note ? `: ${note}` : '.'}`, { partnerVisible: order.status !== 'DRAFT' || action === 'issue' });
    return ok(await reloadOrder(tx, ctx.viewer, order.id));
  });
}

export const issueOrder = (ctx: ServiceContext, input: unknown) => staffTransition(ctx, input, 'issue');
export const cancelOrder = (ctx: ServiceContext, input: unknown) => staffTransition(ctx, input, 'cancel');
export const closeOrder = (ctx: ServiceContext, input: unknown) => staffTransition(ctx, input, 'close');

/** The partner's answer to an issued order: locks it, checks the party, the version and the step. */
async function partnerAnswer(tx: Tx, ctx: ServiceContext, v: { id: string; expectedVersion: number | null }, action: 'acknowledge' | 'reject'): Promise<Result<{ order: OrderRow; to: OrderStatus }>> {
  const order = await lockOrder(tx, ctx.viewer, v.id);
  if (!order) return notFound();
  if (orderParty(ctx.viewer, order) !== 'PARTNER') throw new Forbidden(msg`The ${order.direction === 'PURCHASE' ? 'supplier' : 'customer'} acknowledges or rejects its order.`);
  const conflict = versionConflict(order, v.expectedVersion);
  if (conflict) return conflict;
  const to = orderTransition(order.status, action);
  if (to === null) return fail('INVALID_STATE_TRANSITION', ['input', 'id'], msg`A ${order.status} order cannot be ${action === 'acknowledge' ? 'acknowledged' : 'rejected'}.`);
  return ok({ order, to });
}

export function acknowledgeOrder(ctx: ServiceContext, input: unknown): Promise<Result<OrderView>> {
  const valid = validateInput(acknowledgeOrderInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  return inTransaction(ctx, async (tx) => {
    const found = await partnerAnswer(tx, ctx, v, 'acknowledge');
    if (!found.ok) return found;
    const { order, to } = found.value;
    const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id));
    const errors: UserError[] = [];
    const confirmations = new Map<string, { quantity: string; date: string }>();
    v.lines.forEach((c, i) => {
      const lineId = idOfType(c.lineId, 'OrderLine');
      if (lineId === null || !lines.some((l) => l.id === lineId)) errors.push({ code: 'NOT_FOUND', field: ['input', 'lines', String(i), 'lineId'], message: msg`No line of this order has this id.` });
      else if (!isDate(c.confirmedDate)) errors.push({ code: 'INVALID', field: ['input', 'lines', String(i), 'confirmedDate'], message: msg`confirmedDate must be a date YYYY-MM-DD.` });
      else confirmations.set(lineId, { quantity: c.confirmedQuantity, date: c.confirmedDate });
    });
    if (errors.length > 0) return failAll(errors);
    for (const line of lines) {
      const c = confirmations.get(line.id);
      await tx
        .update(orderLines)
        .set({ confirmedQuantity: c?.quantity ?? line.quantity, confirmedDate: c?.date ?? line.requestedDate })
        .where(eq(orderLines.id, line.id));
    }
    const now = ctx.now();
    await tx.update(orders).set({ status: to, acknowledgedAt: now, version: order.version + 1, updatedAt: now }).where(eq(orders.id, order.id));
    const changed = [...confirmations.entries()].filter(([id, c]) => {
      const line = lines.find((l) => l.id === id)!;
      return compare(c.quantity, line.quantity) !== 0 || c.date !== line.requestedDate;
    }).length;
    await recordOrderActivity(tx, ctx, order, 'ORDER_ACKNOWLEDGED', `Order ${order.number} acknowledged by ${ctx.viewer.name}${changed > 0 ? ` with ${changed} line(s) confirmed differently` : ' as requested'}.`);
    return ok(await reloadOrder(tx, ctx.viewer, order.id));
  });
}

export function rejectOrder(ctx: ServiceContext, input: unknown): Promise<Result<OrderView>> {
  const valid = validateInput(rejectOrderInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  return inTransaction(ctx, async (tx) => {
    const found = await partnerAnswer(tx, ctx, v, 'reject');
    if (!found.ok) return found;
    const { order, to } = found.value;
    const now = ctx.now();
    await tx.update(orders).set({ status: to, note: v.reason, version: order.version + 1, updatedAt: now }).where(eq(orders.id, order.id));
    await recordOrderActivity(tx, ctx, order, 'ORDER_REJECTED', `Order ${order.number} rejected by ${ctx.viewer.name}: ${v.reason}`);
    return ok(await reloadOrder(tx, ctx.viewer, order.id));
  });
}

export function requestOrderChange(ctx: ServiceContext, input: unknown): Promise<Result<OrderChangeRequestRow>> {
  const valid = validateInput(requestOrderChangeInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  return inTransaction(
    ctx,
    async (tx) => {
      const order = await lockOrder(tx, ctx.viewer, v.orderId);
      if (!order) return notFound('orderId');
      const party = orderParty(ctx.viewer, order);
      if (party === null) throw new Forbidden(msg`Changes to this order are requested by ${order.direction === 'PURCHASE' ? 'BUYER' : 'SALES'} staff or by the partner.`);
      const conflict = versionConflict(order, v.expectedVersion);
      if (conflict) return conflict;
      if (orderTransition(order.status, 'requestChange') === null) return fail('INVALID_STATE_TRANSITION', ['input', 'orderId'], msg`A ${order.status} order takes no change requests.`);
      const [pending] = await tx.select({ id: orderChangeRequests.id }).from(orderChangeRequests).where(and(eq(orderChangeRequests.orderId, order.id), eq(orderChangeRequests.status, 'PENDING')));
      if (pending) return fail('INVALID_STATE_TRANSITION', ['input', 'orderId'], msg`The order already has a PENDING change request; it must be answered or withdrawn first.`);
      const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id));
      const checked = checkLineChanges(lines, v.changes);
      if (!checked.ok) return checked;
      if (v.respondBy !== null && v.respondBy.getTime() <= ctx.now().getTime()) return fail('INVALID', ['input', 'respondBy'], msg`respondBy must be in the future.`);
      const now = ctx.now();
      const [request] = await tx
        .insert(orderChangeRequests)
        .values({ orderId: order.id, requestedBy: party, requestedById: ctx.viewer.id, reason: v.reason, status: 'PENDING', respondBy: v.respondBy, createdAt: now })
        .returning();
      await tx.insert(orderLineChanges).values(checked.value.map((c) => ({ changeRequestId: request!.id, lineId: c.lineId, quantity: c.quantity, requestedDate: c.requestedDate, unitPrice: c.unitPrice })));
      await tx.update(orders).set({ updatedAt: now }).where(eq(orders.id, order.id));
      await recordOrderActivity(tx, ctx, order, 'ORDER_CHANGE_REQUESTED', `${party === 'COMPANY' ? 'The company' : 'The partner'} asks to change order ${order.number} (${checked.value.length} line(s)): ${v.reason}`, { detailId: request!.id });
      return ok(request!);
    },
    { code: 'INVALID_STATE_TRANSITION', field: ['input', 'orderId'], message: msg`The order already has a PENDING change request; it must be answered or withdrawn first.` },
  );
}

type LineChangeInput = { lineId: string; quantity: string | null; requestedDate: string | null; unitPrice: string | null };

/** A change may not touch a fully delivered line, nor cut a quantity below what was delivered. */
function checkLineChanges(lines: OrderLineRow[], changes: LineChangeInput[]): Result<(LineChangeInput & { lineId: string })[]> {
  const errors: UserError[] = [];
  const seen = new Set<string>();
  const decoded = changes.map((c, i) => {
    const lineId = idOfType(c.lineId, 'OrderLine');
    const line = lines.find((l) => l.id === lineId);
    const at = (f: string) => ['input', 'changes', String(i), f];
    if (!line || lineId === null) errors.push({ code: 'NOT_FOUND', field: at('lineId'), message: msg`No line of this order has this id.` });
    else if (seen.has(lineId)) errors.push({ code: 'INVALID', field: at('lineId'), message: msg`Each line is changed once per request.` });
    else if (compare(line.deliveredQuantity, effectiveQuantity(line)) >= 0) errors.push({ code: 'INVALID_STATE_TRANSITION', field: at('lineId'), message: msg`Line ${line.lineNumber} is fully delivered and cannot change.` });
    else if (c.quantity !== null && compare(c.quantity, line.deliveredQuantity) < 0) errors.push({ code: 'INVALID', field: at('quantity'), message: msg`Line ${line.lineNumber} has ${line.deliveredQuantity} delivered already; the quantity cannot go below that.` });
    else if (c.requestedDate !== null && !isDate(c.requestedDate)) errors.push({ code: 'INVALID', field: at('requestedDate'), message: msg`requestedDate must be a date YYYY-MM-DD.` });
    if (lineId !== null) seen.add(lineId);
    return { ...c, lineId: lineId ?? '' };
  });
  return errors.length > 0 ? failAll(errors) : ok(decoded);
}

async function lockChangeRequest(tx: Tx, ctx: ServiceContext, globalId: string) {
  const id = idOfType(globalId, 'OrderChangeRequest');
  if (id === null) return undefined;
  const [request] = await tx.select().from(orderChangeRequests).where(eq(orderChangeRequests.id, id));
  if (!request) return undefined;
  const order = await lockOrder(tx, ctx.viewer, toGlobalId('Order', request.orderId));
  if (!order) return undefined;
  const [locked] = await tx.select().from(orderChangeRequests).where(eq(orderChangeRequests.id, id)).for('update');
  return { request: locked!, order };
}

export function respondToOrderChange(ctx: ServiceContext, input: unknown): Promise<Result<OrderChangeRequestRow>> {
  const valid = validateInput(respondToOrderChangeInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  return inTransaction(ctx, async (tx) => {
    const found = await lockChangeRequest(tx, ctx, v.id);
    if (!found) return fail('NOT_FOUND', ['input', 'id'], msg`No change request with this id.`);
    const { request, order } = found;
    const party = orderParty(ctx.viewer, order);
    if (party === null) throw new Forbidden(msg`Only the two sides of the order answer its change requests.`);
    if (party === request.requestedBy) throw new Forbidden(msg`A change request is answered by the other side; the requester may withdraw it.`);
    if (request.status !== 'PENDING') return fail('INVALID_STATE_TRANSITION', ['input', 'id'], msg`This change request is ${request.status}.`);
    if (!v.accept && v.note === null) return fail('INVALID', ['input', 'note'], msg`Say why the change is rejected.`);
    const now = ctx.now();
    if (v.accept) {
      const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id));
      const changes = await tx.select().from(orderLineChanges).where(eq(orderLineChanges.changeRequestId, request.id));
      const checked = checkLineChanges(
        lines,
        changes.map((c) => ({ lineId: toGlobalId('OrderLine', c.lineId), quantity: c.quantity, requestedDate: c.requestedDate, unitPrice: c.unitPrice })),
      );
      if (!checked.ok) return fail('INVALID_STATE_TRANSITION', ['input', 'id'], msg`The order moved on since the request: ${checked.errors[0]!.message}`);
      for (const c of changes) {
        const line = lines.find((l) => l.id === c.lineId)!;
        // What both sides agreed is both the order and its confirmation.
        await tx
          .update(orderLines)
          .set({
            ...(c.quantity !== null ? { quantity: c.quantity, confirmedQuantity: line.confirmedQuantity === null ? null : c.quantity } : {}),
            ...(c.requestedDate !== null ? { requestedDate: c.requestedDate, confirmedDate: line.confirmedDate === null ? null : c.requestedDate } : {}),
            ...(c.unitPrice !== null ? { unitPrice: c.unitPrice } : {}),
          })
          .where(eq(orderLines.id, c.lineId));
      }
      const [due] = await tx.select({ d: sql<string>`min(${orderLines.requestedDate})::text` }).from(orderLines).where(eq(orderLines.orderId, order.id));
      await tx.update(orders).set({ version: order.version + 1, dueDate: due!.d, updatedAt: now }).where(eq(orders.id, order.id));
    } else {
      await tx.update(orders).set({ updatedAt: now }).where(eq(orders.id, order.id));
    }
    const [decided] = await tx
      .update(orderChangeRequests)
      .set({ status: v.accept ? 'ACCEPTED' : 'REJECTED', decidedAt: now, decidedByName: ctx.viewer.name, decisionNote: v.note })
      .where(eq(orderChangeRequests.id, request.id))
      .returning();
    await recordOrderActivity(tx, ctx, order, v.accept ? 'ORDER_CHANGE_ACCEPTED' : 'ORDER_CHANGE_REJECTED', `Change to order ${order.number} ${v.accept ? 'accepted' : 'rejected'} by ${ctx.viewer.name}${v.note ? `: ${v.note}` : '.'}`, { detailId: request.id });
    return ok(decided!);
  });
}

export function withdrawOrderChange(ctx: ServiceContext, input: unknown): Promise<Result<OrderChangeRequestRow>> {
  const valid = validateInput(changeRequestActionInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  return inTransaction(ctx, async (tx) => {
    const found = await lockChangeRequest(tx, ctx, valid.value.id);
    if (!found) return fail('NOT_FOUND', ['input', 'id'], msg`No change request with this id.`);
    const { request, order } = found;
    if (orderParty(ctx.viewer, order) !== request.requestedBy) throw new Forbidden(msg`Only the side that asked for a change may withdraw it.`);
    if (request.status !== 'PENDING') return fail('INVALID_STATE_TRANSITION', ['input', 'id'], msg`This change request is ${request.status}.`);
    const now = ctx.now();
    const [withdrawn] = await tx
      .update(orderChangeRequests)
      .set({ status: 'WITHDRAWN', decidedAt: now, decidedByName: ctx.viewer.name, decisionNote: valid.value.note })
      .where(eq(orderChangeRequests.id, request.id))
      .returning();
    await tx.update(orders).set({ updatedAt: now }).where(eq(orders.id, order.id));
    await recordOrderActivity(tx, ctx, order, 'ORDER_CHANGE_WITHDRAWN', `Change request on order ${order.number} withdrawn.`, { detailId: request.id });
    return ok(withdrawn!);
  });
}
