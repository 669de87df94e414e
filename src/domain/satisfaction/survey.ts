import { z } from 'zod';
import { optionalText, requiredText } from '../shared/validation.js';
import { msg } from '../../i18n/message.js';

/**
 * Satisfaction surveys: a customer's scores for a period, 1..5 per dimension (delivery, quality,
 * service, ...). The overall score is the mean of the dimensions, to two decimals. One survey per
 * customer and period: periods of the same customer do not overlap.
 */
export const MIN_SCORE = 1;
export const MAX_SCORE = 5;
export const MAX_DIMENSIONS = 20;
export const MAX_PERIOD_DAYS = 366;

const isoDate = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, msg`${what} must be a date, YYYY-MM-DD.`)
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), msg`${what} is not a calendar date.`);

export const recordSatisfactionSurveyInput = z
  .object({
    customerId: z.string(),
    from: isoDate('from'),
    to: isoDate('to'),
    scores: z
      .array(
        z.object({
          dimension: requiredText('Dimension', 100),
          score: z.number().min(MIN_SCORE, msg`A score is from ${MIN_SCORE} to ${MAX_SCORE}.`).max(MAX_SCORE, msg`A score is from ${MIN_SCORE} to ${MAX_SCORE}.`),
        }),
      )
      .min(1, msg`A survey scores at least one dimension.`)
      .max(MAX_DIMENSIONS, msg`A survey scores at most ${MAX_DIMENSIONS} dimensions.`)
      .superRefine((scores, ctx) => {
        const seen = new Set<string>();
        scores.forEach((s, i) => {
          const key = s.dimension.toLowerCase();
          if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'dimension'], message: msg`The dimension "${s.dimension}" is scored twice.` });
          seen.add(key);
        });
      }),
    comments: optionalText('Comments', 4000),
  })
  .superRefine((v, ctx) => {
    if (v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: msg`The period ends before it starts: to must be on or after from.` });
    else if (periodDays(v.from, v.to) > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: msg`A survey covers at most ${MAX_PERIOD_DAYS} days.` });
  });

/** Days in a period, both ends included. */
export function periodDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The overall score: the mean of the dimension scores, to two decimals. */
export function overallScore(scores: readonly { score: number }[]): number {
  const mean = scores.reduce((sum, s) => sum + s.score, 0) / scores.length;
  return Math.round(mean * 100) / 100;
}
