import { and, asc, count, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer.js';
import { anyId } from '../any-id.js';
import type { Queryable } from '../client.js';
import { keysetPage, type Page, type PageArgs, type SortKey } from '../pagination.js';
import { type InvoiceDeductionRow, type InvoiceLineRow, type InvoicePaymentRow, type InvoiceRow, invoiceDeductions, invoiceLines, invoicePayments, invoices, orderLines } from '../schema/index.js';
import { visibility } from '../scope.js';
import { type ChangedSince, changedSince } from './changed-since.js';

export interface InvoiceFilter extends ChangedSince {
  status?: InvoiceRow['status'][] | null;
  supplierId?: string | null;
  overdue?: boolean | null;
}

/** The SQL twin of isOverdue() in src/domain/invoices/rules.ts. */
export function overdueInvoice(today: string): SQL {
  return sql`(${invoices.status} in ('APPROVED', 'PARTIALLY_PAID') and ${invoices.dueDate} < ${today} and ${invoices.gross} - ${invoices.deductionTotal} - ${invoices.paidTotal} > 0)`;
}

export function invoiceConditions(viewer: Viewer, filter: InvoiceFilter | null | undefined, today: string): SQL | undefined {
  return and(
    visibility(viewer).invoices,
    ...changedSince(invoices, filter),
    filter?.status?.length ? inArray(invoices.status, filter.status) : undefined,
    filter?.supplierId ? eq(invoices.supplierId, filter.supplierId) : undefined,
    filter?.overdue === true ? overdueInvoice(today) : filter?.overdue === false ? sql`not ${overdueInvoice(today)}` : undefined,
  );
}

/** Newest first. */
export const invoiceSort: SortKey<InvoiceRow> = { name: 'created', expression: invoices.createdAt, cast: 'timestamptz', value: (r) => r.createdAt.toISOString(), descending: true };

export function listInvoices(db: Queryable, args: PageArgs, where: SQL | undefined): Promise<Page<InvoiceRow>> {
  return keysetPage<InvoiceRow>({
    args,
    sort: invoiceSort,
    idColumn: invoices.id,
    id: (r) => r.id,
    fetch: (cursor, orderBy, limit) =>
      db
        .select()
        .from(invoices)
        .where(and(where, cursor))
        .orderBy(...orderBy)
        .limit(limit),
    count: async () => (await db.select({ n: count() }).from(invoices).where(where))[0]!.n,
  });
}

export function invoicesByIds(db: Queryable, viewer: Viewer, ids: readonly string[]): Promise<InvoiceRow[]> {
  return db
    .select()
    .from(invoices)
    .where(and(anyId(invoices.id, ids), visibility(viewer).invoices));
}

/** Lines of invoices, in order line order. */
export async function invoiceLinesByInvoiceIds(db: Queryable, ids: readonly string[]): Promise<InvoiceLineRow[]> {
  const rows = await db
    .select({ line: invoiceLines })
    .from(invoiceLines)
    .innerJoin(orderLines, eq(orderLines.id, invoiceLines.orderLineId))
    .where(anyId(invoiceLines.invoiceId, ids))
    .orderBy(asc(orderLines.lineNumber), asc(invoiceLines.id));
  return rows.map((r) => r.line);
}

export function deductionsByInvoiceIds(db: Queryable, ids: readonly string[]): Promise<InvoiceDeductionRow[]> {
  return db.select().from(invoiceDeductions).where(anyId(invoiceDeductions.invoiceId, ids)).orderBy(asc(invoiceDeductions.clause), asc(invoiceDeductions.id));
}

export function paymentsByInvoiceIds(db: Queryable, ids: readonly string[]): Promise<InvoicePaymentRow[]> {
  return db.select().from(invoicePayments).where(anyId(invoicePayments.invoiceId, ids)).orderBy(asc(invoicePayments.paidOn), asc(invoicePayments.createdAt), asc(invoicePayments.id));
}
