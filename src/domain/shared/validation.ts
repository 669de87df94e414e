import { z } from 'zod';
import { isDecimal } from './decimal.js';
import type { UserError } from './result.js';
import { type Message, msg } from '../../i18n/message.js';

/** Validates a mutation input; every problem becomes a UserError whose field starts with "input". */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown): { ok: true; value: z.output<S> } | { ok: false; errors: UserError[] } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({
      code: 'INVALID' as const,
      field: ['input', ...issue.path.map(String)],
      // Every schema here words its refusals with msg; zod's own sentences for the rest are in the catalogue.
      message: issue.message as Message,
    })),
  };
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Trimmed text; empty after trimming is refused with a message naming what is missing. */
export const requiredText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, msg`${what} is required.`)
    .max(max, msg`${what} must be at most ${max} characters.`);

/** Optional trimmed text; null, absent and blank all mean "none". */
export const optionalText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, msg`${what} must be at most ${max} characters.`)
    .nullish()
    .transform((v) => (v === undefined || v === null || v === '' ? null : v));

/** Business codes: upper-cased, letters, digits, dot, dash and underscore. */
export const businessCode = (what: string) =>
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9._-]{1,31}$/, msg`${what} must be 2 to 32 letters, digits, '.', '-' or '_', starting with a letter or digit.`);

/** ISO 3166-1 alpha-2 country code, e.g. CN, DE. */
export const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => /^[A-Z]{2}$/.test(c) && ![c, 'Unknown Region'].includes(regionNames.of(c) ?? c), msg`Country must be an ISO 3166-1 alpha-2 code such as CN or DE.`)
  .nullish()
  .transform((v) => v ?? null);

export const contactList = z
  .array(
    z.object({
      name: requiredText('Contact name', 200),
      title: optionalText('Contact title', 200),
      email: z
        .string()
        .trim()
        .max(320)
        .pipe(z.email(msg`Contact email must be an email address.`))
        .nullish()
        .transform((v) => v ?? null),
      phone: optionalText('Contact phone', 50).refine((p) => p === null || /^[0-9+()\-. /]{3,50}$/.test(p), msg`Contact phone may hold digits, spaces and + ( ) - . / only.`),
      primary: z.boolean().nullish().transform((v) => v ?? false),
    }),
  )
  .max(50, msg`At most 50 contacts.`)
  .refine((cs) => cs.filter((c) => c.primary).length <= 1, msg`At most one contact can be primary.`);

/** The version a client read; null when it does not care. */
export const optionalVersion = z
  .number()
  .int()
  .nullish()
  .transform((v) => v ?? null);

/** A decimal (as the Decimal scalar sends it) greater than zero. */
export const positiveDecimal = (what: string) => z.string().refine((v) => isDecimal(v) && !/^-/.test(v) && /[1-9]/.test(v), msg`${what} must be greater than zero.`);

/** A decimal of zero or more. */
export const nonNegativeDecimal = (what: string) => z.string().refine((v) => isDecimal(v) && !/^-/.test(v), msg`${what} cannot be negative.`);
