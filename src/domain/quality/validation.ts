import { z } from 'zod';
import { deliveryDocumentKinds } from '../files/rules.js';
import { isPreferredAql, inspectionLevels, preferredAqls } from './sampling.js';
import { optionalVersion } from '../shared/validation.js';
import { msg } from '../../i18n/message.js';

const date = z.string().nullish().transform((v) => v ?? null);

export const createQualityAgreementInput = z
  .object({
    supplierId: z.string(),
    partIds: z
      .array(z.string())
      .max(250, msg`At most 250 parts.`)
      .nullish()
      .transform((v) => [...new Set(v ?? [])]),
    effectiveFrom: date,
    effectiveTo: date,
    aql: z.number().refine(isPreferredAql, msg`AQL must be one of the ISO 2859-1 preferred values: ${preferredAqls.join(', ')}.`),
    inspectionLevel: z.enum(inspectionLevels),
    targetPpm: z.number().int().min(0, msg`Target ppm cannot be negative.`).max(1_000_000, msg`Target ppm is at most 1000000.`),
    containmentHours: z.number().int().min(1, msg`Containment hours must be greater than zero.`).max(8760, msg`Containment hours must be at most 8760.`),
    correctiveActionDays: z.number().int().min(1, msg`Corrective action days must be greater than zero.`).max(365, msg`Corrective action days must be at most 365.`),
    sourceInspection: z.boolean(),
    requiredDeliveryDocuments: z
      .array(z.enum(deliveryDocumentKinds))
      .nullish()
      .transform((v) => [...new Set(v ?? [])]),
    missingDocuments: z.enum(['REFUSE', 'HOLD']).nullish().transform((v) => v ?? 'REFUSE'),
  })
  .superRefine((v, ctx) => {
    if (v.effectiveFrom && v.effectiveTo && v.effectiveTo < v.effectiveFrom) {
      ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: msg`effectiveTo must not be before effectiveFrom.` });
    }
  });

export const qualityAgreementActionInput = z.object({
  id: z.string(),
  expectedVersion: optionalVersion,
});
