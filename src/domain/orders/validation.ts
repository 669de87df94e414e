import { z } from 'zod';
import { optionalText, optionalVersion, positiveDecimal, requiredText } from '../shared/validation.js';
import { msg } from '../../i18n/message.js';

const date = z.string();

export const idempotencyKey = z
  .string()
  .trim()
  .min(1, msg`idempotencyKey cannot be empty.`)
  .max(255, msg`idempotencyKey is at most 255 characters.`)
  .nullish()
  .transform((v) => v ?? null);

export const createOrderInput = z.object({
  direction: z.enum(['PURCHASE', 'SALES']),
  partnerId: z.string(),
  contractId: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine((c) => new Set(Intl.supportedValuesOf('currency')).has(c), msg`Currency must be an ISO 4217 code such as EUR, USD or CNY.`)
    .nullish()
    .transform((v) => v ?? null),
  lines: z
    .array(
      z.object({
        partId: z.string(),
        quantity: positiveDecimal('Quantity'),
        unitPrice: positiveDecimal('Unit price')
          .nullish()
          .transform((v) => v ?? null),
        requestedDate: date,
      }),
    )
    .min(1, msg`An order has at least one line.`)
    .max(250, msg`An order has at most 250 lines.`),
  idempotencyKey,
});

export const orderActionInput = z.object({
  id: z.string(),
  expectedVersion: optionalVersion,
  note: optionalText('Note', 1000),
});

export const acknowledgeOrderInput = z.object({
  id: z.string(),
  expectedVersion: optionalVersion,
  lines: z
    .array(z.object({ lineId: z.string(), confirmedQuantity: positiveDecimal('Confirmed quantity'), confirmedDate: date }))
    .max(250)
    .nullish()
    .transform((v) => v ?? []),
});

export const rejectOrderInput = z.object({
  id: z.string(),
  expectedVersion: optionalVersion,
  reason: requiredText('Reason', 1000),
});

export const requestOrderChangeInput = z.object({
  orderId: z.string(),
  expectedVersion: optionalVersion,
  reason: requiredText('Reason', 1000),
  changes: z
    .array(
      z
        .object({
          lineId: z.string(),
          quantity: positiveDecimal('Quantity')
            .nullish()
            .transform((v) => v ?? null),
          requestedDate: date.nullish().transform((v) => v ?? null),
          unitPrice: positiveDecimal('Unit price')
            .nullish()
            .transform((v) => v ?? null),
        })
        .refine((c) => c.quantity !== null || c.requestedDate !== null || c.unitPrice !== null, msg`A change names a new quantity, requested date or unit price.`),
    )
    .min(1, msg`A change request changes at least one line.`)
    .max(250),
  respondBy: z.date().nullish().transform((v) => v ?? null),
});

export const respondToOrderChangeInput = z.object({
  id: z.string(),
  accept: z.boolean(),
  note: optionalText('Note', 1000),
});

export const changeRequestActionInput = z.object({ id: z.string(), note: optionalText('Note', 1000) });
