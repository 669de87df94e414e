import { z } from 'zod';
import { businessCode, contactList, countryCode, optionalText, requiredText } from '../shared/validation.js';
import { importanceClasses } from './importance.js';
import { sourcingStatuses } from './sourcing-advice.js';
import { supplierStatuses } from './supplier-status.js';
import { msg } from '../../i18n/message.js';

/** Input rules for the partner mutations; each problem is reported against its input field. */
export const createSupplierInput = z.object({
  code: businessCode('Supplier code'),
  name: requiredText('Supplier name', 200),
  country: countryCode,
  contacts: contactList.nullish().transform((v) => v ?? []),
});

export const updateSupplierInput = z.object({
  id: z.string(),
  name: requiredText('Supplier name', 200).optional(),
  country: countryCode.optional(),
  contacts: contactList.optional(),
});

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, msg`Dates are YYYY-MM-DD.`)
  .nullish()
  .transform((v) => v ?? null);

export const recordSupplierSurveyInput = z.object({
  supplierId: z.string(),
  taxCompliant: z
    .boolean()
    .nullish()
    .transform((v) => v ?? null),
  cpk: z
    .number()
    .min(0, msg`Cpk cannot be negative.`)
    .max(99, msg`Cpk must be below 99.`)
    .nullish()
    .transform((v) => v ?? null),
  certifications: z
    .array(
      z.object({
        standard: requiredText('Certification standard', 100),
        certificateNumber: optionalText('Certificate number', 100),
        validUntil: isoDate,
      }),
    )
    .max(50, msg`At most 50 certifications.`)
    .nullish()
    .transform((v) => v ?? []),
  mainCustomers: z
    .array(requiredText('Main customer', 200))
    .max(50, msg`At most 50 main customers.`)
    .nullish()
    .transform((v) => v ?? []),
  capacityNotes: optionalText('Capacity notes', 4000),
  findings: optionalText('Findings', 4000),
});

export const setSupplierStatusInput = z.object({
  supplierId: z.string(),
  status: z.enum(supplierStatuses),
  reason: requiredText('Reason', 1000),
});

export const createCustomerInput = z.object({
  code: businessCode('Customer code'),
  name: requiredText('Customer name', 200),
  country: countryCode,
  industry: optionalText('Industry', 200),
  contacts: contactList.nullish().transform((v) => v ?? []),
});

export const createPartInput = z.object({
  partNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9._/-]{0,63}$/, msg`Part number must be 1 to 64 letters, digits, '.', '_', '/' or '-'.`),
  description: requiredText('Description', 500),
  unit: requiredText('Unit', 16),
  importanceClass: z.enum(importanceClasses),
  revision: optionalText('Revision', 16),
});

export const designateSourceInput = z.object({
  partId: z.string(),
  supplierId: z.string(),
  status: z.enum(sourcingStatuses),
  sharePercent: z
    .number()
    .int()
    .min(0, msg`Share must be between 0 and 100.`)
    .max(100, msg`Share must be between 0 and 100.`)
    .nullish()
    .transform((v) => v ?? null),
});
