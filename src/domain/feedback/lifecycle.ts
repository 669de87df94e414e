import { type Message, msg } from '../../i18n/message.js';
/**
 * Customer feedback workflow: RECEIVED -> ACKNOWLEDGED -> IN_PROGRESS -> RESOLVED -> CLOSED.
 * Acknowledged feedback may also be resolved at once: the work in progress is then implied (and
 * recorded as started at the same moment), so that a client that never tracks progress can finish it.
 * Staff who handle feedback (sales, quality) acknowledge, work on and resolve it; the customer, or
 * sales staff on its behalf, closes a resolved item with an optional 1..5 rating, or reopens it to
 * IN_PROGRESS within REOPEN_WINDOW_DAYS of the resolution instead of closing it.
 */
export const feedbackStatuses = ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'] as const;
export type FeedbackStatus = (typeof feedbackStatuses)[number];

export const feedbackKinds = ['COMPLAINT', 'SUGGESTION', 'PRAISE', 'INQUIRY'] as const;
export type FeedbackKind = (typeof feedbackKinds)[number];

/** CUSTOMER: a user of the customer the feedback belongs to. SALES includes ADMIN. */
export type FeedbackActor = 'CUSTOMER' | 'SALES' | 'QUALITY';

export type FeedbackAction = 'ACKNOWLEDGE' | 'START' | 'RESOLVE' | 'CLOSE' | 'REOPEN';

export const REOPEN_WINDOW_DAYS = 14;

export interface FeedbackFacts {
  resolution: string | null;
  note: string | null;
  resolvedAt: Date | null;
}

interface Step {
  action: FeedbackAction;
  from: FeedbackStatus;
  to: FeedbackStatus;
  by: readonly FeedbackActor[];
  /** What must hold first; names the input field at fault. */
  needs: (facts: FeedbackFacts, now: Date) => { field: string; message: Message } | null;
}

const HANDLERS = ['SALES', 'QUALITY'] as const;
const CUSTOMER_SIDE = ['CUSTOMER', 'SALES'] as const;
const nothing = () => null;
const resolutionGiven = (f: FeedbackFacts) => (f.resolution ? null : { field: 'resolution', message: msg`Say how it was resolved: the answer the customer gets.` });

export const feedbackSteps: readonly Step[] = [
  { action: 'ACKNOWLEDGE', from: 'RECEIVED', to: 'ACKNOWLEDGED', by: HANDLERS, needs: nothing },
  { action: 'START', from: 'ACKNOWLEDGED', to: 'IN_PROGRESS', by: HANDLERS, needs: nothing },
  { action: 'RESOLVE', from: 'IN_PROGRESS', to: 'RESOLVED', by: HANDLERS, needs: resolutionGiven },
  { action: 'RESOLVE', from: 'ACKNOWLEDGED', to: 'RESOLVED', by: HANDLERS, needs: resolutionGiven },
  { action: 'CLOSE', from: 'RESOLVED', to: 'CLOSED', by: CUSTOMER_SIDE, needs: nothing },
  {
    action: 'REOPEN',
    from: 'RESOLVED',
    to: 'IN_PROGRESS',
    by: CUSTOMER_SIDE,
    needs: (f, now) =>
      !f.note
        ? { field: 'note', message: msg`Say why the resolution does not settle it.` }
        : f.resolvedAt !== null && now.getTime() > f.resolvedAt.getTime() + REOPEN_WINDOW_DAYS * 86_400_000
          ? { field: 'id', message: msg`A resolution can be reopened within ${REOPEN_WINDOW_DAYS} days; this one is older. Record new feedback instead.` }
          : null,
  },
];

export type FeedbackRefusal = { code: 'INVALID_STATE_TRANSITION' | 'INVALID' | 'FORBIDDEN'; field: string; message: Message };

const verbs: Record<FeedbackAction, string> = { ACKNOWLEDGE: 'acknowledged', START: 'started', RESOLVE: 'resolved', CLOSE: 'closed', REOPEN: 'reopened' };

/** The step an action takes from a status, or why it may not be taken; null refusal means go. */
export function checkFeedbackStep(action: FeedbackAction, from: FeedbackStatus, actor: FeedbackActor, facts: FeedbackFacts, now: Date): { to: FeedbackStatus; refusal: null } | { to: null; refusal: FeedbackRefusal } {
  const candidates = feedbackSteps.filter((s) => s.action === action);
  if (!candidates.some((s) => s.by.includes(actor))) {
    const who = candidates[0]!.by.includes('CUSTOMER') ? 'The customer or sales staff' : 'Sales or quality staff';
    return { to: null, refusal: { code: 'FORBIDDEN', field: 'id', message: msg`${who} may do that; feedback is ${verbs[action]} by them.` } };
  }
  const step = candidates.find((s) => s.from === from);
  if (!step) return { to: null, refusal: { code: 'INVALID_STATE_TRANSITION', field: 'id', message: msg`${from} feedback cannot be ${verbs[action]}; that takes ${candidates.map((s) => s.from).join(' or ')} feedback.` } };
  const missing = step.needs(facts, now);
  return missing ? { to: null, refusal: { code: 'INVALID', ...missing } } : { to: step.to, refusal: null };
}

/** A step that passes over IN_PROGRESS: resolving acknowledged feedback implies its start. */
export function impliedStart(action: FeedbackAction, from: FeedbackStatus): boolean {
  return action === 'RESOLVE' && from === 'ACKNOWLEDGED';
}

/** What a step records besides the status; a reopened item gets the resolution time of its standard again. */
export function feedbackStepRecord(
  action: FeedbackAction,
  now: Date,
  given: { resolution: string | null; satisfactionRating: number | null; resolveByFromNow: () => Date },
): { acknowledgedAt?: Date; resolvedAt?: Date | null; resolution?: string | null; closedAt?: Date; satisfactionRating?: number | null; resolveBy?: Date } {
  switch (action) {
    case 'ACKNOWLEDGE':
      return { acknowledgedAt: now };
    case 'START':
      return {};
    case 'RESOLVE':
      return { resolvedAt: now, resolution: given.resolution };
    case 'CLOSE':
      return { closedAt: now, satisfactionRating: given.satisfactionRating };
    case 'REOPEN':
      return { resolvedAt: null, resolveBy: given.resolveByFromNow() };
  }
}

export interface FeedbackDeadlines {
  status: FeedbackStatus;
  acknowledgeBy: Date;
  resolveBy: Date;
}

/** Overdue: a service deadline has passed and what it asks for is not done. */
export function isFeedbackOverdue(f: FeedbackDeadlines, now: Date): boolean {
  const t = now.getTime();
  if (f.status === 'RECEIVED' && t > f.acknowledgeBy.getTime()) return true;
  return (f.status === 'RECEIVED' || f.status === 'ACKNOWLEDGED' || f.status === 'IN_PROGRESS') && t > f.resolveBy.getTime();
}

/** Only complaints are traced to a nonconformance; the customer's own, opened from a complaint. */
export function checkNonconformanceLink(kind: FeedbackKind, feedbackCustomerId: string, nc: { source: string; customerId: string | null }): Message | null {
  if (kind !== 'COMPLAINT') return msg`Only a complaint is linked to a nonconformance.`;
  if (nc.source !== 'CUSTOMER_COMPLAINT') return msg`Link a nonconformance opened for a customer complaint (source CUSTOMER_COMPLAINT).`;
  if (nc.customerId !== feedbackCustomerId) return msg`That nonconformance was raised for another customer.`;
  return null;
}
