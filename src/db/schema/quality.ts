import { sql } from 'drizzle-orm';
import { boolean, index, integer, numeric, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid, date } from 'drizzle-orm/pg-core';
import { party } from './contracts.js';
import { id, instant, timestamps } from './columns.js';
import { parts, suppliers } from './partners.js';

// EXPIRED is never stored: an ACTIVE agreement reads as EXPIRED once its effectiveTo has passed.
export const agreementStatus = pgEnum('agreement_status', ['DRAFT', 'AWAITING_SIGNATURE', 'ACTIVE', 'SUPERSEDED', 'EXPIRED']);
export const inspectionLevel = pgEnum('inspection_level', ['S1', 'S2', 'S3', 'S4', 'I', 'II', 'III']);

export const qualityAgreements = pgTable(
  'quality_agreements',
  {
    id: id(),
    number: text('number').notNull(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    status: agreementStatus('status').notNull().default('DRAFT'),
    effectiveFrom: date('effective_from', { mode: 'string' }),
    effectiveTo: date('effective_to', { mode: 'string' }),
    aql: numeric('aql', { precision: 8, scale: 3 }).notNull(),
    inspectionLevel: inspectionLevel('inspection_level').notNull(),
    targetPpm: integer('target_ppm').notNull(),
    containmentHours: integer('containment_hours').notNull(),
    correctiveActionDays: integer('corrective_action_days').notNull(),
    sourceInspection: boolean('source_inspection').notNull(),
    /** Documents every delivery of its parts must carry (CERTIFICATE_OF_CONFORMITY, CERTIFICATE_OF_ANALYSIS). */
    requiredDeliveryDocuments: text('required_delivery_documents').array().notNull().default(sql`'{}'::text[]`),
    /** A ship notice without them: REFUSE it, or accept it and HOLD the receipt until they are attached. */
    missingDocuments: text('missing_documents', { enum: ['REFUSE', 'HOLD'] })
      .notNull()
      .default('REFUSE'),
    /** Counts every change; signatures must name the current one. */
    version: integer('version').notNull().default(1),
    createdById: text('created_by_id').notNull(),
    activatedAt: instant('activated_at'),
    supersededAt: instant('superseded_at'),
    supersededById: uuid('superseded_by_id'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('quality_agreements_number_key').on(t.number), index('quality_agreements_supplier_idx').on(t.supplierId, t.createdAt, t.id), index('quality_agreements_created_at_idx').on(t.createdAt, t.id), index('quality_agreements_updated_at_idx').on(t.updatedAt, t.id)],
);

/** Parts an agreement is limited to; none means every part from its supplier. */
export const qualityAgreementParts = pgTable(
  'quality_agreement_parts',
  {
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => qualityAgreements.id),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    /** The agreement's supplier once it is out of draft, null before: written by triggers only, for row-level security (drizzle/0025). */
    offeredToSupplierId: uuid('offered_to_supplier_id').references(() => suppliers.id),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.partId] }), index('quality_agreement_parts_part_idx').on(t.partId)],
);

export const qualityAgreementSignatures = pgTable(
  'quality_agreement_signatures',
  {
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => qualityAgreements.id),
    party: party('party').notNull(),
    signedById: text('signed_by_id').notNull(),
    signedByName: text('signed_by_name').notNull(),
    signedAt: instant('signed_at').notNull(),
    /** The agreement's supplier once it is out of draft, null before: written by triggers only, for row-level security (drizzle/0025). */
    offeredToSupplierId: uuid('offered_to_supplier_id').references(() => suppliers.id),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.party] })],
);

export type QualityAgreementRow = typeof qualityAgreements.$inferSelect;
export type QualityAgreementSignatureRow = typeof qualityAgreementSignatures.$inferSelect;
