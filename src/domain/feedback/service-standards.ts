import { z } from 'zod';
import { addBusinessDays, type BusinessCalendar } from '../shared/business-calendar.js';
import type { FeedbackKind } from './lifecycle.js';
import { msg } from '../../i18n/message.js';

/**
 * Service standards: how soon feedback is acknowledged and resolved, per kind and severity. They are
 * configuration (SERVICE_STANDARDS, JSON) over the defaults below; deadlines are fixed at receipt.
 *
 * Durations: "30m" minutes, "4h" hours, "2d" days of 24 hours, "1bd" business days (days of the
 * company's business calendar, with its public holidays and adjusted working days, in the
 * company's time zone: the same local time on the n-th business day after receipt).
 */
export type DurationUnit = 'minutes' | 'hours' | 'days' | 'businessDays';
export interface ServiceDuration {
  amount: number;
  unit: DurationUnit;
}
export interface ServiceStandard {
  acknowledgeWithin: ServiceDuration;
  resolveWithin: ServiceDuration;
}
export type FeedbackSeverity = 'MINOR' | 'MAJOR' | 'CRITICAL';
/** Per kind: the standard when no severity applies, and optional ones per severity. */
export type ServiceStandards = Record<FeedbackKind, { default: ServiceStandard } & Partial<Record<FeedbackSeverity, ServiceStandard>>>;

const units: Record<string, DurationUnit> = { m: 'minutes', h: 'hours', d: 'days', bd: 'businessDays' };

export function parseServiceDuration(text: string): ServiceDuration | null {
  const match = /^\s*(\d{1,4})\s*(m|h|d|bd)\s*$/.exec(text);
  if (!match) return null;
  const amount = Number(match[1]);
  return amount > 0 ? { amount, unit: units[match[2]!]! } : null;
}

const standard = (acknowledge: string, resolve: string): ServiceStandard => ({ acknowledgeWithin: parseServiceDuration(acknowledge)!, resolveWithin: parseServiceDuration(resolve)! });

export const DEFAULT_SERVICE_STANDARDS: ServiceStandards = {
  // A complaint without a severity is handled as a MAJOR one.
  COMPLAINT: { default: standard('4h', '5d'), CRITICAL: standard('1h', '2d'), MAJOR: standard('4h', '5d'), MINOR: standard('1bd', '10bd') },
  INQUIRY: { default: standard('1bd', '3bd') },
  SUGGESTION: { default: standard('2bd', '20bd') },
  PRAISE: { default: standard('2bd', '5bd') },
};

export function standardFor(standards: ServiceStandards, kind: FeedbackKind, severity: FeedbackSeverity | null): ServiceStandard {
  const forKind = standards[kind];
  return (severity === null ? undefined : forKind[severity]) ?? forKind.default;
}

const durationText = z.string().refine((t) => parseServiceDuration(t) !== null, msg`must be a duration such as 30m, 4h, 2d or 1bd`);
const standardOverride = z.strictObject({ acknowledge: durationText, resolve: durationText });
const kindOverride = z.strictObject({ default: standardOverride.optional(), CRITICAL: standardOverride.optional(), MAJOR: standardOverride.optional(), MINOR: standardOverride.optional() });
const overrides = z.strictObject({ COMPLAINT: kindOverride.optional(), INQUIRY: kindOverride.optional(), SUGGESTION: kindOverride.optional(), PRAISE: kindOverride.optional() });

/**
 * Reads SERVICE_STANDARDS, e.g. {"COMPLAINT":{"CRITICAL":{"acknowledge":"30m","resolve":"1d"}}}, over
 * the defaults. Returns the problems instead when it is not valid.
 */
export function parseServiceStandards(json: string | undefined): { ok: true; value: ServiceStandards } | { ok: false; problems: string[] } {
  if (json === undefined) return { ok: true, value: DEFAULT_SERVICE_STANDARDS };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, problems: ['must be JSON, e.g. {"COMPLAINT":{"CRITICAL":{"acknowledge":"1h","resolve":"2d"}}}'] };
  }
  const parsed = overrides.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`) };
  const result = structuredClone(DEFAULT_SERVICE_STANDARDS);
  for (const [kind, perKind] of Object.entries(parsed.data) as [FeedbackKind, z.infer<typeof kindOverride> | undefined][]) {
    for (const [key, o] of Object.entries(perKind ?? {}) as ['default' | FeedbackSeverity, z.infer<typeof standardOverride> | undefined][]) {
      if (o) result[kind][key] = standard(o.acknowledge, o.resolve);
    }
  }
  return { ok: true, value: result };
}

/** Local calendar fields of an instant in a time zone. */
function localParts(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { year: Number(get('year')), month: Number(get('month')), day: Number(get('day')), hour: Number(get('hour')), minute: Number(get('minute')), second: Number(get('second')), weekday: get('weekday') };
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant of a local wall-clock time in a zone (a time skipped by a DST change moves forward). */
function zonedInstant(year: number, month: number, day: number, ms: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day) + ms;
  const first = wall - offsetAt(new Date(wall), timeZone);
  const second = wall - offsetAt(new Date(first), timeZone);
  return new Date(second);
}

/** The deadline a duration gives from an instant, in the company's time zone and business calendar. */
export function addServiceDuration(from: Date, d: ServiceDuration, timeZone: string, calendar: BusinessCalendar): Date {
  switch (d.unit) {
    case 'minutes':
      return new Date(from.getTime() + d.amount * 60_000);
    case 'hours':
      return new Date(from.getTime() + d.amount * 3_600_000);
    case 'days':
      return new Date(from.getTime() + d.amount * 86_400_000);
    case 'businessDays': {
      const p = localParts(from, timeZone);
      const timeOfDay = ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + (from.getTime() % 1000);
      const local = `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
      const [year, month, day] = addBusinessDays(local, d.amount, calendar).split('-').map(Number) as [number, number, number];
      return zonedInstant(year, month, day, timeOfDay, timeZone);
    }
  }
}

/** acknowledgeBy and resolveBy of feedback received at an instant. */
export function feedbackDeadlines(standards: ServiceStandards, kind: FeedbackKind, severity: FeedbackSeverity | null, receivedAt: Date, timeZone: string, calendar: BusinessCalendar): { acknowledgeBy: Date; resolveBy: Date } {
  const s = standardFor(standards, kind, severity);
  return { acknowledgeBy: addServiceDuration(receivedAt, s.acknowledgeWithin, timeZone, calendar), resolveBy: addServiceDuration(receivedAt, s.resolveWithin, timeZone, calendar) };
}
