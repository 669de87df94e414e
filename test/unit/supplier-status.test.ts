import { describe, expect, it } from 'vitest';
import {
  checkStatusChange,
  initialSupplierStatus,
  nextSupplierStatuses,
  type SupplierStatus,
  supplierStatuses,
  surveyMeetsApprovalBar,
} from '../../src/domain/partners/supplier-status.js';

const passing = { taxCompliant: true, cpk: 1.5 };

// Every (from, to) pair and whether it is allowed with a passing survey and a reason.
const expected: [SupplierStatus, SupplierStatus, boolean][] = [
  ['CANDIDATE', 'CANDIDATE', false],
  ['CANDIDATE', 'APPROVED', true],
  ['CANDIDATE', 'CONDITIONAL', true],
  ['CANDIDATE', 'SUSPENDED', false],
  ['CANDIDATE', 'DISQUALIFIED', true],
  ['APPROVED', 'CANDIDATE', false],
  ['APPROVED', 'APPROVED', false],
  ['APPROVED', 'CONDITIONAL', true],
  ['APPROVED', 'SUSPENDED', true],
  ['APPROVED', 'DISQUALIFIED', true],
  ['CONDITIONAL', 'CANDIDATE', false],
  ['CONDITIONAL', 'APPROVED', true],
  ['CONDITIONAL', 'CONDITIONAL', false],
  ['CONDITIONAL', 'SUSPENDED', true],
  ['CONDITIONAL', 'DISQUALIFIED', true],
  ['SUSPENDED', 'CANDIDATE', false],
  ['SUSPENDED', 'APPROVED', true],
  ['SUSPENDED', 'CONDITIONAL', false],
  ['SUSPENDED', 'SUSPENDED', false],
  ['SUSPENDED', 'DISQUALIFIED', true],
  ['DISQUALIFIED', 'CANDIDATE', false],
  ['DISQUALIFIED', 'APPROVED', false],
  ['DISQUALIFIED', 'CONDITIONAL', false],
  ['DISQUALIFIED', 'SUSPENDED', false],
  ['DISQUALIFIED', 'DISQUALIFIED', false],
];

describe('supplier status transitions', () => {
  it('covers every pair of statuses', () => {
    expect(expected).toHaveLength(supplierStatuses.length ** 2);
  });

  it.each(expected)('%s -> %s allowed: %s', (from, to, allowed) => {
    const refusal = checkStatusChange(from, to, 'because', passing);
    expect(refusal === null).toBe(allowed);
    if (!allowed) expect(refusal?.kind).toBe('NOT_ALLOWED');
  });

  it('reaches every status from CANDIDATE', () => {
    const seen = new Set<SupplierStatus>([initialSupplierStatus]);
    const queue: SupplierStatus[] = [initialSupplierStatus];
    while (queue.length > 0) {
      for (const next of nextSupplierStatuses(queue.shift()!)) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    expect([...seen].sort()).toEqual([...supplierStatuses].sort());
  });

  it('makes DISQUALIFIED final', () => {
    expect(nextSupplierStatuses('DISQUALIFIED')).toEqual([]);
    expect(checkStatusChange('DISQUALIFIED', 'APPROVED', 'x', passing)?.message).toMatch(/final/);
  });

  it('requires a reason for every change', () => {
    expect(checkStatusChange('APPROVED', 'SUSPENDED', '   ', passing)).toEqual({ kind: 'NEEDS_REASON', message: 'A status change needs a reason.' });
  });

  it.each<[SupplierStatus, SupplierStatus]>([
    ['CANDIDATE', 'APPROVED'],
    ['CANDIDATE', 'CONDITIONAL'],
    ['CONDITIONAL', 'APPROVED'],
    ['SUSPENDED', 'APPROVED'],
  ])('requires a survey for %s -> %s', (from, to) => {
    expect(checkStatusChange(from, to, 'r', null)?.kind).toBe('NEEDS_SURVEY');
  });

  it('does not require a survey to suspend, narrow or disqualify', () => {
    expect(checkStatusChange('APPROVED', 'SUSPENDED', 'r', null)).toBeNull();
    expect(checkStatusChange('APPROVED', 'CONDITIONAL', 'r', null)).toBeNull();
    expect(checkStatusChange('CANDIDATE', 'DISQUALIFIED', 'r', null)).toBeNull();
  });

  it('allows only conditional approval after a survey below the bar', () => {
    const weak = { taxCompliant: true, cpk: 1.1 };
    expect(checkStatusChange('CANDIDATE', 'APPROVED', 'r', weak)?.kind).toBe('SURVEY_BELOW_BAR');
    expect(checkStatusChange('CANDIDATE', 'CONDITIONAL', 'r', weak)).toBeNull();
  });

  it.each([
    [{ taxCompliant: true, cpk: 1.33 }, true],
    [{ taxCompliant: true, cpk: null }, true],
    [{ taxCompliant: true, cpk: 1.32 }, false],
    [{ taxCompliant: false, cpk: 2 }, false],
    [{ taxCompliant: null, cpk: 2 }, false],
  ])('survey %j meets the approval bar: %s', (survey, meets) => {
    expect(surveyMeetsApprovalBar(survey)).toBe(meets);
  });
});
