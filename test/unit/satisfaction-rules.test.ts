import { describe, expect, it } from 'vitest';
import { overallScore, periodDays, recordSatisfactionSurveyInput } from '../../src/domain/satisfaction/survey.js';

const valid = { customerId: 'x', from: '2026-01-01', to: '2026-03-31', scores: [{ dimension: 'Delivery', score: 4 }], comments: null };
const problems = (override: Record<string, unknown>) => {
  const parsed = recordSatisfactionSurveyInput.safeParse({ ...valid, ...override });
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
};

describe('satisfaction survey rules', () => {
  it('take the mean of the dimensions, to two decimals', () => {
    expect(overallScore([{ score: 4 }, { score: 5 }, { score: 3.5 }])).toBe(4.17);
    expect(overallScore([{ score: 1 }])).toBe(1);
    expect(overallScore([{ score: 5 }, { score: 5 }])).toBe(5);
    expect(overallScore([{ score: 3 }, { score: 4 }, { score: 3 }])).toBe(3.33);
  });

  it('accept scores from 1 to 5, both ends included', () => {
    expect(problems({ scores: [{ dimension: 'a', score: 1 }, { dimension: 'b', score: 5 }, { dimension: 'c', score: 2.5 }] })).toEqual([]);
    expect(problems({ scores: [{ dimension: 'a', score: 0.99 }] })).toEqual(['scores.0.score']);
    expect(problems({ scores: [{ dimension: 'a', score: 5.01 }] })).toEqual(['scores.0.score']);
  });

  it('refuse an empty, oversized or repeated list of dimensions', () => {
    expect(problems({ scores: [] })).toEqual(['scores']);
    expect(problems({ scores: Array.from({ length: 21 }, (_, i) => ({ dimension: `d${i}`, score: 3 })) })).toEqual(['scores']);
    expect(problems({ scores: [{ dimension: 'Quality', score: 3 }, { dimension: 'QUALITY', score: 4 }] })).toEqual(['scores.1.dimension']);
  });

  it('take periods of one day up to 366 days, in order', () => {
    expect(periodDays('2026-01-01', '2026-01-01')).toBe(1);
    expect(periodDays('2024-01-01', '2024-12-31')).toBe(366);
    expect(problems({ from: '2026-05-05', to: '2026-05-05' })).toEqual([]);
    expect(problems({ from: '2024-01-01', to: '2024-12-31' })).toEqual([]);
    expect(problems({ from: '2024-01-01', to: '2025-01-01' })).toEqual(['to']);
    expect(problems({ from: '2026-05-06', to: '2026-05-05' })).toEqual(['to']);
    expect(problems({ from: '2026-02-29', to: '2026-03-05' })).toEqual(['from']);
  });
});
