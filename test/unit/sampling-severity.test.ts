import { describe, expect, it } from 'vitest';
import { codeLetters, inspectionLevels, preferredAqls, samplingPlan, tighterAql } from '../../src/domain/quality/sampling.js';

const plan = (lotSize: number, aql: number, severity: 'NORMAL' | 'TIGHTENED' | 'REDUCED', level: 'I' | 'II' | 'III' = 'II') => {
  const p = samplingPlan(lotSize, aql, level, severity);
  return [p.codeLetter, p.sampleSize, p.acceptNumber, p.rejectNumber];
};

describe('tightened inspection plans (Table 2-B)', () => {
  it.each([
    // lot, AQL -> letter, n, Ac, Re
    [2000, 1.0, ['K', 125, 2, 3]], // normal K 3/4
    [1000, 2.5, ['J', 80, 3, 4]], // normal J 5/6
    [2000, 2.5, ['K', 125, 5, 6]],
    [2000, 4.0, ['K', 125, 8, 9]], // normal 10/11
    [2000, 6.5, ['K', 125, 12, 13]], // normal 14/15
    [2000, 10, ['K', 125, 18, 19]], // normal 21/22
    [5000, 1.0, ['L', 200, 3, 4]],
    [5, 1000, ['A', 2, 27, 28]], // normal 30/31
    [12, 1000, ['B', 3, 41, 42]], // normal 44/45
  ] as const)('lot %d at AQL %d: %j', (lot, aql, expected) => {
    expect(plan(lot, aql, 'TIGHTENED')).toEqual(expected);
  });

  it('reach letter S (3,150) only from Q and R at AQL 0.025; at 0.010 the plan is R 2,000 0/1', () => {
    expect(plan(600_000, 0.025, 'TIGHTENED', 'III')).toEqual(['S', 3150, 1, 2]);
    expect(plan(600_000, 0.025, 'TIGHTENED')).toEqual(['S', 3150, 1, 2]); // letter Q
    expect(plan(600_000, 0.01, 'TIGHTENED', 'III')).toEqual(['R', 2000, 0, 1]);
    expect(plan(2000, 0.01, 'TIGHTENED')).toEqual(['R', 2000, 0, 1]);
  });

  it('point down where the Ac = 0 diagonal ends, as Table 2-B prints (not up, as Table 2-A does)', () => {
    expect(plan(2000, 0.25, 'TIGHTENED')).toEqual(['M', 315, 1, 2]); // K
    expect(plan(60, 150, 'TIGHTENED')).toEqual(['E', 13, 27, 28]); // E keeps its own plans up to AQL 250
  });
});

describe('reduced inspection plans (Table 2-C)', () => {
  it.each([
    [2000, 1.0, ['K', 50, 2, 3]], // normal K 125 3/4
    [2000, 0.65, ['K', 50, 1, 2]],
    [2000, 4.0, ['K', 50, 6, 7]], // Table 2-C's own series: 0, 1, 2, 3, 5, 6, 8, 10
    [2000, 15, ['J', 32, 10, 11]], // rows from F on stop at 10/11
    [2000, 0.01, ['Q', 500, 0, 1]], // the Ac = 0 diagonal at the reduced sample sizes
    [5000, 1.0, ['L', 80, 3, 4]],
    [1000, 2.5, ['J', 32, 3, 4]],
    [5, 6.5, ['A', 2, 0, 1]],
    [5, 0.65, ['F', 5, 0, 1]], // A reduced too: F n=8, the whole lot of 5
    [600_000, 1000, ['B', 2, 30, 31]],
  ] as const)('lot %d at AQL %d: %j', (lot, aql, expected) => {
    expect(plan(lot, aql, 'REDUCED')).toEqual(expected);
  });
});

describe('every plan at every severity', () => {
  const lots = [2, 8, 9, 15, 16, 25, 26, 50, 51, 90, 91, 150, 151, 280, 281, 500, 501, 1200, 1201, 3200, 3201, 10000, 10001, 35000, 35001, 150000, 150001, 500000, 500001];
  it('is a consistent single sampling plan, tightened never looser and reduced never larger than normal', () => {
    let checked = 0;
    for (const lot of lots) {
      for (const level of inspectionLevels) {
        for (const aql of preferredAqls) {
          const normal = samplingPlan(lot, aql, level);
          const tightened = samplingPlan(lot, aql, level, 'TIGHTENED');
          const reduced = samplingPlan(lot, aql, level, 'REDUCED');
          for (const p of [normal, tightened, reduced]) {
            expect(p.rejectNumber).toBe(p.acceptNumber + 1);
            expect(p.sampleSize).toBeLessThanOrEqual(lot);
          }
          // Tightened accepts at most the share of the sample normal does (where neither inspects the
          // whole lot; letter S's 1 in 3,150 is stricter than 0 in 1,250 only for quality worse than the AQL).
          if (tightened.sampleSize < lot && normal.sampleSize < lot && tightened.codeLetter !== 'S') expect(tightened.acceptNumber / Math.max(tightened.sampleSize, 1)).toBeLessThanOrEqual(normal.acceptNumber / Math.max(normal.sampleSize, 1) + 1e-9);
          expect(reduced.sampleSize).toBeLessThanOrEqual(normal.sampleSize);
          checked++;
        }
      }
    }
    expect(checked).toBe(lots.length * inspectionLevels.length * preferredAqls.length);
    expect(codeLetters).toHaveLength(16);
  });

  it('knows the AQL one step tighter', () => {
    expect(tighterAql(1.0)).toBe(0.65);
    expect(tighterAql(0.015)).toBe(0.01);
    expect(tighterAql(0.01)).toBeNull();
  });
});
