import { describe, expect, it } from 'vitest';
import { evaluationGrade, rewardPenaltyTable, rewardsAndPenalties, totalScore } from '../../src/domain/performance/evaluation.js';

const card = (onTime: number | null) => ({ onTimeDeliveryRate: onTime, orderFillRate: null, qualityPpm: null, lotAcceptanceRate: null, onTimePaymentRate: null, nonconformanceCount: 0 });

describe('supplier evaluation', () => {
  it('weights quality 40, delivery 25, service 15, price 10, technical 10', () => {
    expect(totalScore({ quality: 100, delivery: 100, service: 100, price: 100, technical: 100 })).toBe(100);
    expect(totalScore({ quality: 90, delivery: 80, service: 70, price: 60, technical: 50 })).toBe(77.5);
    expect(evaluationGrade(77.5)).toBe('C');
    expect(evaluationGrade(90)).toBe('A');
  });

  it('has a case for every reward and penalty rule', () => {
    const cases = [
      ['grade A', 'A', 0.9, 'REWARD'],
      ['grade D', 'D', 0.9, 'PENALTY'],
      ['on time 98% or better', 'B', 0.99, 'REWARD'],
      ['on time below 80%', 'C', 0.5, 'PENALTY'],
    ] as const;
    expect(cases.map((c) => c[0])).toEqual(rewardPenaltyTable.map((r) => r.when));
    for (const [when, grade, onTime, kind] of cases) {
      const rule = rewardPenaltyTable.find((r) => r.when === when)!;
      expect(rewardsAndPenalties(grade, card(onTime), [])).toContainEqual({ kind, reason: rule.reason, amount: null });
    }
    expect(rewardsAndPenalties('B', card(0.9), [])).toEqual([]);
  });

  it('penalises each closed nonconformance the supplier caused, by severity', () => {
    const closed = [
      { number: 'NCR-1', severity: 'CRITICAL' as const, responsibility: 'SUPPLIER' },
      { number: 'NCR-2', severity: 'MINOR' as const, responsibility: 'SUPPLIER' },
      { number: 'NCR-3', severity: 'MAJOR' as const, responsibility: 'LOGISTICS' },
    ];
    expect(rewardsAndPenalties('B', card(null), closed)).toEqual([
      { kind: 'PENALTY', reason: 'Nonconformance NCR-1 (CRITICAL) caused by the supplier.', amount: '2000' },
      { kind: 'PENALTY', reason: 'Nonconformance NCR-2 (MINOR) caused by the supplier.', amount: '100' },
    ]);
  });
});
