import { type Message, msg } from '../../i18n/message.js';
/**
 * Supplier qualification status. A candidate is surveyed before it can be approved (fully or on
 * conditions); approval can be narrowed, suspended or withdrawn; disqualification is final.
 */
export const supplierStatuses = ['CANDIDATE', 'APPROVED', 'CONDITIONAL', 'SUSPENDED', 'DISQUALIFIED'] as const;
export type SupplierStatus = (typeof supplierStatuses)[number];

export interface StatusTransition {
  from: SupplierStatus;
  to: SupplierStatus;
  /** The supplier must have been surveyed before this step. */
  needsSurvey: boolean;
  /** The latest survey must meet the approval bar (see surveyMeetsApprovalBar). */
  needsPassingSurvey: boolean;
}

const t = (from: SupplierStatus, to: SupplierStatus, needsSurvey = false, needsPassingSurvey = false): StatusTransition => ({
  from,
  to,
  needsSurvey,
  needsPassingSurvey,
});

/** Every allowed change; anything not listed is refused. Every change needs a reason. */
export const supplierStatusTransitions: readonly StatusTransition[] = [
  t('CANDIDATE', 'APPROVED', true, true),
  t('CANDIDATE', 'CONDITIONAL', true),
  t('CANDIDATE', 'DISQUALIFIED'),
  t('APPROVED', 'CONDITIONAL'),
  t('APPROVED', 'SUSPENDED'),
  t('APPROVED', 'DISQUALIFIED'),
  t('CONDITIONAL', 'APPROVED', true, true),
  t('CONDITIONAL', 'SUSPENDED'),
  t('CONDITIONAL', 'DISQUALIFIED'),
  t('SUSPENDED', 'APPROVED', true, true),
  t('SUSPENDED', 'DISQUALIFIED'),
];

export const initialSupplierStatus: SupplierStatus = 'CANDIDATE';

export function nextSupplierStatuses(from: SupplierStatus): SupplierStatus[] {
  return supplierStatusTransitions.filter((x) => x.from === from).map((x) => x.to);
}

/** Minimum process capability for full approval (AIAG PPAP: Cpk >= 1.33 for an ongoing process). */
export const MINIMUM_APPROVAL_CPK = 1.33;

export interface SurveyFacts {
  taxCompliant: boolean | null;
  cpk: number | null;
}

/**
 * Full approval needs a survey that found the supplier tax compliant and, where process capability
 * was measured, capable (Cpk >= 1.33). A survey short of that still allows conditional approval.
 */
export function surveyMeetsApprovalBar(survey: SurveyFacts): boolean {
  return survey.taxCompliant === true && (survey.cpk === null || survey.cpk >= MINIMUM_APPROVAL_CPK);
}

export type StatusChangeRefusal =
  | { kind: 'NOT_ALLOWED'; message: Message }
  | { kind: 'NEEDS_SURVEY'; message: Message }
  | { kind: 'SURVEY_BELOW_BAR'; message: Message }
  | { kind: 'NEEDS_REASON'; message: Message };

/** Decides whether a supplier may move from one status to another; null when it may. */
export function checkStatusChange(
  from: SupplierStatus,
  to: SupplierStatus,
  reason: string,
  latestSurvey: SurveyFacts | null,
): StatusChangeRefusal | null {
  if (reason.trim() === '') return { kind: 'NEEDS_REASON', message: msg`A status change needs a reason.` };
  const transition = supplierStatusTransitions.find((x) => x.from === from && x.to === to);
  if (transition === undefined) {
    const next = nextSupplierStatuses(from);
    return {
      kind: 'NOT_ALLOWED',
      message:
        next.length === 0
          ? msg`A ${from} supplier cannot change status; ${from} is final.`
          : msg`A ${from} supplier cannot become ${to}; it can become ${next.join(', ')}.`,
    };
  }
  if (transition.needsSurvey && latestSurvey === null) {
    return { kind: 'NEEDS_SURVEY', message: msg`A supplier must be surveyed before it becomes ${to}.` };
  }
  if (transition.needsPassingSurvey && latestSurvey !== null && !surveyMeetsApprovalBar(latestSurvey)) {
    return {
      kind: 'SURVEY_BELOW_BAR',
      message: msg`Full approval needs a survey showing tax compliance and Cpk of at least ${MINIMUM_APPROVAL_CPK}; approve it as CONDITIONAL instead.`,
    };
  }
  return null;
}
