import { sql } from 'drizzle-orm';
import { integer, jsonb, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import type { ManufacturingValue, MaterialValue, TransportValue } from '../../domain/partners/capability.js';
import { id, instant, timestamps } from './columns.js';
import { parts, suppliers } from './partners.js';

/**
 * A supplier's supply capability, kept by its own users and reviewed by staff: key materials,
 * manufacturing and transport. Monthly capacity per part is in part_capacities.
 */
export const supplyCapabilities = pgTable('supply_capabilities', {
  id: id(),
  supplierId: uuid('supplier_id')
    .notNull()
    .unique()
    .references(() => suppliers.id),
  materials: jsonb('materials').$type<MaterialValue[]>().notNull().default(sql`'[]'::jsonb`),
  manufacturing: jsonb('manufacturing').$type<ManufacturingValue>().notNull(),
  transport: jsonb('transport').$type<TransportValue>().notNull(),
  /** SUBMITTED by the supplier, REVIEWED by staff (a new submission needs a new review). */
  reviewStatus: text('review_status', { enum: ['SUBMITTED', 'REVIEWED'] }).notNull(),
  reviewedByName: text('reviewed_by_name'),
  reviewedAt: instant('reviewed_at'),
  reviewNote: text('review_note'),
  updatedByName: text('updated_by_name').notNull(),
  version: integer('version').notNull().default(1),
  ...timestamps(),
});

/** How much of a part a supplier can make in a month. */
export const partCapacities = pgTable(
  'part_capacities',
  {
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    monthlyCapacity: numeric('monthly_capacity', { precision: 24, scale: 6 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.supplierId, t.partId] })],
);

export type SupplyCapabilityRow = typeof supplyCapabilities.$inferSelect;
export type PartCapacityRow = typeof partCapacities.$inferSelect;
