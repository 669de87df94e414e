import { sql } from 'drizzle-orm';
import { check, date, index, integer, numeric, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, instant, timestamps } from './columns.js';
import { contracts, party } from './contracts.js';
import { customers, parts, suppliers } from './partners.js';

export const orderDirection = pgEnum('order_direction', ['PURCHASE', 'SALES']);
export const orderStatus = pgEnum('order_status', ['DRAFT', 'ISSUED', 'ACKNOWLEDGED', 'REJECTED', 'PARTIALLY_DELIVERED', 'DELIVERED', 'CLOSED', 'CANCELLED']);
export const changeRequestStatus = pgEnum('change_request_status', ['PENDING', 'ACCEPTED', 'REJECTED', 'WITHDRAWN']);

const quantity = (name: string) => numeric(name, { precision: 24, scale: 6 });

export const orders = pgTable(
  'orders',
  {
    id: id(),
    number: text('number').notNull(),
    direction: orderDirection('direction').notNull(),
    status: orderStatus('status').notNull().default('DRAFT'),
    supplierId: uuid('supplier_id').references(() => suppliers.id),
    customerId: uuid('customer_id').references(() => customers.id),
    contractId: uuid('contract_id').references(() => contracts.id),
    currency: text('currency').notNull(),
    /** Earliest requested date of its lines, kept with the lines: lists sort and filter by it. */
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    issuedAt: instant('issued_at'),
    acknowledgedAt: instant('acknowledged_at'),
    createdById: text('created_by_id').notNull(),
    note: text('note'),
    version: integer('version').notNull().default(1),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('orders_number_key').on(t.number),
    index('orders_supplier_status_due_idx').on(t.supplierId, t.status, t.dueDate, t.id),
    index('orders_customer_status_due_idx').on(t.customerId, t.status, t.dueDate, t.id),
    // A partner's page in its default order (due date) without a status filter: read in order, stopped at the page.
    index('orders_supplier_due_idx').on(t.supplierId, t.dueDate, t.id),
    index('orders_customer_due_idx').on(t.customerId, t.dueDate, t.id),
    index('orders_due_idx').on(t.dueDate, t.id),
    index('orders_created_at_idx').on(t.createdAt, t.id),
    index('orders_updated_at_idx').on(t.updatedAt, t.id),
    check('orders_one_partner', sql`(${t.supplierId} is null) <> (${t.customerId} is null)`),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    lineNumber: integer('line_number').notNull(),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    quantity: quantity('quantity').notNull(),
    unitPrice: quantity('unit_price').notNull(),
    requestedDate: date('requested_date', { mode: 'string' }).notNull(),
    confirmedQuantity: quantity('confirmed_quantity'),
    confirmedDate: date('confirmed_date', { mode: 'string' }),
    /** Received so far, booked by receiveDelivery in the receipt's transaction. */
    deliveredQuantity: quantity('delivered_quantity').notNull().default('0'),
    acceptedQuantity: quantity('accepted_quantity').notNull().default('0'),
  },
  (t) => [uniqueIndex('order_lines_order_line_key').on(t.orderId, t.lineNumber), index('order_lines_part_idx').on(t.partId)],
);

export const orderChangeRequests = pgTable(
  'order_change_requests',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    requestedBy: party('requested_by').notNull(),
    requestedById: text('requested_by_id').notNull(),
    reason: text('reason').notNull(),
    status: changeRequestStatus('status').notNull().default('PENDING'),
    respondBy: instant('respond_by'),
    decidedAt: instant('decided_at'),
    decidedByName: text('decided_by_name'),
    decisionNote: text('decision_note'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('order_change_requests_order_idx').on(t.orderId, t.createdAt),
    // At most one PENDING request per order, even under concurrent requests.
    uniqueIndex('order_change_requests_one_pending').on(t.orderId).where(sql`${t.status} = 'PENDING'`),
  ],
);

/**
 * How many orders each partner has in each direction and status, kept exact by a trigger on orders in
 * the transaction of every change (migration 0012): company-wide figures (open orders, the suppliers
 * ranked by them) read a row per partner instead of every order.
 */
export const orderCounts = pgTable(
  'order_counts',
  {
    /** The supplier or customer. */
    partnerId: uuid('partner_id').notNull(),
    direction: orderDirection('direction').notNull(),
    status: orderStatus('status').notNull(),
    orders: integer('orders').notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.direction, t.status] }), index('order_counts_direction_status_idx').on(t.direction, t.status)],
);

export const orderLineChanges = pgTable(
  'order_line_changes',
  {
    changeRequestId: uuid('change_request_id')
      .notNull()
      .references(() => orderChangeRequests.id),
    lineId: uuid('line_id')
      .notNull()
      .references(() => orderLines.id),
    quantity: quantity('quantity'),
    requestedDate: date('requested_date', { mode: 'string' }),
    unitPrice: quantity('unit_price'),
  },
  (t) => [index('order_line_changes_request_idx').on(t.changeRequestId)],
);

export type OrderRow = typeof orders.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;
export type OrderChangeRequestRow = typeof orderChangeRequests.$inferSelect;
export type OrderLineChangeRow = typeof orderLineChanges.$inferSelect;
