import { eq, sql } from 'drizzle-orm';
import { invoiceConditions, invoiceSort, overdueInvoice } from '../db/queries/invoices.js';
import { invoiceDeductions, invoiceLines, invoicePayments, invoices, orderLines, orders, suppliers } from '../db/schema/index.js';
import { column, decimal, globalId, instant } from '../read/fields.js';
import { filterId } from '../read/filters.js';
import { type ConnectionModel, list, object, type RootModel, type TableModel, table, value } from '../read/model.js';
import { sortOf } from '../read/sort.js';
import type { InvoiceFilter } from './invoices.js';
import { orderLineModel, orderModel } from './orders.read.js';
import { supplierModel } from './partners.read.js';

/** Read models of invoices (see src/read/model.ts). */

const lineModel = table({
  type: 'InvoiceLine',
  from: sql`${invoiceLines}`,
  scope: () => undefined,
  fields: {
    orderLine: object(() => orderLineModel, eq(orderLines.id, invoiceLines.orderLineId)),
    quantity: decimal(invoiceLines.quantity),
    unitPrice: decimal(invoiceLines.unitPrice),
    amount: decimal(invoiceLines.amount),
    matchStatus: column(invoiceLines.matchStatus),
    matchReasons: column(invoiceLines.matchReasons),
  },
});

const deductionModel = table({
  type: 'InvoiceDeduction',
  from: sql`${invoiceDeductions}`,
  scope: () => undefined,
  fields: { clause: column(invoiceDeductions.clause), description: column(invoiceDeductions.description), amount: decimal(invoiceDeductions.amount) },
});

const paymentModel = table({
  type: 'InvoicePayment',
  from: sql`${invoicePayments}`,
  scope: () => undefined,
  fields: { paidOn: column(invoicePayments.paidOn), amount: decimal(invoicePayments.amount), reference: column(invoicePayments.reference) },
});

/** Lines in order line order, as the executed path lists them. */
const lineOrder = sql`(select ${orderLines.lineNumber} from ${orderLines} where ${orderLines.id} = ${invoiceLines.orderLineId}), ${invoiceLines.id}`;

export const invoiceModel: TableModel = table({
  type: 'Invoice',
  from: sql`${invoices}`,
  key: invoices.id,
  scope: (env) => env.scope.invoices,
  fields: {
    id: globalId('Invoice', invoices.id),
    number: column(invoices.number),
    supplierReference: column(invoices.supplierReference),
    supplier: object(() => supplierModel, eq(suppliers.id, invoices.supplierId)),
    order: object(() => orderModel, eq(orders.id, invoices.orderId)),
    currency: column(invoices.currency),
    invoiceDate: column(invoices.invoiceDate),
    dueDate: column(invoices.dueDate),
    status: column(invoices.status),
    matchStatus: column(invoices.matchStatus),
    lines: list(() => lineModel, eq(invoiceLines.invoiceId, invoices.id), lineOrder),
    deductions: list(() => deductionModel, eq(invoiceDeductions.invoiceId, invoices.id), sql`${invoiceDeductions.clause}, ${invoiceDeductions.id}`),
    payments: list(() => paymentModel, eq(invoicePayments.invoiceId, invoices.id), sql`${invoicePayments.paidOn}, ${invoicePayments.createdAt}, ${invoicePayments.id}`),
    gross: decimal(invoices.gross),
    deductionTotal: decimal(invoices.deductionTotal),
    paidTotal: decimal(invoices.paidTotal),
    outstanding: decimal(sql`${invoices.gross} - ${invoices.deductionTotal} - ${invoices.paidTotal}`),
    overdue: value((env) => overdueInvoice(env.today)),
    disputeReason: column(invoices.disputeReason),
    paidOn: column(invoices.paidOn),
    version: column(invoices.version),
    createdAt: instant(invoices.createdAt),
    updatedAt: instant(invoices.updatedAt),
  },
});

export const invoiceConnection: ConnectionModel = {
  type: 'InvoiceConnection',
  node: () => invoiceModel,
  where: (env, args) => {
    const filter = args.filter as InvoiceFilter | null | undefined;
    return invoiceConditions(env.viewer, filter ? { ...filter, supplierId: filterId(filter.supplierId, 'Supplier'), status: filter.status as never } : null, env.today);
  },
  sort: () => sortOf(invoiceSort, invoices.id, invoiceSort.descending),
  backward: true,
};

export const invoiceRoots: Record<string, RootModel> = {
  invoices: { kind: 'connection', connection: () => invoiceConnection },
};
