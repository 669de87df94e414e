import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from './columns.js';
import { orders } from './orders.js';
import { suppliers } from './partners.js';

/**
 * X12 interchanges exchanged with a supplier: the 850s sent and the 855s and 856s received, with the
 * 997 that answered each received one. A received interchange is applied once per control number
 * (ISA13): sent again, it is answered with the same 997.
 */
export const ediInterchanges = pgTable(
  'edi_interchanges',
  {
    id: id(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    direction: text('direction', { enum: ['INBOUND', 'OUTBOUND'] }).notNull(),
    /** ISA13, nine digits. */
    controlNumber: text('control_number').notNull(),
    /** The transaction sets, as "855:0001" (ST01:ST02). */
    transactionSets: text('transaction_sets').array().notNull(),
    /** An 850's order. */
    orderId: uuid('order_id').references(() => orders.id),
    /** INBOUND: ACCEPTED, PARTIALLY_ACCEPTED or REJECTED (the 997's AK9); OUTBOUND: SENT. */
    status: text('status', { enum: ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED', 'SENT'] }).notNull(),
    /** The document as exchanged. */
    document: text('document').notNull(),
    /** INBOUND: the 997 sent back. */
    acknowledgement: text('acknowledgement'),
    createdById: text('created_by_id').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('edi_interchanges_control_key').on(t.supplierId, t.direction, t.controlNumber), index('edi_interchanges_order_idx').on(t.orderId)],
);

export type EdiInterchangeRow = typeof ediInterchanges.$inferSelect;
