import { describe, expect, it } from 'vitest';
import { checkScorecardPeriod, gradeOf, qualityScore, scoreOf } from '../../src/domain/performance/scorecard.js';

const none = { onTimeDeliveryRate: null, orderFillRate: null, qualityPpm: null, lotAcceptanceRate: null, onTimePaymentRate: null, nonconformanceCount: 0 };

describe('scorecard score', () => {
  it.each([
    [0, 100],
    [1000, 90],
    [10_000, 0],
    [400_000, 0],
    [null, null],
  ])('quality score at %s ppm is %s', (ppm, score) => {
    expect(qualityScore(ppm)).toBe(score);
  });

  it('weights quality 50, delivery 30, fill 20 over what was measured', () => {
    expect(scoreOf({ ...none, qualityPpm: 0, onTimeDeliveryRate: 1, orderFillRate: 1 })).toBe(100);
    expect(scoreOf({ ...none, qualityPpm: 400_000, onTimeDeliveryRate: 0.5, orderFillRate: 100 / 150 })).toBe(28.33);
    expect(scoreOf({ ...none, onTimeDeliveryRate: 0.8 })).toBe(80);
    expect(scoreOf({ ...none, qualityPpm: 1000, orderFillRate: 1.2 })).toBe(92.86);
    expect(scoreOf(none)).toBeNull();
  });

  it.each([
    [100, 'A'],
    [90, 'A'],
    [89.99, 'B'],
    [80, 'B'],
    [60, 'C'],
    [59.9, 'D'],
    [0, 'D'],
    [null, null],
  ])('grades %s as %s', (score, grade) => {
    expect(gradeOf(score)).toBe(grade);
  });
});

describe('scorecard periods', () => {
  it('run from a day up to five years, and never backwards', () => {
    expect(checkScorecardPeriod('2026-01-01', '2026-01-01')).toBeNull();
    expect(checkScorecardPeriod('2021-01-01', '2025-12-31')).toBeNull();
    expect(checkScorecardPeriod('2026-01-02', '2026-01-01')).toEqual({ argument: 'to', message: 'to must not be before from.' });
    expect(checkScorecardPeriod('2020-01-01', '2026-01-01')).toEqual({ argument: 'to', message: 'A scorecard covers at most 5 years.' });
  });
});
