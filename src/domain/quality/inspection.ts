import { type Message, msg } from '../../i18n/message.js';
/**
 * Incoming inspection of a received lot by its single sampling plan: accept when the defects found
 * in the sample are at most Ac, reject when they reach Re.
 */
export const inspectionResults = ['PENDING', 'ACCEPTED', 'REJECTED'] as const;
export type InspectionResult = (typeof inspectionResults)[number];

/** The plan a lot is inspected by when no quality agreement governs the supplier's part. */
export const DEFAULT_AQL = 1.0;
export const DEFAULT_LEVEL = 'II' as const;

/** Items in a lot: the received quantity, rounded up to whole items. */
export function lotSizeOf(receivedQuantity: string): number {
  return Math.max(1, Math.ceil(Number(receivedQuantity)));
}

export function decideLot(defectsFound: number, plan: { sampleSize: number; acceptNumber: number; rejectNumber: number }): { result: 'ACCEPTED' | 'REJECTED' } | { error: Message } {
  if (!Number.isInteger(defectsFound) || defectsFound < 0) return { error: msg`defectsFound must be a whole number of at least 0.` };
  if (defectsFound > plan.sampleSize) return { error: msg`defectsFound cannot exceed the sample of ${plan.sampleSize}.` };
  if (defectsFound <= plan.acceptNumber) return { result: 'ACCEPTED' };
  if (defectsFound >= plan.rejectNumber) return { result: 'REJECTED' };
  return { error: msg`A single sampling plan decides every count; this plan is inconsistent.` };
}
