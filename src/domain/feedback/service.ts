import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { hasAnyRole, type Viewer } from '../../auth/viewer.js';
import type { Tx } from '../../db/client.js';
import { type CustomerFeedbackRow, customerFeedback, customers, nonconformances } from '../../db/schema/index.js';
import { visibility } from '../../db/scope.js';
import { recordActivity } from '../activity/record.js';
import { Forbidden } from '../shared/errors.js';
import { claimIdempotencyKey } from '../shared/idempotency.js';
import { idOfType } from '../shared/ids.js';
import { nextNumber } from '../shared/numbers.js';
import { fail, ok, type Result } from '../shared/result.js';
import { inTransaction, type ServiceContext } from '../shared/service.js';
import { validateInput } from '../shared/validation.js';
import { checkFeedbackStep, checkNonconformanceLink, type FeedbackAction, type FeedbackActor, feedbackStepRecord, impliedStart } from './lifecycle.js';
import { addServiceDuration, feedbackDeadlines, standardFor } from './service-standards.js';
import { closeFeedbackInput, feedbackActionInput, recordFeedbackInput } from './validation.js';
import { msg } from '../../i18n/message.js';

// Customer feedback: recorded by the customer or by sales staff, handled against the service
// standards, traced to a nonconformance when a complaint has a cause to find, closed by the customer.
// Every step is an activity row for the customer (never for a supplier).

function actorOf(viewer: Viewer, feedback: CustomerFeedbackRow): FeedbackActor | null {
  const org = viewer.organization;
  if (org !== null) return org.type === 'Customer' && org.id === feedback.customerId ? 'CUSTOMER' : null;
  if (hasAnyRole(viewer, ['ADMIN', 'SALES'])) return 'SALES';
  return hasAnyRole(viewer, ['QUALITY_ENGINEER']) ? 'QUALITY' : null;
}

async function record(tx: Tx, ctx: ServiceContext, feedback: CustomerFeedbackRow, kind: string, summary: string) {
  await recordActivity(tx, ctx.viewer, ctx.now(), { kind, subjectType: 'CustomerFeedback', subjectId: feedback.id, customerId: feedback.customerId, summary });
}

export function recordFeedback(ctx: ServiceContext, input: unknown): Promise<Result<CustomerFeedbackRow>> {
  const valid = validateInput(recordFeedbackInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  const customerId = idOfType(v.customerId, 'Customer');
  if (customerId === null) return Promise.resolve(fail('NOT_FOUND', ['input', 'customerId'], msg`No customer with this id.`));
  const byStaff = ctx.viewer.organization === null;
  if (byStaff && v.channel === null) return Promise.resolve(fail('INVALID', ['input', 'channel'], msg`Note the channel the feedback came through, e.g. PHONE, EMAIL or VISIT.`));
  const newId = randomUUID();
  return inTransaction(ctx, async (tx) => {
    const [customer] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.id, customerId), visibility(ctx.viewer).customers));
    if (!customer) return fail('NOT_FOUND', ['input', 'customerId'], msg`No customer with this id.`);
    if (v.idempotencyKey !== null) {
      const claim = await claimIdempotencyKey(tx, { userId: ctx.viewer.id, operation: 'recordFeedback', key: v.idempotencyKey, input, newId, now: ctx.now() });
      if (!claim.ok) return claim;
      if (!claim.value.first) return ok((await tx.select().from(customerFeedback).where(eq(customerFeedback.id, claim.value.resultId)))[0]!);
    }
    const now = ctx.now();
    const number = await nextNumber(tx, 'FB', now);
    const [feedback] = await tx
      .insert(customerFeedback)
      .values({
        id: newId,
        number,
        customerId,
        kind: v.kind,
        channel: v.channel ?? 'PORTAL',
        subject: v.subject,
        description: v.description,
        severity: v.severity,
        receivedAt: now,
        ...feedbackDeadlines(ctx.serviceStandards, v.kind, v.severity, now, ctx.timeZone, ctx.calendar),
        recordedById: ctx.viewer.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await record(tx, ctx, feedback!, 'FEEDBACK_RECEIVED', `${v.severity ? `${v.severity} ` : ''}${v.kind} ${number} received: ${v.subject}`);
    return ok(feedback!);
  });
}

async function lockFeedback(tx: Tx, viewer: Viewer, globalId: string): Promise<CustomerFeedbackRow | undefined> {
  const id = idOfType(globalId, 'CustomerFeedback');
  if (id === null) return undefined;
  const [row] = await tx
    .select()
    .from(customerFeedback)
    .where(and(eq(customerFeedback.id, id), visibility(viewer).customerFeedback))
    .for('update');
  return row;
}

const activityKinds: Record<FeedbackAction, string> = { ACKNOWLEDGE: 'FEEDBACK_ACKNOWLEDGED', START: 'FEEDBACK_STARTED', RESOLVE: 'FEEDBACK_RESOLVED', CLOSE: 'FEEDBACK_CLOSED', REOPEN: 'FEEDBACK_REOPENED' };

interface ActionInput {
  id: string;
  note: string | null;
  resolution: string | null;
  nonconformanceId: string | null;
  satisfactionRating: number | null;
}

/** One workflow step, with an optional link to the complaint's nonconformance, in one transaction. */
function takeStep(ctx: ServiceContext, action: FeedbackAction, v: ActionInput): Promise<Result<CustomerFeedbackRow>> {
  return inTransaction(ctx, async (tx) => {
    const feedback = await lockFeedback(tx, ctx.viewer, v.id);
    if (!feedback) return fail('NOT_FOUND', ['input', 'id'], msg`No feedback with this id.`);
    const actor = actorOf(ctx.viewer, feedback);
    if (actor === null) throw new Forbidden(msg`Sales or quality staff handle customer feedback.`);
    const now = ctx.now();
    const step = checkFeedbackStep(action, feedback.status, actor, { resolution: v.resolution, note: v.note, resolvedAt: feedback.resolvedAt }, now);
    if (step.refusal?.code === 'FORBIDDEN') throw new Forbidden(step.refusal.message);
    if (step.refusal) return fail(step.refusal.code, ['input', step.refusal.field], step.refusal.message);

    let nonconformanceId = feedback.nonconformanceId;
    let linked: string | null = null;
    if (v.nonconformanceId !== null) {
      if (actor === 'CUSTOMER') return fail('INVALID', ['input', 'nonconformanceId'], msg`Staff link a complaint to the nonconformance opened for it.`);
      const ncId = idOfType(v.nonconformanceId, 'Nonconformance');
      const [nc] = ncId === null ? [] : await tx.select({ id: nonconformances.id, number: nonconformances.number, source: nonconformances.source, customerId: nonconformances.customerId }).from(nonconformances).where(eq(nonconformances.id, ncId));
      if (!nc) return fail('NOT_FOUND', ['input', 'nonconformanceId'], msg`No nonconformance with this id.`);
      const refusal = checkNonconformanceLink(feedback.kind, feedback.customerId, nc);
      if (refusal) return fail('INVALID', ['input', 'nonconformanceId'], refusal);
      if (nc.id !== feedback.nonconformanceId) linked = nc.number;
      nonconformanceId = nc.id;
    }

    const recorded = feedbackStepRecord(action, now, {
      resolution: v.resolution,
      satisfactionRating: v.satisfactionRating,
      resolveByFromNow: () => addServiceDuration(now, standardFor(ctx.serviceStandards, feedback.kind, feedback.severity).resolveWithin, ctx.timeZone, ctx.calendar),
    });
    const [updated] = await tx
      .update(customerFeedback)
      .set({ ...recorded, status: step.to, nonconformanceId, version: feedback.version + 1, updatedAt: now })
      .where(eq(customerFeedback.id, feedback.id))
      .returning();

    if (impliedStart(action, feedback.status)) await record(tx, ctx, updated!, activityKinds.START, `${feedback.number} ${feedback.status} -> IN_PROGRESS, implied by its resolution.`);
    const detail = action === 'RESOLVE' ? `: ${v.resolution}` : action === 'CLOSE' && v.satisfactionRating !== null ? ` (rated ${v.satisfactionRating} of 5)` : v.note ? `: ${v.note}` : '.';
    await record(tx, ctx, updated!, activityKinds[action], `${feedback.number} ${feedback.status} -> ${step.to}${detail}`);
    if (linked !== null) await record(tx, ctx, updated!, 'FEEDBACK_LINKED', `${feedback.number} traced to nonconformance ${linked}.`);
    return ok(updated!);
  });
}

function actionFromInput(action: Exclude<FeedbackAction, 'CLOSE'>) {
  return (ctx: ServiceContext, input: unknown): Promise<Result<CustomerFeedbackRow>> => {
    const valid = validateInput(feedbackActionInput, input);
    if (!valid.ok) return Promise.resolve(valid);
    return takeStep(ctx, action, { ...valid.value, satisfactionRating: null });
  };
}

export const acknowledgeFeedback = actionFromInput('ACKNOWLEDGE');
export const startFeedback = actionFromInput('START');
export const resolveFeedback = actionFromInput('RESOLVE');
export const reopenFeedback = actionFromInput('REOPEN');

export function closeFeedback(ctx: ServiceContext, input: unknown): Promise<Result<CustomerFeedbackRow>> {
  const valid = validateInput(closeFeedbackInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  return takeStep(ctx, 'CLOSE', { id: valid.value.id, note: null, resolution: null, nonconformanceId: null, satisfactionRating: valid.value.satisfactionRating });
}
