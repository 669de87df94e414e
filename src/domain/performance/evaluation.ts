import type { SupplierGrade } from '../partners/sourcing-advice.js';
import { gradeOf, type ScorecardFigures } from './scorecard.js';

/** Evaluation weights: quality counts most, then delivery; service, price and technical are staff's judgement. */
export const EVALUATION_WEIGHTS = { quality: 0.4, delivery: 0.25, service: 0.15, price: 0.1, technical: 0.1 } as const;

export interface EvaluationScores {
  quality: number;
  delivery: number;
  service: number;
  price: number;
  technical: number;
}

export function totalScore(s: EvaluationScores): number {
  const w = EVALUATION_WEIGHTS;
  return Math.round((s.quality * w.quality + s.delivery * w.delivery + s.service * w.service + s.price * w.price + s.technical * w.technical) * 100) / 100;
}

export function evaluationGrade(total: number): SupplierGrade {
  return gradeOf(total)!;
}

export interface ClosedNonconformance {
  number: string;
  severity: 'MINOR' | 'MAJOR' | 'CRITICAL';
  responsibility: string;
}

export interface RewardPenalty {
  kind: 'REWARD' | 'PENALTY';
  reason: string;
  amount: string | null;
}

/** Penalty per nonconformance the supplier caused, by severity (in the company's currency). */
export const PENALTY_BY_SEVERITY = { MINOR: '100', MAJOR: '500', CRITICAL: '2000' } as const;

interface RewardRule {
  when: string;
  applies: (f: { grade: SupplierGrade; scorecard: ScorecardFigures }) => boolean;
  kind: 'REWARD' | 'PENALTY';
  reason: string;
}

/** Rewards and penalties from the grade and the delivery record; nonconformances add one penalty each. */
export const rewardPenaltyTable: readonly RewardRule[] = [
  { when: 'grade A', applies: (f) => f.grade === 'A', kind: 'REWARD', reason: 'Grade A: preferred for new parts and a larger share of demand.' },
  { when: 'grade D', applies: (f) => f.grade === 'D', kind: 'PENALTY', reason: 'Grade D: share of demand reduced; an improvement plan is required.' },
  { when: 'on time 98% or better', applies: (f) => f.scorecard.onTimeDeliveryRate !== null && f.scorecard.onTimeDeliveryRate >= 0.98, kind: 'REWARD', reason: 'On-time delivery of 98% or better.' },
  { when: 'on time below 80%', applies: (f) => f.scorecard.onTimeDeliveryRate !== null && f.scorecard.onTimeDeliveryRate < 0.8, kind: 'PENALTY', reason: 'On-time delivery below 80%.' },
];

export function rewardsAndPenalties(grade: SupplierGrade, scorecard: ScorecardFigures, closed: readonly ClosedNonconformance[]): RewardPenalty[] {
  const fromTable = rewardPenaltyTable.filter((r) => r.applies({ grade, scorecard })).map((r) => ({ kind: r.kind, reason: r.reason, amount: null }));
  const fromNonconformances = closed
    .filter((nc) => nc.responsibility === 'SUPPLIER')
    .map((nc) => ({ kind: 'PENALTY' as const, reason: `Nonconformance ${nc.number} (${nc.severity}) caused by the supplier.`, amount: PENALTY_BY_SEVERITY[nc.severity] }));
  return [...fromNonconformances, ...fromTable];
}
