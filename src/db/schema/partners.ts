import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, instant, timestamps } from './columns.js';

export const supplierStatus = pgEnum('supplier_status', ['CANDIDATE', 'APPROVED', 'CONDITIONAL', 'SUSPENDED', 'DISQUALIFIED']);
// Declaration order is importance order, so min() gives the most important class.
export const importanceClass = pgEnum('importance_class', ['I', 'II', 'III']);
export const supplierGrade = pgEnum('supplier_grade', ['A', 'B', 'C', 'D']);
export const sourcingStatus = pgEnum('sourcing_status', ['TRIAL', 'APPROVED', 'PHASING_OUT']);

export interface ContactValue {
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  primary: boolean;
}

export interface CertificationValue {
  standard: string;
  certificateNumber: string | null;
  validUntil: string | null;
}

export const suppliers = pgTable(
  'suppliers',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    country: text('country'),
    contacts: jsonb('contacts').$type<ContactValue[]>().notNull().default(sql`'[]'::jsonb`),
    status: supplierStatus('status').notNull().default('CANDIDATE'),
    grade: supplierGrade('grade'),
    /** Quality staff allow reduced inspection of this supplier's lots (ISO 2859-1 switching). */
    reducedInspectionAllowed: boolean('reduced_inspection_allowed').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('suppliers_code_key').on(t.code),
    index('suppliers_name_idx').on(t.name, t.id),
    index('suppliers_created_at_idx').on(t.createdAt, t.id),
    index('suppliers_updated_at_idx').on(t.updatedAt, t.id),
  ],
);

export const supplierSurveys = pgTable(
  'supplier_surveys',
  {
    id: id(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    surveyedAt: instant('surveyed_at').notNull().defaultNow(),
    surveyedBy: text('surveyed_by').notNull(),
    taxCompliant: boolean('tax_compliant'),
    cpk: numeric('cpk', { precision: 6, scale: 3 }),
    certifications: jsonb('certifications').$type<CertificationValue[]>().notNull().default(sql`'[]'::jsonb`),
    mainCustomers: jsonb('main_customers').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    capacityNotes: text('capacity_notes'),
    findings: text('findings'),
  },
  (t) => [index('supplier_surveys_supplier_idx').on(t.supplierId, t.surveyedAt)],
);

export const customers = pgTable(
  'customers',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    country: text('country'),
    industry: text('industry'),
    contacts: jsonb('contacts').$type<ContactValue[]>().notNull().default(sql`'[]'::jsonb`),
    ...timestamps(),
  },
  (t) => [uniqueIndex('customers_code_key').on(t.code), index('customers_name_idx').on(t.name, t.id), index('customers_created_at_idx').on(t.createdAt, t.id), index('customers_updated_at_idx').on(t.updatedAt, t.id)],
);

export const parts = pgTable(
  'parts',
  {
    id: id(),
    partNumber: text('part_number').notNull(),
    description: text('description').notNull(),
    unit: text('unit').notNull(),
    importanceClass: importanceClass('importance_class').notNull(),
    revision: text('revision'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('parts_part_number_key').on(t.partNumber), index('parts_created_at_idx').on(t.createdAt, t.id), index('parts_updated_at_idx').on(t.updatedAt, t.id)],
);

export const sourcedParts = pgTable(
  'sourced_parts',
  {
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    status: sourcingStatus('status').notNull(),
    sharePercent: integer('share_percent'),
    approvedAt: instant('approved_at'),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.partId, t.supplierId] }), index('sourced_parts_supplier_idx').on(t.supplierId, t.partId)],
);

export type SupplierRow = typeof suppliers.$inferSelect;
export type SupplierSurveyRow = typeof supplierSurveys.$inferSelect;
export type CustomerRow = typeof customers.$inferSelect;
export type PartRow = typeof parts.$inferSelect;
export type SourcedPartRow = typeof sourcedParts.$inferSelect;
