import type { ImportanceClass } from './importance.js';

export const supplierGrades = ['A', 'B', 'C', 'D'] as const;
export type SupplierGrade = (typeof supplierGrades)[number];

export const sourcingStatuses = ['TRIAL', 'APPROVED', 'PHASING_OUT'] as const;
export type SourcingStatus = (typeof sourcingStatuses)[number];

export const sourcingActions = ['KEEP', 'DEVELOP_SECOND_SOURCE', 'IMPROVE_SUPPLIERS', 'SEEK_NEW_SUPPLIER', 'REPLACE_SUPPLIERS'] as const;
export type SourcingAction = (typeof sourcingActions)[number];

/** A designated source as the advice sees it: its sourcing status and the supplier's grade. */
export interface SourceFacts {
  status: SourcingStatus;
  /** null before the supplier's first evaluation. */
  grade: SupplierGrade | null;
}

export interface SourcingAdvice {
  designatedSupplierCount: number;
  action: SourcingAction;
  reason: string;
}

/** Designated sources a part of each class should have (class I and II parts are never single-sourced). */
export const requiredSources: Record<ImportanceClass, number> = { I: 2, II: 2, III: 1 };

interface Situation {
  partClass: ImportanceClass;
  /** Grades of the designated (APPROVED) sources. */
  grades: (SupplierGrade | null)[];
}

interface AdviceRule {
  when: string;
  applies: (s: Situation) => boolean;
  action: SourcingAction;
  reason: (s: Situation) => string;
}

const count = (s: Situation) => s.grades.length;
const has = (s: Situation, g: SupplierGrade) => s.grades.includes(g);

/**
 * The advice table, read top to bottom; the first row that applies decides. Only sources with
 * sourcing status APPROVED are designated; TRIAL sources are being developed and PHASING_OUT ones
 * are leaving, so neither counts.
 */
export const sourcingAdviceTable: readonly AdviceRule[] = [
  {
    when: 'no designated supplier',
    applies: (s) => count(s) === 0,
    action: 'SEEK_NEW_SUPPLIER',
    reason: () => 'No designated supplier: find and qualify one.',
  },
  {
    when: 'a designated supplier is graded D',
    applies: (s) => has(s, 'D'),
    action: 'REPLACE_SUPPLIERS',
    reason: () => 'A designated supplier is graded D: replace it.',
  },
  {
    when: 'a class I or II part has a single designated supplier',
    applies: (s) => count(s) < requiredSources[s.partClass],
    action: 'DEVELOP_SECOND_SOURCE',
    reason: (s) => `A class ${s.partClass} part has a single designated supplier: develop a second source.`,
  },
  {
    when: 'a designated supplier is graded C',
    applies: (s) => has(s, 'C'),
    action: 'IMPROVE_SUPPLIERS',
    reason: () => 'A designated supplier is graded C: urge the suppliers to improve while seeking an excellent supplier.',
  },
  {
    when: 'a designated supplier has not been evaluated yet',
    applies: (s) => s.grades.includes(null),
    action: 'KEEP',
    reason: () => 'Enough designated suppliers; evaluate the ones not yet graded.',
  },
  {
    when: 'enough designated suppliers, all graded A or B',
    applies: () => true,
    action: 'KEEP',
    reason: () => 'Enough designated suppliers, all graded A or B: keep them.',
  },
];

/** What to do about a part's designated suppliers, from their number and grades. */
export function adviseSourcing(partClass: ImportanceClass, sources: readonly SourceFacts[]): SourcingAdvice {
  const situation: Situation = {
    partClass,
    grades: sources.filter((s) => s.status === 'APPROVED').map((s) => s.grade),
  };
  const rule = sourcingAdviceTable.find((r) => r.applies(situation))!;
  return { designatedSupplierCount: situation.grades.length, action: rule.action, reason: rule.reason(situation) };
}

/** Only approved or conditionally approved suppliers may be designated as APPROVED sources. */
export function sourcingStatusAllowed(supplierStatus: string, sourcing: SourcingStatus): boolean {
  if (sourcing === 'APPROVED') return supplierStatus === 'APPROVED' || supplierStatus === 'CONDITIONAL';
  if (sourcing === 'TRIAL') return supplierStatus === 'CANDIDATE' || supplierStatus === 'APPROVED' || supplierStatus === 'CONDITIONAL';
  return true;
}
