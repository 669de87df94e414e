import { type Message, msg } from '../../i18n/message.js';
/**
 * Nonconformance workflow, after the problem-solving steps: contain, find the cause, act, verify.
 * Each step needs what it is about written down; the responsible supplier takes the first three
 * steps, quality engineers verify, close, cancel and reopen.
 */
export const nonconformanceStatuses = ['OPEN', 'CONTAINED', 'ROOT_CAUSE_IDENTIFIED', 'CORRECTIVE_ACTION', 'VERIFICATION', 'CLOSED', 'CANCELLED'] as const;
export type NonconformanceStatus = (typeof nonconformanceStatuses)[number];

export type Actor = 'SUPPLIER' | 'QUALITY';

export interface NonconformanceFacts {
  containment: string | null;
  rootCause: string | null;
  correctiveAction: string | null;
  verification: string | null;
  disposition: string | null;
  responsibility: string;
}

interface Step {
  from: NonconformanceStatus;
  to: NonconformanceStatus;
  /** Who may take the step: quality engineers take every step. */
  supplierMay: boolean;
  /** What must be recorded first; each names the input field at fault. */
  needs: (f: NonconformanceFacts, note: string | null) => { field: string; message: Message } | null;
}

const nothing = () => null;
const open: NonconformanceStatus[] = ['OPEN', 'CONTAINED', 'ROOT_CAUSE_IDENTIFIED', 'CORRECTIVE_ACTION', 'VERIFICATION'];

export const nonconformanceSteps: readonly Step[] = [
  { from: 'OPEN', to: 'CONTAINED', supplierMay: true, needs: (f) => (f.containment ? null : { field: 'containment', message: msg`Record the containment before marking it CONTAINED.` }) },
  { from: 'CONTAINED', to: 'ROOT_CAUSE_IDENTIFIED', supplierMay: true, needs: (f) => (f.rootCause ? null : { field: 'rootCause', message: msg`Record the root cause first.` }) },
  { from: 'ROOT_CAUSE_IDENTIFIED', to: 'CORRECTIVE_ACTION', supplierMay: true, needs: (f) => (f.correctiveAction ? null : { field: 'correctiveAction', message: msg`Record the corrective action first.` }) },
  { from: 'CORRECTIVE_ACTION', to: 'VERIFICATION', supplierMay: false, needs: nothing },
  {
    from: 'VERIFICATION',
    to: 'CLOSED',
    supplierMay: false,
    needs: (f) =>
      !f.verification
        ? { field: 'verification', message: msg`Closing needs the verification of the effect.` }
        : !f.disposition
          ? { field: 'disposition', message: msg`Closing needs a disposition of the affected product.` }
          : f.responsibility === 'UNDETERMINED'
            ? { field: 'responsibility', message: msg`Closing needs the responsibility determined.` }
            : null,
  },
  ...open.map((from) => ({ from, to: 'CANCELLED' as const, supplierMay: false, needs: (_f: NonconformanceFacts, note: string | null) => (note ? null : { field: 'note', message: msg`Say why it is cancelled.` }) })),
  { from: 'CLOSED', to: 'OPEN', supplierMay: false, needs: (_f, note) => (note ? null : { field: 'note', message: msg`Say why it is reopened: the problem recurred how?` }) },
];

export function nextNonconformanceStatuses(from: NonconformanceStatus, actor: Actor): NonconformanceStatus[] {
  return nonconformanceSteps.filter((s) => s.from === from && (actor === 'QUALITY' || s.supplierMay)).map((s) => s.to);
}

export type StepRefusal = { code: 'INVALID_STATE_TRANSITION' | 'INVALID' | 'FORBIDDEN'; field: string; message: Message };

/** Null when the step may be taken; otherwise why not. */
export function checkNonconformanceStep(from: NonconformanceStatus, to: NonconformanceStatus, actor: Actor, facts: NonconformanceFacts, note: string | null): StepRefusal | null {
  const step = nonconformanceSteps.find((s) => s.from === from && s.to === to);
  if (!step) return { code: 'INVALID_STATE_TRANSITION', field: 'to', message: msg`A ${from} nonconformance cannot move to ${to}.` };
  if (actor === 'SUPPLIER' && !step.supplierMay) return { code: 'FORBIDDEN', field: 'to', message: msg`Quality engineers verify, close, cancel and reopen nonconformances.` };
  const missing = step.needs(facts, note);
  return missing ? { code: 'INVALID', ...missing } : null;
}

export interface DueFacts {
  status: NonconformanceStatus;
  containmentDueAt: Date | null;
  correctiveActionDueAt: Date | null;
  containedAt: Date | null;
  correctiveActionAt: Date | null;
}

/** Overdue: a due step not done in time (done late counts until it is done; done is done). */
export function isOverdue(nc: DueFacts, now: Date): boolean {
  if (nc.status === 'CLOSED' || nc.status === 'CANCELLED') return false;
  const late = (due: Date | null, doneAt: Date | null) => due !== null && doneAt === null && now.getTime() > due.getTime();
  return late(nc.containmentDueAt, nc.containedAt) || late(nc.correctiveActionDueAt, nc.correctiveActionAt);
}

/** Response times when no quality agreement governs the supplier's part. */
export const DEFAULT_CONTAINMENT_HOURS = 24;
export const DEFAULT_CORRECTIVE_ACTION_DAYS = 10;

export function dueDates(reportedAt: Date, agreement: { containmentHours: number; correctiveActionDays: number } | null) {
  const hours = agreement?.containmentHours ?? DEFAULT_CONTAINMENT_HOURS;
  const days = agreement?.correctiveActionDays ?? DEFAULT_CORRECTIVE_ACTION_DAYS;
  return {
    containmentDueAt: new Date(reportedAt.getTime() + hours * 3_600_000),
    correctiveActionDueAt: new Date(reportedAt.getTime() + days * 86_400_000),
  };
}
