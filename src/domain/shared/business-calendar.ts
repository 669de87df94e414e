/**
 * Which days are working days: the company calendar service deadlines count in. A calendar answers
 * for a local calendar date (YYYY-MM-DD); public holidays and adjusted working days (a Saturday
 * worked to bridge a holiday, as in mainland China) come from the calendar behind it.
 */
export interface BusinessCalendar {
  /** What the calendar is, for logs and the README: "CN", "DE", "weekdays". */
  readonly name: string;
  isBusinessDay(date: string): boolean;
}

/** Monday to Friday, no holidays. */
export const weekdays: BusinessCalendar = {
  name: 'weekdays',
  isBusinessDay: (date) => {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  },
};

/** The calendar date `days` after `date` (negative: before). */
export function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The n-th business day after `date` (n >= 1); `date` itself never counts. */
export function addBusinessDays(date: string, n: number, calendar: BusinessCalendar): string {
  let day = date;
  // A calendar with no business day at all would never end: a year without one is an error.
  for (let left = n, searched = 0; left > 0; searched++) {
    if (searched > 366 * Math.max(1, n)) throw new Error(`The ${calendar.name} calendar has no business day in a year after ${date}.`);
    day = shiftDate(day, 1);
    if (calendar.isBusinessDay(day)) left--;
  }
  return day;
}
