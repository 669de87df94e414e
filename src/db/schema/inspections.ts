import { boolean, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, instant, timestamps } from './columns.js';
import { deliveries } from './deliveries.js';
import { orderLines } from './orders.js';
import { parts, suppliers } from './partners.js';
import { inspectionLevel, qualityAgreements } from './quality.js';

export const inspectionResult = pgEnum('inspection_result', ['PENDING', 'ACCEPTED', 'REJECTED']);
export const inspectionSeverity = pgEnum('inspection_severity', ['NORMAL', 'TIGHTENED', 'REDUCED']);

/** An incoming inspection of one received purchase line, with the sampling plan fixed at receipt. */
export const inspections = pgTable(
  'inspections',
  {
    id: id(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => deliveries.id),
    orderLineId: uuid('order_line_id')
      .notNull()
      .references(() => orderLines.id),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    qualityAgreementId: uuid('quality_agreement_id').references(() => qualityAgreements.id),
    lotNumber: text('lot_number'),
    lotSize: integer('lot_size').notNull(),
    /** The received quantity the lot stands for (the lot size is it rounded up to whole items). */
    receivedQuantity: numeric('received_quantity', { precision: 24, scale: 6 }).notNull(),
    aql: numeric('aql', { precision: 8, scale: 3 }).notNull(),
    inspectionLevel: inspectionLevel('inspection_level').notNull(),
    severity: inspectionSeverity('severity').notNull(),
    codeLetter: text('code_letter').notNull(),
    sampleSize: integer('sample_size').notNull(),
    acceptNumber: integer('accept_number').notNull(),
    rejectNumber: integer('reject_number').notNull(),
    sourceInspection: boolean('source_inspection').notNull(),
    defectsFound: integer('defects_found'),
    result: inspectionResult('result').notNull().default('PENDING'),
    inspectedByName: text('inspected_by_name'),
    inspectedAt: instant('inspected_at'),
    note: text('note'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('inspections_delivery_line_key').on(t.deliveryId, t.orderLineId),
    index('inspections_supplier_part_idx').on(t.supplierId, t.partId, t.createdAt),
    index('inspections_result_idx').on(t.result),
  ],
);

export type InspectionRow = typeof inspections.$inferSelect;

/** The ISO 2859-1 switching state of a supplier's part: the severity its next lots are inspected at. */
export const inspectionSwitching = pgTable(
  'inspection_switching',
  {
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    severity: inspectionSeverity('severity').notNull().default('NORMAL'),
    /** Deliveries of the part are refused until quality staff reinstate inspection. */
    discontinued: boolean('discontinued').notNull().default(false),
    switchingScore: integer('switching_score').notNull().default(0),
    recentNormal: jsonb('recent_normal').$type<boolean[]>().notNull().default([]),
    acceptedInARow: integer('accepted_in_a_row').notNull().default(0),
    notAcceptedOnTightened: integer('not_accepted_on_tightened').notNull().default(0),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.supplierId, t.partId] })],
);

export type InspectionSwitchingRow = typeof inspectionSwitching.$inferSelect;
