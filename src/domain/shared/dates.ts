/** Formatters by time zone: building one costs far more than formatting with it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The last date worked out per time zone, for the minute it was worked out in. */
const lastDates = new Map<string, { minute: number; date: string }>();

/**
 * Today's calendar date (YYYY-MM-DD) in a time zone; dates such as effectiveTo are read against it.
 * Every time zone's offset today is whole minutes, so a date holds for the rest of its minute and is
 * worked out once a minute per zone.
 */
export function calendarDate(now: Date, timeZone: string): string {
  const minute = Math.floor(now.getTime() / 60_000);
  const last = lastDates.get(timeZone);
  if (last !== undefined && last.minute === minute) return last.date;
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  const date = format.format(now);
  lastDates.set(timeZone, { minute, date });
  return date;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from one calendar date to another (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
