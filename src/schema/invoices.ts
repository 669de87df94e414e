import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { invoiceStatuses } from '../domain/invoices/rules.js';
import { ChangedSinceFilter, ConnectionType, DateScalar, DateTimeScalar, DecimalScalar, EdgeType, enumOf, Node, Payload } from './common.js';
import { Order, OrderLine } from './orders.js';
import { Supplier } from './partners.js';

export const InvoiceStatus = enumOf(invoiceStatuses);
registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description: 'Where an invoice is: SUBMITTED -> APPROVED (or DISPUTED, and approved again) -> PARTIALLY_PAID -> PAID.',
  valuesConfig: {
    SUBMITTED: { description: 'Sent by the supplier, matched, waiting for staff.' },
    APPROVED: { description: 'Approved for payment (less its deductions).' },
    DISPUTED: { description: 'Disputed by staff; disputeReason says why.' },
    PARTIALLY_PAID: { description: 'Paid in part.' },
    PAID: { description: 'Paid in full; paidOn is the day.' },
  },
});

export const MatchStatus = enumOf(['MATCHED', 'EXCEPTION'] as const);
registerEnumType(MatchStatus, {
  name: 'MatchStatus',
  description: 'The three-way match: order price, accepted quantity, invoice.',
  valuesConfig: { MATCHED: { description: 'Within the tolerances.' }, EXCEPTION: { description: 'Outside them; the lines say why.' } },
});

export const MatchReason = enumOf(['PRICE_ABOVE_ORDER', 'QUANTITY_ABOVE_ACCEPTED', 'NOTHING_ACCEPTED'] as const);
registerEnumType(MatchReason, {
  name: 'MatchReason',
  description: 'Why a line is an exception.',
  valuesConfig: {
    PRICE_ABOVE_ORDER: { description: "The unit price is above the order's, beyond the tolerance." },
    QUANTITY_ABOVE_ACCEPTED: { description: 'More than was accepted and not yet invoiced, beyond the tolerance.' },
    NOTHING_ACCEPTED: { description: 'Nothing of the line has been received and accepted.' },
  },
});

@ObjectType({ description: 'A line of an invoice, with its match.' })
export class InvoiceLine {
  @Field(() => OrderLine, { description: 'The order line invoiced.' }) orderLine: unknown;
  @Field(() => DecimalScalar, { description: 'Quantity invoiced.' }) quantity: string;
  @Field(() => DecimalScalar, { description: 'Unit price invoiced.' }) unitPrice: string;
  @Field(() => DecimalScalar, { description: 'quantity × unitPrice.' }) amount: string;
  @Field(() => MatchStatus, { description: 'MATCHED or EXCEPTION.' }) matchStatus: string;
  @Field(() => [MatchReason], { description: 'Why it is an exception; empty when matched.' }) matchReasons: string[];
}

@ObjectType({ description: 'A deduction from what is paid, citing the contract clause that names the charge.' })
export class InvoiceDeduction {
  @Field(() => String, { description: "The heading of the clause of the order's contract." }) clause: string;
  @Field(() => String, { description: 'What is deducted.' }) description: string;
  @Field(() => DecimalScalar, { description: 'How much.' }) amount: string;
}

@ObjectType({ description: 'A payment of an invoice.' })
export class InvoicePayment {
  @Field(() => DateScalar, { description: 'The day it was paid.' }) paidOn: string;
  @Field(() => DecimalScalar, { description: 'How much.' }) amount: string;
  @Field(() => String, { description: 'The payment reference (bank transfer number).' }) reference: string;
}

@ObjectType({ implements: Node, description: "A supplier's invoice for accepted quantities of one purchase order. The supplier sees its own; staff every one." })
export class Invoice {
  @Field(() => ID, { description: 'The invoice.' }) id: string;
  @Field(() => String, { description: 'Our number, e.g. INV-2026-00042.' }) number: string;
  @Field(() => String, { description: "The supplier's own number for it." }) supplierReference: string;
  @Field(() => Supplier, { description: 'Who invoices.' }) supplier: unknown;
  @Field(() => Order, { description: 'The purchase order invoiced.' }) order: unknown;
  @Field(() => String, { description: "The order's currency." }) currency: string;
  @Field(() => DateScalar, { description: 'The invoice date.' }) invoiceDate: string;
  @Field(() => DateScalar, { description: "invoiceDate plus the contract's payment terms (or the default terms)." }) dueDate: string;
  @Field(() => InvoiceStatus, { description: 'Where it is.' }) status: string;
  @Field(() => MatchStatus, { description: 'MATCHED when every line is.' }) matchStatus: string;
  @Field(() => [InvoiceLine], { description: 'Its lines, in order line order.' }) lines: unknown[];
  @Field(() => [InvoiceDeduction], { description: 'Deductions made at approval.' }) deductions: unknown[];
  @Field(() => [InvoicePayment], { description: 'Payments, oldest first.' }) payments: unknown[];
  @Field(() => DecimalScalar, { description: 'The sum of its lines.' }) gross: string;
  @Field(() => DecimalScalar, { description: 'The sum of its deductions.' }) deductionTotal: string;
  @Field(() => DecimalScalar, { description: 'Paid so far.' }) paidTotal: string;
  @Field(() => DecimalScalar, { description: 'gross − deductions − paid.' }) outstanding: string;
  @Field(() => Boolean, { description: 'Approved, not fully paid, and past its due date.' }) overdue: boolean;
  @Field(() => String, { nullable: true, description: 'Why staff dispute it.' }) disputeReason: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'The day it was paid in full.' }) paidOn: string | null;
  @Field(() => Int, { description: 'Increases with every change: pass it as expectedVersion.' }) version: number;
  @Field(() => DateTimeScalar, { description: 'When it was submitted.' }) createdAt: Date;
  @Field(() => DateTimeScalar, { description: 'When it last changed.' }) updatedAt: Date;
}

@ObjectType()
export class InvoiceEdge extends EdgeType(Invoice) {}
@ObjectType()
export class InvoiceConnection extends ConnectionType(Invoice, InvoiceEdge) {}

@InputType({ description: 'Which invoices to list.' })
export class InvoiceFilter extends ChangedSinceFilter {
  @Field(() => [InvoiceStatus], { nullable: true, description: 'Only records with one of these values.' }) status?: string[] | null;
  @Field(() => ID, { nullable: true, description: "Only this supplier's (staff)." }) supplierId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Only overdue ones (true) or only those that are not (false).' }) overdue?: boolean | null;
}

@InputType({ description: 'An invoice line: an order line, quantity and unit price.' })
export class InvoiceLineInput {
  @Field(() => ID, { description: 'The order line.' }) orderLineId: string;
  @Field(() => DecimalScalar, { description: 'Quantity invoiced.' }) quantity: string;
  @Field(() => DecimalScalar, { description: 'Unit price invoiced.' }) unitPrice: string;
}

@InputType({ description: "What `submitInvoice` takes: the order's supplier invoices accepted quantities." })
export class SubmitInvoiceInput {
  @Field(() => ID, { description: 'The purchase order.' }) orderId: string;
  @Field(() => String, { description: "The supplier's own number for it; once per supplier." }) supplierReference: string;
  @Field(() => DateScalar, { description: 'The invoice date.' }) invoiceDate: string;
  @Field(() => [InvoiceLineInput], { description: 'Its lines, each order line once.' }) lines: InvoiceLineInput[];
  @Field(() => String, { nullable: true, description: 'A retry with the same key returns the first result and creates nothing new.' }) idempotencyKey?: string | null;
}

@InputType({ description: 'A deduction, citing the clause of the contract that names the charge.' })
export class InvoiceDeductionInput {
  @Field(() => String, { description: "The heading of a clause of the order's contract in force." }) clause: string;
  @Field(() => String, { description: 'What is deducted.' }) description: string;
  @Field(() => DecimalScalar, { description: 'How much.' }) amount: string;
}

@InputType({ description: 'What `approveInvoice` takes. ADMIN, BUYER.' })
export class ApproveInvoiceInput {
  @Field(() => ID, { description: 'The invoice.' }) id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read.' }) expectedVersion?: number | null;
  @Field(() => [InvoiceDeductionInput], { nullable: true, description: 'Deductions, each citing a contract clause; none when not given.' }) deductions?: InvoiceDeductionInput[] | null;
}

@InputType({ description: 'What `disputeInvoice` takes. ADMIN, BUYER.' })
export class DisputeInvoiceInput {
  @Field(() => ID, { description: 'The invoice.' }) id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read.' }) expectedVersion?: number | null;
  @Field(() => String, { description: 'Why; the supplier sees it.' }) reason: string;
}

@InputType({ description: 'What `recordInvoicePayment` takes. ADMIN, BUYER.' })
export class RecordInvoicePaymentInput {
  @Field(() => ID, { description: 'The invoice.' }) id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read.' }) expectedVersion?: number | null;
  @Field(() => DateScalar, { description: 'The day it was paid.' }) paidOn: string;
  @Field(() => DecimalScalar, { description: 'How much; at most what is outstanding.' }) amount: string;
  @Field(() => String, { description: 'The payment reference.' }) reference: string;
  @Field(() => String, { nullable: true, description: 'A retry with the same key records nothing new.' }) idempotencyKey?: string | null;
}

@ObjectType({ description: 'The result of a mutation on an invoice.' })
export class InvoicePayload extends Payload {
  @Field(() => Invoice, { nullable: true, description: 'The invoice as written; null when refused.' }) invoice: Invoice | null;
}

@ObjectType({ description: 'A change to one of the viewer’s invoices.' })
export class InvoiceUpdate {
  @Field(() => String, { description: 'Resume after this event with `after`.' }) cursor: string;
  @Field(() => DateTimeScalar, { description: 'When it happened.' }) occurredAt: Date;
  @Field(() => String, { description: 'INVOICE_SUBMITTED, _APPROVED, _DISPUTED, _PARTIALLY_PAID or _PAID.' }) kind: string;
  @Field(() => Invoice, { nullable: true, description: 'The invoice as it is now.' }) invoice: Invoice | null;
}
