import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, instant, timestamps } from './columns.js';
import { customers, parts, suppliers } from './partners.js';

export const contractType = pgEnum('contract_type', ['SUPPLY', 'QUALITY_ASSURANCE', 'TECHNICAL', 'AFTER_SALES', 'SALES']);
// EXPIRED is never stored: an ACTIVE contract reads as EXPIRED once its effectiveTo has passed.
export const contractStatus = pgEnum('contract_status', ['DRAFT', 'IN_REVIEW', 'AWAITING_SIGNATURE', 'ACTIVE', 'EXPIRED', 'TERMINATED']);
export const party = pgEnum('party', ['COMPANY', 'PARTNER']);

export interface ClauseValue {
  heading: string;
  body: string;
}

/** A contract; its terms live in contract_versions, one row per version. */
export const contracts = pgTable(
  'contracts',
  {
    id: id(),
    number: text('number').notNull(),
    type: contractType('type').notNull(),
    status: contractStatus('status').notNull().default('DRAFT'),
    supplierId: uuid('supplier_id').references(() => suppliers.id),
    customerId: uuid('customer_id').references(() => customers.id),
    currency: text('currency').notNull(),
    /** The latest version (what expectedVersion is checked against). */
    version: integer('version').notNull().default(1),
    /** The signed version in force; null before the first activation. */
    inForceVersion: integer('in_force_version'),
    draftedById: text('drafted_by_id').notNull(),
    draftedByName: text('drafted_by_name').notNull(),
    approvedByName: text('approved_by_name'),
    /** When it was first offered to the partner for signature; partners never see it before. */
    offeredAt: instant('offered_at'),
    terminatedAt: instant('terminated_at'),
    terminationNote: text('termination_note'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('contracts_number_key').on(t.number),
    // A partner's contracts in their page's order (newest first, then id): read in order, stopped at the page.
    index('contracts_supplier_idx').on(t.supplierId, t.createdAt, t.id),
    index('contracts_customer_idx').on(t.customerId, t.createdAt, t.id),
    index('contracts_created_at_idx').on(t.createdAt, t.id),
    index('contracts_updated_at_idx').on(t.updatedAt, t.id),
    check('contracts_one_partner', sql`(${t.supplierId} is null) <> (${t.customerId} is null)`),
  ],
);

export const contractVersions = pgTable(
  'contract_versions',
  {
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }),
    effectiveTo: date('effective_to', { mode: 'string' }),
    paymentTermDays: integer('payment_term_days'),
    deliveryTerms: text('delivery_terms'),
    clauses: jsonb('clauses').$type<ClauseValue[]>().notNull().default(sql`'[]'::jsonb`),
    summary: text('summary').notNull(),
    changedById: text('changed_by_id').notNull(),
    changedByName: text('changed_by_name').notNull(),
    changedAt: instant('changed_at').notNull(),
    /** The contract's partner once it is offered to them, null before: written by triggers only, for row-level security (drizzle/0024). */
    offeredToSupplierId: uuid('offered_to_supplier_id').references(() => suppliers.id),
    offeredToCustomerId: uuid('offered_to_customer_id').references(() => customers.id),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.version] }), index('contract_versions_effective_to_idx').on(t.effectiveTo)],
);

export const contractItems = pgTable(
  'contract_items',
  {
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id),
    version: integer('version').notNull(),
    line: integer('line').notNull(),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    unitPrice: numeric('unit_price', { precision: 24, scale: 6 }).notNull(),
    minimumOrderQuantity: numeric('minimum_order_quantity', { precision: 24, scale: 6 }),
    leadTimeDays: integer('lead_time_days'),
    /** The contract's partner once it is offered to them, null before: written by triggers only, for row-level security (drizzle/0024). */
    offeredToSupplierId: uuid('offered_to_supplier_id').references(() => suppliers.id),
    offeredToCustomerId: uuid('offered_to_customer_id').references(() => customers.id),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.version, t.line] }), index('contract_items_part_idx').on(t.partId)],
);

export const contractSignatures = pgTable(
  'contract_signatures',
  {
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id),
    version: integer('version').notNull(),
    party: party('party').notNull(),
    signedById: text('signed_by_id').notNull(),
    signedByName: text('signed_by_name').notNull(),
    signedAt: instant('signed_at').notNull(),
    /** The contract's partner once it is offered to them, null before: written by triggers only, for row-level security (drizzle/0024). */
    offeredToSupplierId: uuid('offered_to_supplier_id').references(() => suppliers.id),
    offeredToCustomerId: uuid('offered_to_customer_id').references(() => customers.id),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.version, t.party] })],
);

export type ContractRow = typeof contracts.$inferSelect;
export type ContractVersionRow = typeof contractVersions.$inferSelect;
export type ContractItemRow = typeof contractItems.$inferSelect;
export type ContractSignatureRow = typeof contractSignatures.$inferSelect;
