import { z } from 'zod';
import { idempotencyKey } from '../orders/validation.js';
import { optionalText, requiredText } from '../shared/validation.js';
import { feedbackKinds } from './lifecycle.js';
import { msg } from '../../i18n/message.js';

const optionalId = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

export const recordFeedbackInput = z.object({
  customerId: z.string(),
  kind: z.enum(feedbackKinds),
  channel: optionalText('Channel', 100),
  subject: requiredText('Subject', 200),
  description: requiredText('Description', 4000),
  severity: z
    .enum(['MINOR', 'MAJOR', 'CRITICAL'])
    .nullish()
    .transform((v) => v ?? null),
  idempotencyKey,
});

export const feedbackActionInput = z.object({
  id: z.string(),
  note: optionalText('Note', 2000),
  resolution: optionalText('Resolution', 4000),
  nonconformanceId: optionalId,
});

export const closeFeedbackInput = z.object({
  id: z.string(),
  satisfactionRating: z
    .number()
    .int(msg`The satisfaction rating is a whole number from 1 to 5.`)
    .min(1, msg`The satisfaction rating is from 1 to 5.`)
    .max(5, msg`The satisfaction rating is from 1 to 5.`)
    .nullish()
    .transform((v) => v ?? null),
});
