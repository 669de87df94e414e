import { describe, expect, it } from 'vitest';
import { openBusinessCalendar } from '../../src/calendars.js';
import { loadConfig } from '../../src/config.js';
import { addServiceDuration } from '../../src/domain/feedback/service-standards.js';
import { addBusinessDays, weekdays } from '../../src/domain/shared/business-calendar.js';
import { StartupError } from '../../src/startup.js';

const businessDays = (amount: number) => ({ amount, unit: 'businessDays' as const });

describe('the mainland China calendar (chinese-days)', async () => {
  const cn = await openBusinessCalendar('CN');

  it('skips the Spring Festival 2026 (15-23 February) and works the adjusted Saturdays (14 and 28 February)', () => {
    expect(['2026-02-13', '2026-02-14', '2026-02-15', '2026-02-20', '2026-02-23', '2026-02-24', '2026-02-28'].map((d) => cn.isBusinessDay(d))).toEqual([true, true, false, false, false, true, true]);
    // Friday 13 February: the next business day is the adjusted Saturday, then Tuesday 24 February.
    expect(addBusinessDays('2026-02-13', 1, cn)).toBe('2026-02-14');
    expect(addBusinessDays('2026-02-13', 2, cn)).toBe('2026-02-24');
    expect(addBusinessDays('2026-02-13', 2, weekdays)).toBe('2026-02-17');
  });

  it('skips the National Day week 2026 (1-7 October) and works the adjusted Saturday (10 October)', () => {
    expect(['2026-09-30', '2026-10-01', '2026-10-07', '2026-10-08', '2026-10-10', '2026-10-11'].map((d) => cn.isBusinessDay(d))).toEqual([true, false, false, true, true, false]);
    expect(addBusinessDays('2026-09-30', 1, cn)).toBe('2026-10-08');
    expect(addBusinessDays('2026-09-30', 3, cn)).toBe('2026-10-10');
  });

  it('gives a complaint received before the Spring Festival its deadline after it, at the same Shanghai time', () => {
    // Thursday 12 February 2026, 10:00 in Shanghai; 5 business days: 13, 14 (worked Saturday), 24, 25, 26 February.
    const receivedAt = new Date('2026-02-12T02:00:00Z');
    expect(addServiceDuration(receivedAt, businessDays(5), 'Asia/Shanghai', cn).toISOString()).toBe('2026-02-26T02:00:00.000Z');
    expect(addServiceDuration(receivedAt, businessDays(5), 'Asia/Shanghai', weekdays).toISOString()).toBe('2026-02-19T02:00:00.000Z');
  });
});

describe('other calendars (date-holidays)', () => {
  it("skip a country's public holidays and keep weekends off", async () => {
    const de = await openBusinessCalendar('DE');
    expect(['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-28'].map((d) => de.isBusinessDay(d))).toEqual([true, false, false, true]);
    expect(addBusinessDays('2026-12-24', 1, de)).toBe('2026-12-28');
  });

  it('know regional holidays', async () => {
    // Epiphany is a public holiday in Bavaria, not in Berlin.
    expect((await openBusinessCalendar('DE-BY')).isBusinessDay('2026-01-06')).toBe(false);
    expect((await openBusinessCalendar('DE-BE')).isBusinessDay('2026-01-06')).toBe(true);
  });

  it('refuse a country or region they do not know, at start', async () => {
    await expect(openBusinessCalendar('XX')).rejects.toThrow(StartupError);
    await expect(openBusinessCalendar('DE-ZZ')).rejects.toThrow('knows no region ZZ of DE');
  });
});

describe('BUSINESS_CALENDAR', () => {
  it('defaults to mainland China with TIME_ZONE Asia/Shanghai, else to Monday to Friday', () => {
    expect(loadConfig({ TIME_ZONE: 'Asia/Shanghai' }).businessCalendar).toBe('CN');
    expect(loadConfig({}).businessCalendar).toBe('weekdays');
    expect(loadConfig({ TIME_ZONE: 'Asia/Shanghai', BUSINESS_CALENDAR: 'weekdays' }).businessCalendar).toBe('weekdays');
    expect(loadConfig({ BUSINESS_CALENDAR: 'US-CA' }).businessCalendar).toBe('US-CA');
    expect(() => loadConfig({ BUSINESS_CALENDAR: 'germany' })).toThrow('BUSINESS_CALENDAR');
  });
});
