import { date, index, integer, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, instant, timestamps } from './columns.js';
import { orderLines, orders } from './orders.js';
import { suppliers } from './partners.js';

const money = (name: string) => numeric(name, { precision: 24, scale: 6 });

/**
 * A supplier's invoice for accepted quantities of one purchase order ("the order flipped to an
 * invoice"), matched three ways (order price, accepted quantity, invoice) line by line, approved or
 * disputed by staff and paid, in part or in full. Amounts are exact decimals.
 */
export const invoices = pgTable(
  'invoices',
  {
    id: id(),
    number: text('number').notNull(),
    /** The supplier's own number for it; one per supplier. */
    supplierReference: text('supplier_reference').notNull(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    currency: text('currency').notNull(),
    invoiceDate: date('invoice_date', { mode: 'string' }).notNull(),
    /** invoiceDate plus the contract's payment terms (or the default). */
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['SUBMITTED', 'APPROVED', 'DISPUTED', 'PARTIALLY_PAID', 'PAID'] }).notNull(),
    /** MATCHED when every line is; EXCEPTION otherwise (the reasons are on the lines). */
    matchStatus: text('match_status', { enum: ['MATCHED', 'EXCEPTION'] }).notNull(),
    gross: money('gross').notNull(),
    deductionTotal: money('deduction_total').notNull().default('0'),
    paidTotal: money('paid_total').notNull().default('0'),
    /** Why staff dispute it; the supplier sees it. */
    disputeReason: text('dispute_reason'),
    /** The day the last payment made it PAID. */
    paidOn: date('paid_on', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdById: text('created_by_id').notNull(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('invoices_number_key').on(t.number),
    uniqueIndex('invoices_supplier_reference_key').on(t.supplierId, t.supplierReference),
    index('invoices_supplier_idx').on(t.supplierId, t.dueDate),
    // A supplier's page of invoices in its order (newest first): read in order, stopped at the page.
    index('invoices_supplier_created_at_idx').on(t.supplierId, t.createdAt, t.id),
    index('invoices_order_idx').on(t.orderId),
    index('invoices_created_at_idx').on(t.createdAt, t.id),
  ],
);

export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: id(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    orderLineId: uuid('order_line_id')
      .notNull()
      .references(() => orderLines.id),
    quantity: money('quantity').notNull(),
    unitPrice: money('unit_price').notNull(),
    amount: money('amount').notNull(),
    matchStatus: text('match_status', { enum: ['MATCHED', 'EXCEPTION'] }).notNull(),
    matchReasons: text('match_reasons').array().notNull(),
  },
  (t) => [index('invoice_lines_invoice_idx').on(t.invoiceId), index('invoice_lines_order_line_idx').on(t.orderLineId)],
);

/** A deduction from what is paid, citing the clause of the order's contract that names the charge. */
export const invoiceDeductions = pgTable(
  'invoice_deductions',
  {
    id: id(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    clause: text('clause').notNull(),
    description: text('description').notNull(),
    amount: money('amount').notNull(),
  },
  (t) => [index('invoice_deductions_invoice_idx').on(t.invoiceId)],
);

export const invoicePayments = pgTable(
  'invoice_payments',
  {
    id: id(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    amount: money('amount').notNull(),
    reference: text('reference').notNull(),
    recordedByName: text('recorded_by_name').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [index('invoice_payments_invoice_idx').on(t.invoiceId, t.paidOn)],
);

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
export type InvoiceDeductionRow = typeof invoiceDeductions.$inferSelect;
export type InvoicePaymentRow = typeof invoicePayments.$inferSelect;
