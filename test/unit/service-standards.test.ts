import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { weekdays } from '../../src/domain/shared/business-calendar.js';
import { addServiceDuration, DEFAULT_SERVICE_STANDARDS, feedbackDeadlines, parseServiceDuration, parseServiceStandards, standardFor } from '../../src/domain/feedback/service-standards.js';

describe('service durations', () => {
  it('parse minutes, hours, days and business days, and refuse anything else', () => {
    expect(parseServiceDuration('30m')).toEqual({ amount: 30, unit: 'minutes' });
    expect(parseServiceDuration('4h')).toEqual({ amount: 4, unit: 'hours' });
    expect(parseServiceDuration('2d')).toEqual({ amount: 2, unit: 'days' });
    expect(parseServiceDuration(' 10 bd ')).toEqual({ amount: 10, unit: 'businessDays' });
    for (const bad of ['', '0h', '-1h', '1w', '1.5h', 'h', '12345h']) expect(parseServiceDuration(bad)).toBeNull();
  });

  it('count business days Monday to Friday at the same local time', () => {
    const d = (n: number) => ({ amount: n, unit: 'businessDays' as const });
    // Thursday 2026-11-26 10:00 UTC.
    expect(addServiceDuration(new Date('2026-11-26T10:00:00Z'), d(1), 'UTC', weekdays).toISOString()).toBe('2026-11-27T10:00:00.000Z');
    expect(addServiceDuration(new Date('2026-11-26T10:00:00Z'), d(2), 'UTC', weekdays).toISOString()).toBe('2026-11-30T10:00:00.000Z');
    // Saturday and Sunday count from Monday.
    expect(addServiceDuration(new Date('2026-11-28T10:00:00Z'), d(1), 'UTC', weekdays).toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect(addServiceDuration(new Date('2026-11-29T23:30:00Z'), d(1), 'UTC', weekdays).toISOString()).toBe('2026-11-30T23:30:00.000Z');
    expect(addServiceDuration(new Date('2026-11-26T10:00:00Z'), d(10), 'UTC', weekdays).toISOString()).toBe('2026-12-10T10:00:00.000Z');
  });

  it("use the company's time zone for the weekday and keep the local time across a DST change", () => {
    const d = (n: number) => ({ amount: n, unit: 'businessDays' as const });
    // Friday 2026-11-27 01:00 in Shanghai is still Thursday in UTC: the next business day is Monday there.
    expect(addServiceDuration(new Date('2026-11-26T17:00:00Z'), d(1), 'Asia/Shanghai', weekdays).toISOString()).toBe('2026-11-29T17:00:00.000Z');
    expect(addServiceDuration(new Date('2026-11-26T17:00:00Z'), d(1), 'UTC', weekdays).toISOString()).toBe('2026-11-27T17:00:00.000Z');
    // Berlin leaves summer time on Sunday 2026-10-25: Friday 09:00 CEST + 1 business day = Monday 09:00 CET.
    expect(addServiceDuration(new Date('2026-10-23T07:00:00Z'), d(1), 'Europe/Berlin', weekdays).toISOString()).toBe('2026-10-26T08:00:00.000Z');
    // Hours are elapsed time, whatever the clock does.
    expect(addServiceDuration(new Date('2026-10-24T23:00:00Z'), { amount: 4, unit: 'hours' }, 'Europe/Berlin', weekdays).toISOString()).toBe('2026-10-25T03:00:00.000Z');
  });
});

describe('service standards', () => {
  it('default to the documented table, a complaint without severity being a MAJOR one', () => {
    const receivedAt = new Date('2026-11-26T10:00:00Z');
    const deadlines = (kind: 'COMPLAINT' | 'INQUIRY' | 'SUGGESTION' | 'PRAISE', severity: 'MINOR' | 'MAJOR' | 'CRITICAL' | null) => {
      const d = feedbackDeadlines(DEFAULT_SERVICE_STANDARDS, kind, severity, receivedAt, 'UTC', weekdays);
      return [d.acknowledgeBy.toISOString(), d.resolveBy.toISOString()];
    };
    expect(deadlines('COMPLAINT', 'CRITICAL')).toEqual(['2026-11-26T11:00:00.000Z', '2026-11-28T10:00:00.000Z']);
    expect(deadlines('COMPLAINT', 'MAJOR')).toEqual(['2026-11-26T14:00:00.000Z', '2026-12-01T10:00:00.000Z']);
    expect(deadlines('COMPLAINT', null)).toEqual(deadlines('COMPLAINT', 'MAJOR'));
    expect(deadlines('COMPLAINT', 'MINOR')).toEqual(['2026-11-27T10:00:00.000Z', '2026-12-10T10:00:00.000Z']);
    expect(deadlines('INQUIRY', null)).toEqual(['2026-11-27T10:00:00.000Z', '2026-12-01T10:00:00.000Z']);
    // Kinds without per-severity standards use their default whatever the severity.
    expect(deadlines('INQUIRY', 'CRITICAL')).toEqual(deadlines('INQUIRY', null));
    expect(deadlines('SUGGESTION', null)).toEqual(['2026-11-30T10:00:00.000Z', '2026-12-24T10:00:00.000Z']);
    expect(deadlines('PRAISE', null)).toEqual(['2026-11-30T10:00:00.000Z', '2026-12-03T10:00:00.000Z']);
  });

  it('are overridden per kind and severity from SERVICE_STANDARDS', () => {
    const parsed = parseServiceStandards('{"COMPLAINT":{"CRITICAL":{"acknowledge":"30m","resolve":"1d"}},"INQUIRY":{"default":{"acknowledge":"2h","resolve":"2bd"}}}');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(standardFor(parsed.value, 'COMPLAINT', 'CRITICAL')).toEqual({ acknowledgeWithin: { amount: 30, unit: 'minutes' }, resolveWithin: { amount: 1, unit: 'days' } });
    expect(standardFor(parsed.value, 'COMPLAINT', 'MAJOR')).toEqual(DEFAULT_SERVICE_STANDARDS.COMPLAINT.MAJOR);
    expect(standardFor(parsed.value, 'INQUIRY', null)).toEqual({ acknowledgeWithin: { amount: 2, unit: 'hours' }, resolveWithin: { amount: 2, unit: 'businessDays' } });
    // The defaults themselves are untouched.
    expect(DEFAULT_SERVICE_STANDARDS.COMPLAINT.CRITICAL?.acknowledgeWithin).toEqual({ amount: 1, unit: 'hours' });
  });

  it('refuse a bad SERVICE_STANDARDS at start, naming what is wrong', () => {
    expect(() => loadConfig({ SERVICE_STANDARDS: 'not json' })).toThrow(/SERVICE_STANDARDS: must be JSON/);
    expect(() => loadConfig({ SERVICE_STANDARDS: '{"COMPLAINT":{"CRITICAL":{"acknowledge":"soon","resolve":"2d"}}}' })).toThrow(/SERVICE_STANDARDS: COMPLAINT.CRITICAL.acknowledge: must be a duration/);
    expect(() => loadConfig({ SERVICE_STANDARDS: '{"COMPLAINTS":{}}' })).toThrow(/SERVICE_STANDARDS/);
    expect(() => loadConfig({ SERVICE_STANDARDS: '{"COMPLAINT":{"CRITICAL":{"acknowledge":"1h"}}}' })).toThrow(/COMPLAINT.CRITICAL.resolve/);
    expect(loadConfig({ SERVICE_STANDARDS: '{"PRAISE":{"default":{"acknowledge":"1bd","resolve":"1bd"}}}' }).serviceStandards.PRAISE.default.resolveWithin).toEqual({ amount: 1, unit: 'businessDays' });
  });
});
