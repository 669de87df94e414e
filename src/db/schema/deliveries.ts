import { sql } from 'drizzle-orm';
import { index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { RequiredDocument } from '../../domain/quality/delivery-documents.js';
import { id, instant, timestamps } from './columns.js';
import { orderLines, orders } from './orders.js';
import { customers, suppliers } from './partners.js';

export const deliveryStatus = pgEnum('delivery_status', ['PLANNED', 'DISPATCHED', 'IN_TRANSIT', 'DELAYED', 'ARRIVED', 'RECEIVED', 'CANCELLED']);

/** An advance shipping notice against one order. */
export const deliveries = pgTable(
  'deliveries',
  {
    id: id(),
    number: text('number').notNull(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    /**
     * The order's partner, copied from the order as the delivery is written (trigger
     * deliveries_partner, drizzle/0022): tenancy, in src/db/scope.ts and in row-level security,
     * compares a column of the delivery instead of looking up its order.
     */
    supplierId: uuid('supplier_id').references(() => suppliers.id),
    customerId: uuid('customer_id').references(() => customers.id),
    status: deliveryStatus('status').notNull().default('PLANNED'),
    carrier: text('carrier'),
    trackingNumber: text('tracking_number'),
    shippedAt: instant('shipped_at'),
    estimatedArrival: instant('estimated_arrival'),
    arrivedAt: instant('arrived_at'),
    receivedAt: instant('received_at'),
    /** The documents its quality agreements required when it was announced: [{ partId, kind, agreement, policy }]. */
    requiredDocuments: jsonb('required_documents').$type<RequiredDocument[]>().notNull().default(sql`'[]'::jsonb`),
    version: integer('version').notNull().default(1),
    ...timestamps(),
  },
  (t) => [uniqueIndex('deliveries_number_key').on(t.number), index('deliveries_order_idx').on(t.orderId, t.createdAt), index('deliveries_status_eta_idx').on(t.status, t.estimatedArrival), index('deliveries_created_at_idx').on(t.createdAt, t.id), index('deliveries_updated_at_idx').on(t.updatedAt, t.id), index('deliveries_supplier_idx').on(t.supplierId, t.createdAt, t.id), index('deliveries_customer_idx').on(t.customerId, t.createdAt, t.id)],
);

/**
 * The delivery's partner on its lines and events, copied from the delivery as a row is written
 * (triggers delivery_lines_partner and delivery_events_partner, drizzle/0026): their row-level
 * security compares these columns instead of looking up the delivery for every row read.
 */
const deliveryPartner = () => ({
  supplierId: uuid('supplier_id').references(() => suppliers.id),
  customerId: uuid('customer_id').references(() => customers.id),
});

export const deliveryLines = pgTable(
  'delivery_lines',
  {
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => deliveries.id),
    orderLineId: uuid('order_line_id')
      .notNull()
      .references(() => orderLines.id),
    quantity: numeric('quantity', { precision: 24, scale: 6 }).notNull(),
    lotNumber: text('lot_number'),
    receivedQuantity: numeric('received_quantity', { precision: 24, scale: 6 }),
    ...deliveryPartner(),
  },
  (t) => [primaryKey({ columns: [t.deliveryId, t.orderLineId] }), index('delivery_lines_order_line_idx').on(t.orderLineId)],
);

export const deliveryEvents = pgTable(
  'delivery_events',
  {
    id: id(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => deliveries.id),
    status: deliveryStatus('status').notNull(),
    occurredAt: instant('occurred_at').notNull(),
    location: text('location'),
    note: text('note'),
    estimatedArrival: instant('estimated_arrival'),
    recordedAt: instant('recorded_at').notNull().defaultNow(),
    ...deliveryPartner(),
  },
  (t) => [index('delivery_events_delivery_idx').on(t.deliveryId, t.occurredAt)],
);

export type DeliveryRow = typeof deliveries.$inferSelect;
export type DeliveryLineRow = typeof deliveryLines.$inferSelect;
export type DeliveryEventRow = typeof deliveryEvents.$inferSelect;
