import { type BusinessCalendar, weekdays } from './domain/shared/business-calendar.js';
import { StartupError } from './startup.js';

/**
 * Business calendars from maintained libraries: mainland China's from chinese-days (public holidays
 * and the adjusted working days the State Council announces each year, 调休), any other country's
 * public holidays from date-holidays. Both ship their data; keep them updated for the years ahead
 * (a year a library does not know yet counts Monday to Friday).
 */
const NAME = /^(CN|weekdays|[A-Z]{2}(-[A-Z0-9]{1,3})?)$/;

/** The form of BUSINESS_CALENDAR, checked without loading the libraries (configuration stays light). */
export function isCalendarName(value: string): boolean {
  return NAME.test(value);
}

export async function openBusinessCalendar(name: string): Promise<BusinessCalendar> {
  if (name === 'weekdays') return weekdays;
  if (name === 'CN') {
    const { default: chineseDays } = await import('chinese-days');
    return { name, isBusinessDay: (date) => chineseDays.isWorkday(date) };
  }
  const { default: Holidays } = await import('date-holidays');
  const [country, region] = name.split('-') as [string, string | undefined];
  const known = new Holidays().getCountries();
  if (!(country in known)) throw new StartupError(`BUSINESS_CALENDAR: date-holidays knows no country ${country}.`);
  if (region !== undefined && !(region in (new Holidays().getStates(country) ?? {}))) throw new StartupError(`BUSINESS_CALENDAR: date-holidays knows no region ${region} of ${country}.`);
  const holidays = region === undefined ? new Holidays(country, { types: ['public'] }) : new Holidays(country, region, { types: ['public'] });
  // The public holidays of each year asked for, as local dates ("2026-12-25 00:00:00" -> "2026-12-25").
  const years = new Map<string, Set<string>>();
  const holidaysOf = (year: string) => {
    let dates = years.get(year);
    if (dates === undefined) {
      dates = new Set((holidays.getHolidays(Number(year)) || []).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
      years.set(year, dates);
    }
    return dates;
  };
  return { name, isBusinessDay: (date) => weekdays.isBusinessDay(date) && !holidaysOf(date.slice(0, 4)).has(date) };
}
