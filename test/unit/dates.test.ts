import { describe, expect, it } from 'vitest';
import { addDays, calendarDate, daysBetween } from '../../src/domain/shared/dates.js';

describe('calendarDate', () => {
  it('turns at midnight in the time zone, to the second, also where the offset is not whole hours', () => {
    // Kathmandu is UTC+05:45: its midnight is 18:15 UTC.
    expect(calendarDate(new Date('2026-12-04T18:14:59.999Z'), 'Asia/Kathmandu')).toBe('2026-12-04');
    expect(calendarDate(new Date('2026-12-04T18:15:00.000Z'), 'Asia/Kathmandu')).toBe('2026-12-05');
    expect(calendarDate(new Date('2026-12-04T18:14:30.000Z'), 'Asia/Kathmandu')).toBe('2026-12-04');
    // Chatham is UTC+13:45 in (southern) summer.
    expect(calendarDate(new Date('2026-12-04T10:14:59.000Z'), 'Pacific/Chatham')).toBe('2026-12-04');
    expect(calendarDate(new Date('2026-12-04T10:15:00.000Z'), 'Pacific/Chatham')).toBe('2026-12-05');
  });

  it('gives each time zone its own date for the same minute', () => {
    const now = new Date('2026-12-04T23:30:00.000Z');
    expect(calendarDate(now, 'UTC')).toBe('2026-12-04');
    expect(calendarDate(now, 'Asia/Shanghai')).toBe('2026-12-05');
    expect(calendarDate(now, 'America/Los_Angeles')).toBe('2026-12-04');
    expect(calendarDate(now, 'UTC')).toBe('2026-12-04');
  });

  it('counts days across months and years', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2027-01-02', '2026-12-30')).toBe(-3);
  });
});
