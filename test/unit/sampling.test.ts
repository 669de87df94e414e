import { describe, expect, it } from 'vitest';
import { codeLetterFor, codeLetters, type InspectionLevel, inspectionLevels, isPreferredAql, preferredAqls, samplingPlan } from '../../src/domain/quality/sampling.js';
import { normalSampleSizes } from '../../src/domain/quality/sampling-tables.js';

describe('ISO 2859-1 Table 1: sample size code letters', () => {
  // Lot sizes at both ends of every row, with the published letters for S1 S2 S3 S4 I II III.
  const rows: [number, number, string][] = [
    [2, 8, 'AAAAAAB'],
    [9, 15, 'AAAAABC'],
    [16, 25, 'AABBBCD'],
    [26, 50, 'ABBCCDE'],
    [51, 90, 'BBCCCEF'],
    [91, 150, 'BBCDDFG'],
    [151, 280, 'BCDEEGH'],
    [281, 500, 'BCDEFHJ'],
    [501, 1200, 'CCEFGJK'],
    [1201, 3200, 'CDEGHKL'],
    [3201, 10000, 'CDFGJLM'],
    [10001, 35000, 'CDFHKMN'],
    [35001, 150000, 'DEGJLNP'],
    [150001, 500000, 'DEGJMPQ'],
    [500001, 10_000_000, 'DEHKNQR'],
  ];
  it.each(rows)('lots of %i to %i', (from, to, letters) => {
    for (const lot of [from, to]) {
      expect(inspectionLevels.map((level) => codeLetterFor(lot, level)).join('')).toBe(letters);
    }
  });

  it('uses every code letter', () => {
    const used = new Set(rows.flatMap(([, , letters]) => letters.split('')));
    expect([...used].sort()).toEqual([...codeLetters].sort());
  });
});

describe('ISO 2859-1 Table 2-A: single sampling, normal inspection', () => {
  // [lot size, level, AQL] -> [code letter used, sample size, Ac, Re], as the published table gives.
  const published: [number, InspectionLevel, number, string, number, number, number][] = [
    // Direct cells along each code letter's row.
    [1000, 'II', 0.65, 'J', 80, 1, 2],
    [1000, 'II', 1.0, 'J', 80, 2, 3],
    [1000, 'II', 1.5, 'J', 80, 3, 4],
    [1000, 'II', 2.5, 'J', 80, 5, 6],
    [1000, 'II', 4.0, 'J', 80, 7, 8],
    [1000, 'II', 6.5, 'J', 80, 10, 11],
    [2000, 'II', 0.65, 'K', 125, 2, 3],
    [2000, 'II', 1.0, 'K', 125, 3, 4],
    [2000, 'II', 2.5, 'K', 125, 7, 8],
    [2000, 'II', 4.0, 'K', 125, 10, 11],
    [2000, 'II', 6.5, 'K', 125, 14, 15],
    [2000, 'II', 10, 'K', 125, 21, 22],
    [400, 'II', 1.0, 'H', 50, 1, 2],
    [400, 'II', 2.5, 'H', 50, 3, 4],
    [400, 'II', 4.0, 'H', 50, 5, 6],
    [400, 'II', 6.5, 'H', 50, 7, 8],
    [120, 'II', 2.5, 'F', 20, 1, 2],
    [120, 'II', 4.0, 'F', 20, 2, 3],
    [120, 'II', 6.5, 'F', 20, 3, 4],
    [5000, 'II', 0.4, 'L', 200, 2, 3],
    [5000, 'II', 1.0, 'L', 200, 5, 6],
    [5000, 'II', 2.5, 'L', 200, 10, 11],
    [20000, 'II', 0.65, 'M', 315, 5, 6],
    [20000, 'II', 1.0, 'M', 315, 7, 8],
    [20000, 'II', 2.5, 'M', 315, 14, 15],
    [100000, 'II', 0.65, 'N', 500, 7, 8],
    [100000, 'II', 1.0, 'N', 500, 10, 11],
    [100000, 'II', 2.5, 'N', 500, 21, 22],
    [200000, 'II', 1.0, 'P', 800, 14, 15],
    [600000, 'II', 1.0, 'Q', 1250, 21, 22],
    [600000, 'III', 0.65, 'R', 2000, 21, 22],
    [600000, 'III', 0.025, 'R', 2000, 1, 2],
    [600000, 'II', 0.01, 'Q', 1250, 0, 1],
    [5, 'II', 6.5, 'A', 2, 0, 1],
    [5, 'II', 25, 'A', 2, 1, 2],
    [5, 'II', 1000, 'A', 2, 30, 31],
    [12, 'II', 1000, 'B', 3, 44, 45],
    [20, 'II', 650, 'C', 5, 44, 45],
    [40, 'II', 400, 'D', 8, 44, 45],
    [40, 'II', 250, 'D', 8, 30, 31],
    [60, 'II', 100, 'E', 13, 21, 22],
    // Down arrows: the first plan below, with its own, larger sample.
    [150, 'II', 0.65, 'F', 20, 0, 1],
    [280, 'II', 1.0, 'H', 50, 1, 2],
    [2000, 'II', 0.25, 'L', 200, 1, 2],
    [1000, 'II', 0.1, 'K', 125, 0, 1],
        [12, 'II', 10, 'C', 5, 1, 2],
    [5, 'II', 10, 'C', 5, 1, 2],
    [5, 'II', 15, 'B', 3, 1, 2],
    // Up arrows: the first plan above, with its own, smaller sample.
    [120, 'II', 1.0, 'E', 13, 0, 1],
    [1000, 'II', 0.25, 'H', 50, 0, 1],
    [2000, 'II', 0.15, 'J', 80, 0, 1],
    [12, 'II', 6.5, 'A', 2, 0, 1],
    [60, 'II', 150, 'E', 13, 30, 31], // not an arrow: row E has its own plans up to AQL 250
    [2000, 'II', 15, 'J', 80, 21, 22],
    [20, 'II', 1000, 'B', 3, 44, 45],
    [600000, 'III', 0.01, 'Q', 1250, 0, 1],
    [600000, 'III', 0.015, 'P', 800, 0, 1],
    [600000, 'III', 1.0, 'Q', 1250, 21, 22],
  ];

  it.each(published)('lot %i, level %s, AQL %s -> %s n=%i Ac %i Re %i', (lot, level, aql, letter, n, ac, re) => {
    expect(samplingPlan(lot, aql, level)).toEqual({ lotSize: lot, aql, inspectionLevel: level, severity: 'NORMAL', codeLetter: letter, sampleSize: n, acceptNumber: ac, rejectNumber: re });
  });

  it('inspects every item when the plan samples at least the lot', () => {
    expect(samplingPlan(5, 1.0, 'II')).toMatchObject({ codeLetter: 'E', sampleSize: 5, acceptNumber: 0, rejectNumber: 1 });
    expect(samplingPlan(2, 0.01, 'II')).toMatchObject({ codeLetter: 'Q', sampleSize: 2 });
    expect(samplingPlan(1, 2.5, 'I')).toMatchObject({ sampleSize: 1 });
  });

  it('answers every lot size, level and AQL with a plan whose Re is Ac + 1', () => {
    let checked = 0;
    for (const lot of [2, 9, 16, 26, 51, 91, 151, 281, 501, 1201, 3201, 10001, 35001, 150001, 500001]) {
      for (const level of inspectionLevels) {
        for (const aql of preferredAqls) {
          const plan = samplingPlan(lot, aql, level);
          expect(plan.rejectNumber).toBe(plan.acceptNumber + 1);
          expect(plan.sampleSize).toBe(Math.min(normalSampleSizes[plan.codeLetter]!, lot));
          checked++;
        }
      }
    }
    expect(checked).toBe(15 * 7 * 26);
  });

  it('never accepts more with a smaller AQL', () => {
    for (const letter of codeLetters) {
      const lot = { A: 5, B: 12, C: 20, D: 40, E: 60, F: 120, G: 200, H: 400, J: 1000, K: 2000, L: 5000, M: 20000, N: 100000, P: 200000, Q: 400000, R: 600000 }[letter];
      const level: InspectionLevel = letter === 'R' ? 'III' : 'II';
      const rates = preferredAqls.map((aql) => {
        const p = samplingPlan(lot, aql, level);
        return p.acceptNumber / p.sampleSize;
      });
      for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeGreaterThanOrEqual(rates[i - 1]! - 1e-9);
    }
  });

  it.each([
    [0, 1.0, 'lotSize must be a whole number of at least 1.'],
    [10.5, 1.0, 'lotSize must be a whole number of at least 1.'],
    [100, 0.5, 'aql must be one of the ISO 2859-1 preferred values'],
    [100, 3, 'aql must be one of the ISO 2859-1 preferred values'],
  ])('refuses lot %s with AQL %s', (lot, aql, message) => {
    expect(() => samplingPlan(lot, aql, 'II')).toThrow(message);
  });

  it('knows the preferred AQL values', () => {
    expect(preferredAqls).toHaveLength(26);
    expect(isPreferredAql(0.65)).toBe(true);
    expect(isPreferredAql(0.6)).toBe(false);
  });
});
