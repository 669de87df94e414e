import { z } from 'zod';
import { optionalText, optionalVersion, positiveDecimal, requiredText } from '../shared/validation.js';
import { contractTypes } from './lifecycle.js';
import { msg } from '../../i18n/message.js';

const currencies = new Set(Intl.supportedValuesOf('currency'));

const date = z.string().nullish().transform((v) => v ?? null);

export const clauseList = z
  .array(z.object({ heading: requiredText('Clause heading', 200), body: requiredText('Clause body', 20000) }))
  .max(100, msg`At most 100 clauses.`);

export const itemList = z
  .array(
    z.object({
      partId: z.string(),
      unitPrice: positiveDecimal('Unit price'),
      minimumOrderQuantity: positiveDecimal('Minimum order quantity').nullish().transform((v) => v ?? null),
      leadTimeDays: z.number().int().min(0, msg`Lead time cannot be negative.`).max(3650, msg`Lead time must be at most 3650 days.`).nullish().transform((v) => v ?? null),
    }),
  )
  .max(250, msg`At most 250 items.`)
  .refine((items) => new Set(items.map((i) => i.partId)).size === items.length, msg`Each part appears once in the items.`);

const paymentTermDays = z.number().int().min(0, msg`Payment term cannot be negative.`).max(365, msg`Payment term must be at most 365 days.`).nullish().transform((v) => v ?? null);

function datesInOrder(value: { effectiveFrom?: string | null; effectiveTo?: string | null }, ctx: z.RefinementCtx) {
  if (value.effectiveFrom && value.effectiveTo && value.effectiveTo < value.effectiveFrom) {
    ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: msg`effectiveTo must not be before effectiveFrom.` });
  }
}

export const createContractInput = z
  .object({
    partnerId: z.string(),
    type: z.enum(contractTypes),
    title: requiredText('Title', 200),
    effectiveFrom: date,
    effectiveTo: date,
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .refine((c) => currencies.has(c), msg`Currency must be an ISO 4217 code such as EUR, USD or CNY.`),
    paymentTermDays,
    deliveryTerms: optionalText('Delivery terms', 200),
    clauses: clauseList.nullish().transform((v) => v ?? []),
    items: itemList.nullish().transform((v) => v ?? []),
  })
  .superRefine(datesInOrder);

export const amendContractInput = z
  .object({
    id: z.string(),
    expectedVersion: z.number().int(),
    summary: requiredText('Summary', 500),
    title: requiredText('Title', 200).optional(),
    effectiveFrom: z.string().nullable().optional(),
    effectiveTo: z.string().nullable().optional(),
    paymentTermDays: paymentTermDays.optional(),
    deliveryTerms: optionalText('Delivery terms', 200).optional(),
    clauses: clauseList.optional(),
    items: itemList.optional(),
  })
  .superRefine(datesInOrder);

export const contractActionInput = z.object({
  id: z.string(),
  expectedVersion: optionalVersion,
  note: optionalText('Note', 1000),
});
