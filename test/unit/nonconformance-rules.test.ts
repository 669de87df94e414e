import { describe, expect, it } from 'vitest';
import {
  checkNonconformanceStep,
  dueDates,
  isOverdue,
  type NonconformanceStatus,
  nextNonconformanceStatuses,
  nonconformanceStatuses,
  nonconformanceSteps,
} from '../../src/domain/nonconformances/lifecycle.js';

const full = { containment: 'sorted', rootCause: 'worn tool', correctiveAction: 'new tool change interval', verification: '5 lots clean', disposition: 'REWORK', responsibility: 'SUPPLIER' };
const empty = { containment: null, rootCause: null, correctiveAction: null, verification: null, disposition: null, responsibility: 'UNDETERMINED' };

describe('nonconformance workflow table', () => {
  it('reaches every status from OPEN', () => {
    const seen = new Set<NonconformanceStatus>(['OPEN']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const s of nonconformanceSteps) {
        if (seen.has(s.from) && !seen.has(s.to)) {
          seen.add(s.to);
          grew = true;
        }
      }
    }
    expect([...seen].sort()).toEqual([...nonconformanceStatuses].sort());
  });

  it.each([
    ['OPEN', 'CONTAINED', 'containment'],
    ['CONTAINED', 'ROOT_CAUSE_IDENTIFIED', 'rootCause'],
    ['ROOT_CAUSE_IDENTIFIED', 'CORRECTIVE_ACTION', 'correctiveAction'],
  ] as const)('%s -> %s needs %s, and the supplier may take it', (from, to, field) => {
    expect(checkNonconformanceStep(from, to, 'SUPPLIER', empty, null)).toMatchObject({ code: 'INVALID', field });
    expect(checkNonconformanceStep(from, to, 'SUPPLIER', full, null)).toBeNull();
  });

  it('lets only quality engineers verify, close, cancel and reopen', () => {
    expect(checkNonconformanceStep('CORRECTIVE_ACTION', 'VERIFICATION', 'SUPPLIER', full, null)?.code).toBe('FORBIDDEN');
    expect(checkNonconformanceStep('CORRECTIVE_ACTION', 'VERIFICATION', 'QUALITY', full, null)).toBeNull();
    expect(checkNonconformanceStep('VERIFICATION', 'CLOSED', 'SUPPLIER', full, null)?.code).toBe('FORBIDDEN');
    expect(checkNonconformanceStep('OPEN', 'CANCELLED', 'SUPPLIER', full, 'dup')?.code).toBe('FORBIDDEN');
    expect(nextNonconformanceStatuses('CORRECTIVE_ACTION', 'SUPPLIER')).toEqual([]);
    expect(nextNonconformanceStatuses('CORRECTIVE_ACTION', 'QUALITY')).toEqual(['VERIFICATION', 'CANCELLED']);
  });

  it.each([
    [{ verification: null }, 'verification'],
    [{ disposition: null }, 'disposition'],
    [{ responsibility: 'UNDETERMINED' }, 'responsibility'],
  ])('closing with %j is refused on %s', (overrides, field) => {
    expect(checkNonconformanceStep('VERIFICATION', 'CLOSED', 'QUALITY', { ...full, ...overrides }, null)).toMatchObject({ code: 'INVALID', field });
  });

  it('cancels any open one and reopens a closed one, each with a note', () => {
    for (const from of ['OPEN', 'CONTAINED', 'ROOT_CAUSE_IDENTIFIED', 'CORRECTIVE_ACTION', 'VERIFICATION'] as const) {
      expect(checkNonconformanceStep(from, 'CANCELLED', 'QUALITY', empty, null)?.field).toBe('note');
      expect(checkNonconformanceStep(from, 'CANCELLED', 'QUALITY', empty, 'duplicate')).toBeNull();
    }
    expect(checkNonconformanceStep('CLOSED', 'OPEN', 'QUALITY', full, 'recurred on lot 7')).toBeNull();
    expect(checkNonconformanceStep('CANCELLED', 'OPEN', 'QUALITY', full, 'x')?.code).toBe('INVALID_STATE_TRANSITION');
    expect(checkNonconformanceStep('OPEN', 'CLOSED', 'QUALITY', full, null)?.code).toBe('INVALID_STATE_TRANSITION');
  });
});

describe('due dates and overdue', () => {
  const reported = new Date('2026-11-26T08:00:00Z');

  it('come from the governing agreement, else 24 hours and 10 days', () => {
    expect(dueDates(reported, null)).toEqual({ containmentDueAt: new Date('2026-11-27T08:00:00Z'), correctiveActionDueAt: new Date('2026-12-06T08:00:00Z') });
    expect(dueDates(reported, { containmentHours: 4, correctiveActionDays: 3 })).toEqual({ containmentDueAt: new Date('2026-11-26T12:00:00Z'), correctiveActionDueAt: new Date('2026-11-29T08:00:00Z') });
  });

  it.each([
    ['before any due date', 'OPEN', null, null, '2026-11-27T07:59:00Z', false],
    ['containment late', 'OPEN', null, null, '2026-11-27T08:01:00Z', true],
    ['contained in time, corrective action not yet due', 'CONTAINED', '2026-11-26T10:00:00Z', null, '2026-12-01T00:00:00Z', false],
    ['corrective action late', 'ROOT_CAUSE_IDENTIFIED', '2026-11-26T10:00:00Z', null, '2026-12-06T08:01:00Z', true],
    ['corrective action done', 'VERIFICATION', '2026-11-26T10:00:00Z', '2026-12-01T00:00:00Z', '2026-12-20T00:00:00Z', false],
    ['closed', 'CLOSED', null, null, '2027-01-01T00:00:00Z', false],
  ] as const)('%s', (_name, status, containedAt, correctiveActionAt, now, overdue) => {
    const nc = { status, ...dueDates(reported, null), containedAt: containedAt ? new Date(containedAt) : null, correctiveActionAt: correctiveActionAt ? new Date(correctiveActionAt) : null };
    expect(isOverdue(nc, new Date(now))).toBe(overdue);
  });
});
