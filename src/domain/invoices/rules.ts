import { add, compare, multiply, subtract, toUnits } from '../shared/decimal.js';
import { addDays } from '../shared/dates.js';

export const invoiceStatuses = ['SUBMITTED', 'APPROVED', 'DISPUTED', 'PARTIALLY_PAID', 'PAID'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];
export type InvoiceAction = 'approve' | 'dispute' | 'pay' | 'payInFull';

/** Which action moves an invoice from which status to which. */
export const invoiceTransitions: readonly { from: InvoiceStatus; action: InvoiceAction; to: InvoiceStatus }[] = [
  { from: 'SUBMITTED', action: 'approve', to: 'APPROVED' },
  { from: 'DISPUTED', action: 'approve', to: 'APPROVED' },
  { from: 'SUBMITTED', action: 'dispute', to: 'DISPUTED' },
  { from: 'APPROVED', action: 'dispute', to: 'DISPUTED' },
  { from: 'APPROVED', action: 'pay', to: 'PARTIALLY_PAID' },
  { from: 'PARTIALLY_PAID', action: 'pay', to: 'PARTIALLY_PAID' },
  { from: 'APPROVED', action: 'payInFull', to: 'PAID' },
  { from: 'PARTIALLY_PAID', action: 'payInFull', to: 'PAID' },
];

export function invoiceTransition(from: InvoiceStatus, action: InvoiceAction): InvoiceStatus | null {
  return invoiceTransitions.find((t) => t.from === from && t.action === action)?.to ?? null;
}

/** How far an invoice may stray from the order and the receipt before it is an exception (configuration). */
export interface MatchTolerances {
  /** Unit price above the order's by at most this per cent. */
  pricePercent: number;
  /** Quantity above what was accepted and not yet invoiced by at most this per cent. */
  quantityPercent: number;
}

export type MatchReason = 'PRICE_ABOVE_ORDER' | 'QUANTITY_ABOVE_ACCEPTED' | 'NOTHING_ACCEPTED';

/**
 * The three-way match of one invoice line: its price against the order line's, its quantity against
 * the quantity received and accepted less what earlier invoices already claimed.
 */
export function matchLine(line: { quantity: string; unitPrice: string }, order: { unitPrice: string; accepted: string; invoiced: string }, tolerances: MatchTolerances): { status: 'MATCHED' | 'EXCEPTION'; reasons: MatchReason[] } {
  const reasons: MatchReason[] = [];
  const open = subtract(order.accepted, order.invoiced);
  if (compare(order.accepted, '0') === 0) reasons.push('NOTHING_ACCEPTED');
  else if (compare(line.quantity, withTolerance(open, tolerances.quantityPercent)) > 0) reasons.push('QUANTITY_ABOVE_ACCEPTED');
  if (compare(line.unitPrice, withTolerance(order.unitPrice, tolerances.pricePercent)) > 0) reasons.push('PRICE_ABOVE_ORDER');
  return { status: reasons.length === 0 ? 'MATCHED' : 'EXCEPTION', reasons };
}

/** value × (1 + percent / 100), exactly. */
function withTolerance(value: string, percent: number): string {
  return add(value, multiply(value, String(percent / 100)));
}

/** The line's amount: quantity × unit price, rounded to 6 places. */
export const lineAmount = (quantity: string, unitPrice: string): string => multiply(quantity, unitPrice);

export const sum = (values: readonly string[]): string => values.reduce((a, b) => add(a, b), '0');

/** When an invoice is due: its date plus the contract's payment terms, or the default terms. */
export function dueDateOf(invoiceDate: string, paymentTermDays: number | null, defaultTermDays: number): string {
  return addDays(invoiceDate, paymentTermDays ?? defaultTermDays);
}

/** What is still to pay. */
export function outstanding(invoice: { gross: string; deductionTotal: string; paidTotal: string }): string {
  return subtract(subtract(invoice.gross, invoice.deductionTotal), invoice.paidTotal);
}

/** Overdue: approved (or partly paid), something still to pay, and its due date passed. */
export function isOverdue(invoice: { status: InvoiceStatus; dueDate: string; gross: string; deductionTotal: string; paidTotal: string }, today: string): boolean {
  return (invoice.status === 'APPROVED' || invoice.status === 'PARTIALLY_PAID') && invoice.dueDate < today && toUnits(outstanding(invoice)) > 0n;
}
