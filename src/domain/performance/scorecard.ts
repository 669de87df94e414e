import { addDays } from '../shared/dates.js';
import type { SupplierGrade } from '../partners/sourcing-advice.js';
import { type Message, msg } from '../../i18n/message.js';

/** What a supplier's records show for a period; null where there is nothing to measure. */
export interface ScorecardFigures {
  onTimeDeliveryRate: number | null;
  orderFillRate: number | null;
  qualityPpm: number | null;
  lotAcceptanceRate: number | null;
  /** The buyer's on-time payment of the supplier's invoices (not part of the score). */
  onTimePaymentRate: number | null;
  nonconformanceCount: number;
}

/**
 * Score weights: quality counts most. Quality is 100 at 0 ppm rejected and falls linearly to 0 at
 * 10,000 ppm (1%); delivery is the on-time rate; fill is the order fill rate (capped at 100%).
 * The score is the weighted average of the parts that could be measured; none measured: no score.
 */
export const SCORE_WEIGHTS = { quality: 0.5, delivery: 0.3, fill: 0.2 } as const;
export const PPM_AT_ZERO_QUALITY = 10_000;

/** Grade bands of a 0..100 score. */
export const GRADE_BANDS: readonly { grade: SupplierGrade; from: number }[] = [
  { grade: 'A', from: 90 },
  { grade: 'B', from: 80 },
  { grade: 'C', from: 60 },
  { grade: 'D', from: 0 },
];

export function qualityScore(ppm: number | null): number | null {
  return ppm === null ? null : 100 * (1 - Math.min(1, ppm / PPM_AT_ZERO_QUALITY));
}

export function scoreOf(f: ScorecardFigures): number | null {
  const parts: [number | null, number][] = [
    [qualityScore(f.qualityPpm), SCORE_WEIGHTS.quality],
    [f.onTimeDeliveryRate === null ? null : 100 * f.onTimeDeliveryRate, SCORE_WEIGHTS.delivery],
    [f.orderFillRate === null ? null : 100 * Math.min(1, f.orderFillRate), SCORE_WEIGHTS.fill],
  ];
  const measured = parts.filter((p): p is [number, number] => p[0] !== null);
  if (measured.length === 0) return null;
  const weight = measured.reduce((sum, [, w]) => sum + w, 0);
  return Math.round((measured.reduce((sum, [s, w]) => sum + s * w, 0) / weight) * 100) / 100;
}

export function gradeOf(score: number | null): SupplierGrade | null {
  if (score === null) return null;
  return GRADE_BANDS.find((b) => score >= b.from)!.grade;
}

/** The longest period a scorecard covers. */
export const MAX_SCORECARD_YEARS = 5;

/** Why a scorecard period (YYYY-MM-DD, both ends included) is refused, naming the argument; null when it is fine. */
export function checkScorecardPeriod(from: string, to: string): { argument: 'to'; message: Message } | null {
  if (to < from) return { argument: 'to', message: msg`to must not be before from.` };
  if (to > addDays(from, MAX_SCORECARD_YEARS * 366)) return { argument: 'to', message: msg`A scorecard covers at most ${MAX_SCORECARD_YEARS} years.` };
  return null;
}
