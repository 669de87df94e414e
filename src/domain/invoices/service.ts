import { randomUUID } from 'node:crypto';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/client.js';
import { visibility } from '../../db/scope.js';
import { contracts, contractVersions, type InvoiceRow, invoiceDeductions, invoiceLines, invoicePayments, invoices, orderLines, orders } from '../../db/schema/index.js';
import { type Message, msg } from '../../i18n/message.js';
import { recordActivity } from '../activity/record.js';
import { compare, normalize } from '../shared/decimal.js';
import { Forbidden } from '../shared/errors.js';
import { claimIdempotencyKey } from '../shared/idempotency.js';
import { idOfType } from '../shared/ids.js';
import { nextNumber } from '../shared/numbers.js';
import { fail, failAll, ok, type Result, type UserError } from '../shared/result.js';
import { inTransaction, type ServiceContext } from '../shared/service.js';
import { optionalVersion, positiveDecimal, requiredText, validateInput } from '../shared/validation.js';
import { dueDateOf, type InvoiceStatus, invoiceTransition, lineAmount, type MatchTolerances, matchLine, outstanding, sum } from './rules.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg`A date is written YYYY-MM-DD.`);

const submitInput = z.object({
  orderId: z.string(),
  supplierReference: requiredText('supplierReference', 100),
  invoiceDate: isoDate,
  lines: z
    .array(z.object({ orderLineId: z.string(), quantity: positiveDecimal('Quantity'), unitPrice: positiveDecimal('Unit price') }))
    .min(1, msg`An invoice has at least one line.`)
    .max(250)
    .refine((ls) => new Set(ls.map((l) => l.orderLineId)).size === ls.length, msg`Each order line appears once per invoice.`),
  idempotencyKey: z.string().min(1).max(200).nullish(),
});
const approveInput = z.object({
  id: z.string(),
  expectedVersion: optionalVersion,
  deductions: z
    .array(z.object({ clause: requiredText('clause', 200), description: requiredText('description', 500), amount: positiveDecimal('Amount') }))
    .max(50)
    .nullish()
    .transform((v) => v ?? []),
});
const disputeInput = z.object({ id: z.string(), expectedVersion: optionalVersion, reason: requiredText('reason', 2000) });
const paymentInput = z.object({ id: z.string(), expectedVersion: optionalVersion, paidOn: isoDate, amount: positiveDecimal('Amount'), reference: requiredText('reference', 100), idempotencyKey: z.string().min(1).max(200).nullish() });

/** Invoicing settings (configuration: INVOICE_PRICE_TOLERANCE_PERCENT, INVOICE_QUANTITY_TOLERANCE_PERCENT, DEFAULT_PAYMENT_TERM_DAYS). */
export interface InvoiceSettings extends MatchTolerances {
  defaultPaymentTermDays: number;
}

/** Statuses whose lines count as invoiced (a disputed invoice claims nothing until approved again). */
const claiming: InvoiceStatus[] = ['SUBMITTED', 'APPROVED', 'PARTIALLY_PAID', 'PAID'];

async function activity(tx: Tx, ctx: ServiceContext, invoice: InvoiceRow, kind: string, summary: string) {
  await recordActivity(tx, ctx.viewer, ctx.now(), { kind, subjectType: 'Invoice', subjectId: invoice.id, supplierId: invoice.supplierId, orderId: invoice.orderId, summary });
}

/**
 * A supplier invoices accepted quantities of one of its purchase orders: each line is matched three
 * ways (order price, accepted quantity less what was invoiced before, the invoice) and the invoice
 * is due after the contract's payment terms. An EXCEPTION is recorded, not refused: staff decide.
 */
export function submitInvoice(ctx: ServiceContext, settings: InvoiceSettings, input: unknown): Promise<Result<InvoiceRow>> {
  const valid = validateInput(submitInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  const orderId = idOfType(v.orderId, 'Order');
  if (orderId === null) return Promise.resolve(fail('NOT_FOUND', ['input', 'orderId'], msg`No order with this id.`));
  return inTransaction(
    ctx,
    async (tx) => {
      const [order] = await tx
        .select()
        .from(orders)
        .where(and(eq(orders.id, orderId), visibility(ctx.viewer).orders))
        .for('update');
      if (order === undefined || order.direction !== 'PURCHASE') return fail('NOT_FOUND', ['input', 'orderId'], msg`No order with this id.`);
      if (ctx.viewer.organization?.id !== order.supplierId) throw new Forbidden(msg`The order's supplier invoices it.`);
      const id = randomUUID();
      const now = ctx.now();
      if (v.idempotencyKey != null) {
        const claim = await claimIdempotencyKey(tx, { userId: ctx.viewer.id, operation: 'submitInvoice', key: v.idempotencyKey, input, newId: id, now });
        if (!claim.ok) return claim;
        if (!claim.value.first) return ok((await tx.select().from(invoices).where(eq(invoices.id, claim.value.resultId)))[0]!);
      }
      const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id));
      const invoiced = new Map(
        (
          await tx
            .select({ orderLineId: invoiceLines.orderLineId, quantity: sql<string>`sum(${invoiceLines.quantity})::text` })
            .from(invoiceLines)
            .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
            .where(and(eq(invoices.orderId, order.id), inArray(invoices.status, claiming)))
            .groupBy(invoiceLines.orderLineId)
        ).map((r) => [r.orderLineId, r.quantity]),
      );
      const errors: UserError[] = [];
      const matched = v.lines.map((l, i) => {
        const lineId = idOfType(l.orderLineId, 'OrderLine');
        const line = lines.find((x) => x.id === lineId);
        if (line === undefined) {
          errors.push({ code: 'NOT_FOUND', field: ['input', 'lines', String(i), 'orderLineId'], message: msg`No line of this order has this id.` });
          return null;
        }
        const match = matchLine(l, { unitPrice: line.unitPrice, accepted: line.acceptedQuantity, invoiced: invoiced.get(line.id) ?? '0' }, settings);
        return { orderLineId: line.id, quantity: normalize(l.quantity), unitPrice: normalize(l.unitPrice), amount: lineAmount(l.quantity, l.unitPrice), matchStatus: match.status, matchReasons: match.reasons };
      });
      if (errors.length > 0) return failAll(errors);
      const terms = order.contractId === null ? null : await paymentTerms(tx, order.contractId);
      const values = matched.map((m) => m!);
      const number = await nextNumber(tx, 'INV', now);
      const [row] = await tx
        .insert(invoices)
        .values({
          id,
          number,
          supplierReference: v.supplierReference,
          supplierId: order.supplierId!,
          orderId: order.id,
          currency: order.currency,
          invoiceDate: v.invoiceDate,
          dueDate: dueDateOf(v.invoiceDate, terms, settings.defaultPaymentTermDays),
          status: 'SUBMITTED',
          matchStatus: values.every((m) => m.matchStatus === 'MATCHED') ? 'MATCHED' : 'EXCEPTION',
          gross: sum(values.map((m) => m.amount)),
          createdById: ctx.viewer.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await tx.insert(invoiceLines).values(values.map((m) => ({ ...m, invoiceId: id })));
      await activity(tx, ctx, row!, 'INVOICE_SUBMITTED', `Invoice ${number} (${v.supplierReference}) for order ${order.number} submitted: ${row!.gross} ${order.currency}, ${row!.matchStatus}, due ${row!.dueDate}.`);
      return ok(row!);
    },
    { code: 'DUPLICATE', field: ['input', 'supplierReference'], message: msg`This supplier already submitted an invoice with this reference.` },
  );
}

/** The payment terms of the version of a contract in force. */
async function paymentTerms(tx: Tx, contractId: string): Promise<number | null> {
  const [row] = await tx
    .select({ days: contractVersions.paymentTermDays })
    .from(contracts)
    .innerJoin(contractVersions, and(eq(contractVersions.contractId, contracts.id), eq(contractVersions.version, sql`coalesce(${contracts.inForceVersion}, ${contracts.version})`)))
    .where(eq(contracts.id, contractId));
  return row?.days ?? null;
}

/** An invoice staff may act on, locked, with its version checked. */
async function lockInvoice(tx: Tx, ctx: ServiceContext, globalId: string, expectedVersion: number | null): Promise<Result<InvoiceRow>> {
  if (ctx.viewer.organization !== null) throw new Forbidden(msg`Staff approve, dispute and pay invoices.`);
  const id = idOfType(globalId, 'Invoice');
  const [invoice] = id === null ? [] : await tx.select().from(invoices).where(eq(invoices.id, id)).for('update');
  if (invoice === undefined) return fail('NOT_FOUND', ['input', 'id'], msg`No invoice with this id.`);
  if (expectedVersion !== null && expectedVersion !== invoice.version) return fail('VERSION_CONFLICT', ['input', 'expectedVersion'], msg`The invoice is at version ${invoice.version}; reload it and try again.`);
  return ok(invoice);
}

/**
 * Staff approve an invoice for payment, with deductions: each must cite a clause (by its heading)
 * of the order's contract in force, which is what names the charge; none is allowed without one.
 */
export function approveInvoice(ctx: ServiceContext, input: unknown): Promise<Result<InvoiceRow>> {
  return invoiceStep(ctx, approveInput, input, 'approve', (status) => msg`A ${status} invoice cannot be approved.`, async (tx, invoice, to, v) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, invoice.orderId));
    const clauses = await contractClauses(tx, order!.contractId);
    const errors: UserError[] = [];
    v.deductions.forEach((d, i) => {
      if (!clauses.includes(d.clause)) {
        errors.push({
          code: 'INVALID',
          field: ['input', 'deductions', String(i), 'clause'],
          message: clauses.length === 0 ? msg`Order ${order!.number} has no contract in force: no charge may be deducted.` : msg`The contract names no clause "${d.clause}"; a deduction cites one of: ${clauses.join('; ')}.`,
        });
      }
    });
    const deductionTotal = sum(v.deductions.map((d) => d.amount));
    if (compare(deductionTotal, invoice.gross) > 0) errors.push({ code: 'INVALID', field: ['input', 'deductions'], message: msg`Deductions (${deductionTotal}) exceed the invoice (${invoice.gross}).` });
    if (errors.length > 0) return failAll(errors);
    const now = ctx.now();
    await tx.delete(invoiceDeductions).where(eq(invoiceDeductions.invoiceId, invoice.id));
    if (v.deductions.length > 0) await tx.insert(invoiceDeductions).values(v.deductions.map((d) => ({ invoiceId: invoice.id, clause: d.clause, description: d.description, amount: normalize(d.amount) })));
    const [row] = await tx
      .update(invoices)
      .set({ status: to, deductionTotal, disputeReason: null, version: invoice.version + 1, updatedAt: now })
      .where(eq(invoices.id, invoice.id))
      .returning();
    await activity(tx, ctx, row!, 'INVOICE_APPROVED', `Invoice ${invoice.number} approved${v.deductions.length > 0 ? ` with deductions of ${deductionTotal}` : ''}; due ${invoice.dueDate}.`);
    return ok(row!);
  });
}

/** A staff step on an invoice: validated input, the invoice locked at the expected version, the transition allowed. */
function invoiceStep<S extends z.ZodType<{ id: string; expectedVersion: number | null }>>(
  ctx: ServiceContext,
  schema: S,
  input: unknown,
  action: 'approve' | 'dispute',
  refusal: (status: InvoiceStatus) => Message,
  work: (tx: Tx, invoice: InvoiceRow, to: InvoiceStatus, v: z.output<S>) => Promise<Result<InvoiceRow>>,
): Promise<Result<InvoiceRow>> {
  const valid = validateInput(schema, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  return inTransaction(ctx, async (tx) => {
    const locked = await lockInvoice(tx, ctx, v.id, v.expectedVersion);
    if (!locked.ok) return locked;
    const to = invoiceTransition(locked.value.status, action);
    if (to === null) return fail('INVALID_STATE_TRANSITION', ['input', 'id'], refusal(locked.value.status));
    return work(tx, locked.value, to, v);
  });
}

/** The clause headings of an order's contract in force; none without a contract. */
async function contractClauses(tx: Tx, contractId: string | null): Promise<string[]> {
  if (contractId === null) return [];
  const [row] = await tx
    .select({ clauses: contractVersions.clauses })
    .from(contracts)
    .innerJoin(contractVersions, and(eq(contractVersions.contractId, contracts.id), eq(contractVersions.version, contracts.inForceVersion)))
    .where(and(eq(contracts.id, contractId), ne(contracts.status, 'DRAFT')));
  return (row?.clauses ?? []).map((c) => c.heading);
}

/** Staff dispute an invoice, giving the reason the supplier sees. */
export function disputeInvoice(ctx: ServiceContext, input: unknown): Promise<Result<InvoiceRow>> {
  return invoiceStep(ctx, disputeInput, input, 'dispute', (status) => msg`A ${status} invoice cannot be disputed.`, async (tx, invoice, to, v) => {
    const [row] = await tx
      .update(invoices)
      .set({ status: to, disputeReason: v.reason, version: invoice.version + 1, updatedAt: ctx.now() })
      .where(eq(invoices.id, invoice.id))
      .returning();
    await activity(tx, ctx, row!, 'INVOICE_DISPUTED', `Invoice ${invoice.number} disputed: ${v.reason}`);
    return ok(row!);
  });
}

/** Staff record a payment, in part or in full; the invoice is PAID when nothing is left. */
export function recordInvoicePayment(ctx: ServiceContext, input: unknown): Promise<Result<InvoiceRow>> {
  const valid = validateInput(paymentInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  return inTransaction(ctx, async (tx) => {
    // A retry is answered before the version is checked: the first attempt moved it on.
    const locked = await lockInvoice(tx, ctx, v.id, null);
    if (!locked.ok) return locked;
    const invoice = locked.value;
    const now = ctx.now();
    if (v.idempotencyKey != null) {
      const claim = await claimIdempotencyKey(tx, { userId: ctx.viewer.id, operation: 'recordInvoicePayment', key: v.idempotencyKey, input, newId: randomUUID(), now });
      if (!claim.ok) return claim;
      if (!claim.value.first) return ok(invoice);
    }
    if (v.expectedVersion !== null && v.expectedVersion !== invoice.version) return fail('VERSION_CONFLICT', ['input', 'expectedVersion'], msg`The invoice is at version ${invoice.version}; reload it and try again.`);
    const left = outstanding(invoice);
    if (compare(v.amount, left) > 0) return fail('LIMIT_EXCEEDED', ['input', 'amount'], msg`Only ${left} is still to pay.`);
    const full = compare(v.amount, left) === 0;
    const to = invoiceTransition(invoice.status, full ? 'payInFull' : 'pay');
    if (to === null) return fail('INVALID_STATE_TRANSITION', ['input', 'id'], msg`A ${invoice.status} invoice cannot be paid; it must be APPROVED first.`);
    await tx.insert(invoicePayments).values({ invoiceId: invoice.id, paidOn: v.paidOn, amount: normalize(v.amount), reference: v.reference, recordedByName: ctx.viewer.name, createdAt: now });
    const [row] = await tx
      .update(invoices)
      .set({ status: to, paidTotal: sql`${invoices.paidTotal} + ${normalize(v.amount)}::numeric`, paidOn: full ? v.paidOn : null, version: invoice.version + 1, updatedAt: now })
      .where(eq(invoices.id, invoice.id))
      .returning();
    await activity(tx, ctx, row!, full ? 'INVOICE_PAID' : 'INVOICE_PARTIALLY_PAID', `Payment of ${normalize(v.amount)} ${invoice.currency} on ${v.paidOn} recorded for invoice ${invoice.number} (${v.reference}).`);
    return ok(row!);
  });
}
