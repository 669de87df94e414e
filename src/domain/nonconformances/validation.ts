import { z } from 'zod';
import { idempotencyKey } from '../orders/validation.js';
import { optionalText, positiveDecimal, requiredText } from '../shared/validation.js';
import { nonconformanceStatuses } from './lifecycle.js';
import { msg } from '../../i18n/message.js';

const optionalId = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

export const reportNonconformanceInput = z.object({
  source: z.enum(['INCOMING_INSPECTION', 'IN_PROCESS', 'FINAL_INSPECTION', 'CUSTOMER_COMPLAINT', 'SUPPLIER_AUDIT']),
  severity: z.enum(['MINOR', 'MAJOR', 'CRITICAL']),
  partId: z.string(),
  supplierId: optionalId,
  customerId: optionalId,
  orderId: optionalId,
  deliveryId: optionalId,
  quantityAffected: positiveDecimal('Quantity affected'),
  description: requiredText('Description', 4000),
  idempotencyKey,
});

export const respondToNonconformanceInput = z
  .object({
    id: z.string(),
    containment: optionalText('Containment', 4000),
    rootCause: optionalText('Root cause', 4000),
    correctiveAction: optionalText('Corrective action', 4000),
    preventiveAction: optionalText('Preventive action', 4000),
  })
  .refine((v) => v.containment || v.rootCause || v.correctiveAction || v.preventiveAction, msg`A response records at least one of containment, rootCause, correctiveAction or preventiveAction.`);

export const transitionNonconformanceInput = z.object({
  id: z.string(),
  to: z.enum(nonconformanceStatuses),
  note: optionalText('Note', 2000),
  disposition: z
    .enum(['USE_AS_IS', 'REWORK', 'RETURN_TO_SUPPLIER', 'SCRAP'])
    .nullish()
    .transform((v) => v ?? null),
  responsibility: z
    .enum(['UNDETERMINED', 'SUPPLIER', 'INTERNAL', 'LOGISTICS', 'DESIGN'])
    .nullish()
    .transform((v) => v ?? null),
  verification: optionalText('Verification', 4000),
});
