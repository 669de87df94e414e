import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { hasAnyRole, type Viewer } from '../../auth/viewer.js';
import type { Tx } from '../../db/client.js';
import { customers, deliveries, deliveryLines, type NonconformanceRow, nonconformanceHistory, nonconformances, orderLines, orders, parts, suppliers } from '../../db/schema/index.js';
import { visibility } from '../../db/scope.js';
import { recordActivity } from '../activity/record.js';
import { calendarDate } from '../shared/dates.js';
import { Forbidden } from '../shared/errors.js';
import { claimIdempotencyKey } from '../shared/idempotency.js';
import { idOfType } from '../shared/ids.js';
import { nextNumber } from '../shared/numbers.js';
import { fail, ok, type Result } from '../shared/result.js';
import { inTransaction, type ServiceContext } from '../shared/service.js';
import { validateInput } from '../shared/validation.js';
import { findGoverningAgreement } from '../quality/governing.js';
import { type Actor, checkNonconformanceStep, dueDates } from './lifecycle.js';
import { reportNonconformanceInput, respondToNonconformanceInput, transitionNonconformanceInput } from './validation.js';
import { msg } from '../../i18n/message.js';

// Nonconformances: reported by staff, answered by the responsible supplier (containment, root cause,
// corrective and preventive action), moved through the workflow table, each change a history entry
// and an activity row that the supplier (and the customer it was raised for) may see. Both may see the
// same activity row, so its summary names neither organisation and carries no notes: notes stay in
// the history, which the customer sees without them.

const QUALITY_ROLES = ['ADMIN', 'QUALITY_ENGINEER'] as const;

function actorOf(viewer: Viewer, nc: NonconformanceRow): Actor | null {
  if (viewer.organization === null) return hasAnyRole(viewer, QUALITY_ROLES) ? 'QUALITY' : null;
  return viewer.organization.type === 'Supplier' && viewer.organization.id === nc.supplierId ? 'SUPPLIER' : null;
}

async function lockNonconformance(tx: Tx, viewer: Viewer, globalId: string): Promise<NonconformanceRow | undefined> {
  const id = idOfType(globalId, 'Nonconformance');
  if (id === null) return undefined;
  const [row] = await tx
    .select()
    .from(nonconformances)
    .where(and(eq(nonconformances.id, id), visibility(viewer).nonconformances))
    .for('update');
  return row;
}

async function record(tx: Tx, ctx: ServiceContext, nc: NonconformanceRow, kind: string, summary: string, partnerVisible = true) {
  await recordActivity(tx, ctx.viewer, ctx.now(), {
    kind,
    subjectType: 'Nonconformance',
    subjectId: nc.id,
    supplierId: nc.supplierId,
    customerId: nc.customerId,
    orderId: nc.orderId,
    partnerVisible,
    summary,
  });
}

export interface NewNonconformance {
  id?: string;
  source: NonconformanceRow['source'];
  severity: NonconformanceRow['severity'];
  partId: string;
  supplierId: string | null;
  customerId: string | null;
  orderId: string | null;
  deliveryId: string | null;
  inspectionId: string | null;
  quantityAffected: string;
  description: string;
}

/**
 * Opens a nonconformance inside the caller's transaction: due dates from the quality agreement that
 * governs the supplier's part (else the defaults), a number, the first history entry and its activity.
 */
export async function openNonconformance(tx: Tx, ctx: ServiceContext, v: NewNonconformance, partNumber: string): Promise<NonconformanceRow> {
  const now = ctx.now();
  const agreement = v.supplierId === null ? null : await findGoverningAgreement(tx, v.supplierId, v.partId, calendarDate(now, ctx.timeZone));
  const due = v.supplierId === null ? { containmentDueAt: null, correctiveActionDueAt: null } : dueDates(now, agreement);
  const number = await nextNumber(tx, 'NCR', now);
  const [nc] = await tx
    .insert(nonconformances)
    .values({ ...v, number, ...due, reportedById: ctx.viewer.id, createdAt: now, updatedAt: now })
    .returning();
  await tx.insert(nonconformanceHistory).values({ nonconformanceId: nc!.id, at: now, byName: ctx.viewer.name, byOrganizationId: ctx.viewer.organization?.id ?? null, fromStatus: null, toStatus: 'OPEN', note: v.description });
  await record(tx, ctx, nc!, 'NONCONFORMANCE_REPORTED', `${v.severity} nonconformance ${number} on part ${partNumber} reported (${v.quantityAffected} affected).`);
  return nc!;
}

export function reportNonconformance(ctx: ServiceContext, input: unknown): Promise<Result<NonconformanceRow>> {
  const valid = validateInput(reportNonconformanceInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  if (ctx.viewer.organization !== null) throw new Forbidden(msg`Nonconformances are reported by staff.`);
  const decode = (value: string | null, type: Parameters<typeof idOfType>[1]) => (value === null ? null : idOfType(value, type));
  const ids = {
    partId: decode(v.partId, 'Part'),
    supplierId: decode(v.supplierId, 'Supplier'),
    customerId: decode(v.customerId, 'Customer'),
    orderId: decode(v.orderId, 'Order'),
    deliveryId: decode(v.deliveryId, 'Delivery'),
  };
  for (const [field, value] of Object.entries(ids)) {
    const given = v[field as keyof typeof ids];
    if (given !== null && value === null) return Promise.resolve(fail('NOT_FOUND', ['input', field], msg`No record with this ${field}.`));
  }
  if (v.source === 'CUSTOMER_COMPLAINT' && ids.customerId === null) return Promise.resolve(fail('INVALID', ['input', 'customerId'], msg`A customer complaint names the customer.`));
  if ((v.source === 'INCOMING_INSPECTION' || v.source === 'SUPPLIER_AUDIT') && ids.supplierId === null) {
    return Promise.resolve(fail('INVALID', ['input', 'supplierId'], msg`A ${v.source} nonconformance names the supplier.`));
  }
  const newId = randomUUID();
  return inTransaction(ctx, async (tx) => {
    if (v.idempotencyKey !== null) {
      const claim = await claimIdempotencyKey(tx, { userId: ctx.viewer.id, operation: 'reportNonconformance', key: v.idempotencyKey, input, newId, now: ctx.now() });
      if (!claim.ok) return claim;
      if (!claim.value.first) return ok((await tx.select().from(nonconformances).where(eq(nonconformances.id, claim.value.resultId)))[0]!);
    }
    const [part] = await tx.select().from(parts).where(eq(parts.id, ids.partId!));
    if (!part) return fail('NOT_FOUND', ['input', 'partId'], msg`No part with this id.`);
    const exists = async (table: typeof suppliers | typeof customers | typeof orders | typeof deliveries, id: string | null) => id === null || (await tx.select({ id: table.id }).from(table).where(eq(table.id, id))).length === 1;
    if (!(await exists(suppliers, ids.supplierId))) return fail('NOT_FOUND', ['input', 'supplierId'], msg`No supplier with this id.`);
    if (!(await exists(customers, ids.customerId))) return fail('NOT_FOUND', ['input', 'customerId'], msg`No customer with this id.`);
    if (!(await exists(orders, ids.orderId))) return fail('NOT_FOUND', ['input', 'orderId'], msg`No order with this id.`);
    if (!(await exists(deliveries, ids.deliveryId))) return fail('NOT_FOUND', ['input', 'deliveryId'], msg`No delivery with this id.`);
    // The order and delivery named must be the named supplier's or customer's: the trace to a lot holds.
    for (const field of ['orderId', 'deliveryId'] as const) {
      const id = ids[field];
      if (id === null) continue;
      const [order] = await tx
        .select({ id: orders.id, supplierId: orders.supplierId, customerId: orders.customerId })
        .from(orders)
        .where(field === 'orderId' ? eq(orders.id, id) : eq(orders.id, tx.select({ orderId: deliveries.orderId }).from(deliveries).where(eq(deliveries.id, id))));
      const belongs = (ids.supplierId !== null && order!.supplierId === ids.supplierId) || (ids.customerId !== null && order!.customerId === ids.customerId);
      if (!belongs) return fail('INVALID', ['input', field], msg`The ${field === 'orderId' ? 'order' : "delivery's order"} is not with the supplier or customer named.`);
      if (field === 'orderId' && ids.deliveryId !== null) {
        const [d] = await tx.select({ orderId: deliveries.orderId }).from(deliveries).where(eq(deliveries.id, ids.deliveryId));
        if (d!.orderId !== id) return fail('INVALID', ['input', 'deliveryId'], msg`The delivery is not against the order named.`);
      }
    }
    // The part must be on the delivery (or, without one, the order) named: the trace is to that lot.
    if (ids.deliveryId !== null || ids.orderId !== null) {
      const onLines =
        ids.deliveryId !== null
          ? await tx
              .select({ id: deliveryLines.orderLineId })
              .from(deliveryLines)
              .innerJoin(orderLines, eq(orderLines.id, deliveryLines.orderLineId))
              .where(and(eq(deliveryLines.deliveryId, ids.deliveryId), eq(orderLines.partId, part.id)))
              .limit(1)
          : await tx
              .select({ id: orderLines.id })
              .from(orderLines)
              .where(and(eq(orderLines.orderId, ids.orderId!), eq(orderLines.partId, part.id)))
              .limit(1);
      if (onLines.length === 0) return fail('INVALID', ['input', 'partId'], msg`Part ${part.partNumber} is not on the ${ids.deliveryId !== null ? 'delivery' : 'order'} named.`);
    }
    return ok(await openNonconformance(tx, ctx, { id: newId, source: v.source, severity: v.severity, ...ids, partId: ids.partId!, inspectionId: null, quantityAffected: v.quantityAffected, description: v.description }, part.partNumber));
  });
}

export function respondToNonconformance(ctx: ServiceContext, input: unknown): Promise<Result<NonconformanceRow>> {
  const valid = validateInput(respondToNonconformanceInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const { id, ...response } = valid.value;
  return inTransaction(ctx, async (tx) => {
    const nc = await lockNonconformance(tx, ctx.viewer, id);
    if (!nc) return fail('NOT_FOUND', ['input', 'id'], msg`No nonconformance with this id.`);
    if (actorOf(ctx.viewer, nc) === null) throw new Forbidden(msg`The responsible supplier or quality engineers respond to a nonconformance.`);
    if (nc.status === 'CLOSED' || nc.status === 'CANCELLED') return fail('INVALID_STATE_TRANSITION', ['input', 'id'], msg`A ${nc.status} nonconformance takes no more responses.`);
    const set = Object.fromEntries(Object.entries(response).filter(([, value]) => value !== null));
    const now = ctx.now();
    const [updated] = await tx
      .update(nonconformances)
      .set({ ...set, version: nc.version + 1, updatedAt: now })
      .where(eq(nonconformances.id, nc.id))
      .returning();
    await record(tx, ctx, nc, 'NONCONFORMANCE_RESPONSE_SUBMITTED', `${nc.number}: ${Object.keys(set).join(', ')} recorded.`);
    return ok(updated!);
  });
}

export function transitionNonconformance(ctx: ServiceContext, input: unknown): Promise<Result<NonconformanceRow>> {
  const valid = validateInput(transitionNonconformanceInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  return inTransaction(ctx, async (tx) => {
    const nc = await lockNonconformance(tx, ctx.viewer, v.id);
    if (!nc) return fail('NOT_FOUND', ['input', 'id'], msg`No nonconformance with this id.`);
    const actor = actorOf(ctx.viewer, nc);
    if (actor === null) throw new Forbidden(msg`The responsible supplier or quality engineers move a nonconformance.`);
    const facts = {
      containment: nc.containment,
      rootCause: nc.rootCause,
      correctiveAction: nc.correctiveAction,
      verification: v.verification ?? nc.verification,
      disposition: v.disposition ?? nc.disposition,
      responsibility: v.responsibility ?? nc.responsibility,
    };
    const refusal = checkNonconformanceStep(nc.status, v.to, actor, facts, v.note);
    if (refusal?.code === 'FORBIDDEN') throw new Forbidden(refusal.message);
    if (refusal) return fail(refusal.code, ['input', refusal.field], refusal.message);
    const now = ctx.now();
    const [updated] = await tx
      .update(nonconformances)
      .set({
        status: v.to,
        verification: facts.verification,
        disposition: facts.disposition,
        responsibility: facts.responsibility,
        version: nc.version + 1,
        updatedAt: now,
        ...(v.to === 'CONTAINED' && nc.containedAt === null ? { containedAt: now } : {}),
        ...(v.to === 'CORRECTIVE_ACTION' && nc.correctiveActionAt === null ? { correctiveActionAt: now } : {}),
      })
      .where(eq(nonconformances.id, nc.id))
      .returning();
    await tx.insert(nonconformanceHistory).values({ nonconformanceId: nc.id, at: now, byName: ctx.viewer.name, byOrganizationId: ctx.viewer.organization?.id ?? null, fromStatus: nc.status, toStatus: v.to, note: v.note });
    await record(tx, ctx, nc, 'NONCONFORMANCE_STATUS_CHANGED', `${nc.number} ${nc.status} -> ${v.to}.`);
    return ok(updated!);
  });
}
