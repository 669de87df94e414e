import { describe, expect, it } from 'vitest';
import { checkFeedbackStep, checkNonconformanceLink, type FeedbackAction, type FeedbackActor, feedbackStatuses, feedbackStepRecord, impliedStart, isFeedbackOverdue } from '../../src/domain/feedback/lifecycle.js';

const facts = { resolution: 'Replaced', note: 'Still broken', resolvedAt: new Date('2026-11-01T00:00:00Z') };
const now = new Date('2026-11-10T00:00:00Z');
const DAY = 86_400_000;

describe('the feedback transition table', () => {
  it('implies the start only when acknowledged feedback is resolved', () => {
    expect(feedbackStatuses.filter((from) => impliedStart('RESOLVE', from))).toEqual(['ACKNOWLEDGED']);
    expect(impliedStart('START', 'ACKNOWLEDGED')).toBe(false);
  });

  const allowed: [FeedbackAction, string, string, FeedbackActor[]][] = [
    ['ACKNOWLEDGE', 'RECEIVED', 'ACKNOWLEDGED', ['SALES', 'QUALITY']],
    ['START', 'ACKNOWLEDGED', 'IN_PROGRESS', ['SALES', 'QUALITY']],
    ['RESOLVE', 'IN_PROGRESS', 'RESOLVED', ['SALES', 'QUALITY']],
    ['RESOLVE', 'ACKNOWLEDGED', 'RESOLVED', ['SALES', 'QUALITY']], // the start implied
    ['CLOSE', 'RESOLVED', 'CLOSED', ['CUSTOMER', 'SALES']],
    ['REOPEN', 'RESOLVED', 'IN_PROGRESS', ['CUSTOMER', 'SALES']],
  ];
  for (const [action, from, to, actors] of allowed) {
    for (const actor of ['CUSTOMER', 'SALES', 'QUALITY'] as const) {
      it(`${action} ${from} by ${actor}: ${actors.includes(actor) ? to : 'FORBIDDEN'}`, () => {
        const step = checkFeedbackStep(action, from as never, actor, facts, now);
        if (actors.includes(actor)) expect(step).toEqual({ to, refusal: null });
        else expect(step.refusal?.code).toBe('FORBIDDEN');
      });
    }
    for (const other of feedbackStatuses.filter((s) => !allowed.some(([a, f]) => a === action && f === s))) {
      it(`${action} refuses ${other} feedback`, () => {
        expect(checkFeedbackStep(action, other, actors[0]!, facts, now).refusal).toMatchObject({ code: 'INVALID_STATE_TRANSITION', field: 'id' });
      });
    }
  }

  it('resolving needs the resolution; reopening a reason', () => {
    expect(checkFeedbackStep('RESOLVE', 'IN_PROGRESS', 'SALES', { ...facts, resolution: null }, now).refusal).toMatchObject({ code: 'INVALID', field: 'resolution' });
    expect(checkFeedbackStep('REOPEN', 'RESOLVED', 'CUSTOMER', { ...facts, note: null }, now).refusal).toMatchObject({ code: 'INVALID', field: 'note' });
  });

  it('reopens within 14 days of the resolution, to the millisecond, and not after', () => {
    const resolvedAt = new Date('2026-11-01T00:00:00Z');
    expect(checkFeedbackStep('REOPEN', 'RESOLVED', 'CUSTOMER', { ...facts, resolvedAt }, new Date(resolvedAt.getTime() + 14 * DAY)).refusal).toBeNull();
    expect(checkFeedbackStep('REOPEN', 'RESOLVED', 'CUSTOMER', { ...facts, resolvedAt }, new Date(resolvedAt.getTime() + 14 * DAY + 1)).refusal).toMatchObject({ code: 'INVALID', field: 'id' });
  });
});

describe('feedback overdue', () => {
  const acknowledgeBy = new Date('2026-11-10T09:00:00Z');
  const resolveBy = new Date('2026-11-12T09:00:00Z');
  const at = (iso: string) => new Date(iso);
  it.each([
    ['RECEIVED', '2026-11-10T09:00:00Z', false],
    ['RECEIVED', '2026-11-10T09:00:00.001Z', true],
    ['ACKNOWLEDGED', '2026-11-11T00:00:00Z', false],
    ['ACKNOWLEDGED', '2026-11-12T09:00:00.001Z', true],
    ['IN_PROGRESS', '2026-11-12T09:00:00.001Z', true],
    ['RESOLVED', '2026-12-30T00:00:00Z', false],
    ['CLOSED', '2026-12-30T00:00:00Z', false],
  ] as const)('%s at %s: %s', (status, when, overdue) => {
    expect(isFeedbackOverdue({ status, acknowledgeBy, resolveBy }, at(when))).toBe(overdue);
  });
});

describe('tracing a complaint to a nonconformance', () => {
  it('takes complaints only, to CUSTOMER_COMPLAINT nonconformances of the same customer', () => {
    expect(checkNonconformanceLink('COMPLAINT', 'c1', { source: 'CUSTOMER_COMPLAINT', customerId: 'c1' })).toBeNull();
    expect(checkNonconformanceLink('INQUIRY', 'c1', { source: 'CUSTOMER_COMPLAINT', customerId: 'c1' })).toMatch(/complaint/);
    expect(checkNonconformanceLink('COMPLAINT', 'c1', { source: 'INCOMING_INSPECTION', customerId: 'c1' })).toMatch(/CUSTOMER_COMPLAINT/);
    expect(checkNonconformanceLink('COMPLAINT', 'c1', { source: 'CUSTOMER_COMPLAINT', customerId: 'c2' })).toMatch(/another customer/);
    expect(checkNonconformanceLink('COMPLAINT', 'c1', { source: 'CUSTOMER_COMPLAINT', customerId: null })).toMatch(/another customer/);
  });
});

describe('what each feedback step records', () => {
  const now = new Date('2026-11-26T10:00:00Z');
  const later = new Date('2026-12-03T10:00:00Z');
  const given = { resolution: 'Replaced', satisfactionRating: 4, resolveByFromNow: () => later };
  it.each([
    ['ACKNOWLEDGE', { acknowledgedAt: now }],
    ['START', {}],
    ['RESOLVE', { resolvedAt: now, resolution: 'Replaced' }],
    ['CLOSE', { closedAt: now, satisfactionRating: 4 }],
    ['REOPEN', { resolvedAt: null, resolveBy: later }],
  ] as const)('%s', (action, expected) => {
    expect(feedbackStepRecord(action, now, given)).toEqual(expected);
  });
});
