import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPart } from './support/fixtures.js';
import { M, mutate, supplierWithUser } from './support/orders.js';
import { type Actor, startServer, TestClock, type TestServer } from './support/server.js';
import { collect } from './support/subscribe.js';

/**
 * Invoices: a supplier invoices accepted quantities of its order, matched three ways; staff approve
 * with deductions only the contract names, dispute, and pay in part or in full; on-time payment is in
 * the supplier's scorecard; overdue payables on the dashboard.
 */
let server: TestServer;
let buyer: Actor;
let buyer2: Actor;
let a: Awaited<ReturnType<typeof supplierWithUser>>;
let b: Awaited<ReturnType<typeof supplierWithUser>>;
let order: { id: string; number: string; lines: { id: string }[] };

const INVOICE = `id number status matchStatus dueDate gross deductionTotal paidTotal outstanding overdue disputeReason paidOn version
  lines { orderLine { lineNumber } quantity unitPrice amount matchStatus matchReasons } deductions { clause amount } payments { paidOn amount reference }`;
const SUBMIT = `mutation($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { invoice { ${INVOICE} } errors { field code message } } }`;
const APPROVE = `mutation($input: ApproveInvoiceInput!) { approveInvoice(input: $input) { invoice { ${INVOICE} } errors { field code message } } }`;
const DISPUTE = `mutation($input: DisputeInvoiceInput!) { disputeInvoice(input: $input) { invoice { ${INVOICE} } errors { field code message } } }`;
const PAY = `mutation($input: RecordInvoicePaymentInput!) { recordInvoicePayment(input: $input) { invoice { ${INVOICE} } errors { field code message } } }`;

async function run(actor: Actor, mutation: string, input: Record<string, unknown>) {
  server.clock.advance(1000);
  return Object.values(await actor.data(mutation, { input }))[0] as { invoice: Record<string, unknown> & { id: string; version: number }; errors: { field: string[]; code: string; message: string }[] };
}

beforeAll(async () => {
  server = await startServer({ clock: new TestClock(new Date('2026-12-02T08:00:00.000Z')) });
  const admin = await server.as({ roles: ['ADMIN'] });
  buyer = await server.as({ roles: ['BUYER'] });
  buyer2 = await server.as({ roles: ['BUYER'] });
  const quality = await server.as({ roles: ['QUALITY_ENGINEER'] });
  a = await supplierWithUser(server, admin);
  b = await supplierWithUser(server, admin);
  const part = await createPart(admin, { importanceClass: 'III' });
  // A contract in force: 45 days' payment terms, a clause naming a returns handling fee.
  const contractOf = async (mutation: string, actor: Actor, input: Record<string, unknown>) => (await mutate(server, actor, mutation, input)).contract;
  const contract = await contractOf('mutation($input: CreateContractInput!) { createContract(input: $input) { contract { id } errors { code } } }', buyer, {
    partnerId: a.supplier.id,
    type: 'SUPPLY',
    title: 'Frame agreement',
    effectiveFrom: '2026-12-01',
    effectiveTo: '2027-11-30',
    currency: 'EUR',
    paymentTermDays: 45,
    clauses: [
      { heading: 'Quality', body: 'Per the quality agreement.' },
      { heading: 'Returns handling fee', body: 'EUR 25 per returned lot.' },
    ],
    items: [{ partId: part.id, unitPrice: '2.50' }],
  });
  const action = (name: string) => `mutation($input: ContractActionInput!) { ${name}(input: $input) { contract { id } errors { code message } } }`;
  expect((await mutate(server, buyer, action('submitContractForReview'), { id: contract.id })).errors).toEqual([]);
  expect((await mutate(server, buyer2, action('approveContract'), { id: contract.id })).errors).toEqual([]);
  expect((await mutate(server, a.user, action('signContract'), { id: contract.id, expectedVersion: 1 })).errors).toEqual([]);
  expect((await mutate(server, buyer, action('signContract'), { id: contract.id, expectedVersion: 1 })).errors).toEqual([]);
  // Ordered 100 at 2.50, shipped, received and accepted at inspection.
  const created = await mutate(server, buyer, M.createOrder, { direction: 'PURCHASE', partnerId: a.supplier.id, contractId: contract.id, currency: 'EUR', lines: [{ partId: part.id, quantity: '100', unitPrice: '2.50', requestedDate: '2026-12-20' }] });
  expect(created.errors).toEqual([]);
  const issued = await mutate(server, buyer, M.issueOrder, { id: created.order.id });
  await mutate(server, a.user, M.acknowledgeOrder, { id: created.order.id, expectedVersion: issued.order.version });
  order = created.order;
  const asn = await mutate(server, a.user, M.createDelivery, { orderId: order.id, lines: [{ orderLineId: order.lines[0]!.id, quantity: '100' }] });
  await mutate(server, a.user, M.recordDeliveryEvent, { deliveryId: asn.delivery.id, status: 'DISPATCHED' });
  expect((await mutate(server, buyer, M.receiveDelivery, { deliveryId: asn.delivery.id, lines: [{ orderLineId: order.lines[0]!.id, receivedQuantity: '100' }] })).errors).toEqual([]);
  const inspection = (await buyer.data('query($id: ID!) { node(id: $id) { ... on Delivery { lines { inspection { id } } } } }', { id: asn.delivery.id })).node.lines[0].inspection.id;
  const result = await mutate(server, quality, 'mutation($input: RecordInspectionResultInput!) { recordInspectionResult(input: $input) { inspection { result } errors { code message } } }', { inspectionId: inspection, defectsFound: 0 });
  expect(result.errors).toEqual([]);
}, 90_000);
afterAll(() => server.stop());

describe('invoices', () => {
  let first: { id: string; version: number };
  let second: { id: string; version: number };

  it('match three ways: matched within the accepted quantity and order price, exceptions with reasons', async () => {
    const submitted = await run(a.user, SUBMIT, { orderId: order.id, supplierReference: 'A-1001', invoiceDate: '2026-12-02', lines: [{ orderLineId: order.lines[0]!.id, quantity: '60', unitPrice: '2.5' }], idempotencyKey: 'inv-1' });
    expect(submitted.errors).toEqual([]);
    expect(submitted.invoice).toMatchObject({ status: 'SUBMITTED', matchStatus: 'MATCHED', dueDate: '2027-01-16', gross: '150', outstanding: '150', lines: [{ orderLine: { lineNumber: 1 }, quantity: '60', unitPrice: '2.5', amount: '150', matchStatus: 'MATCHED', matchReasons: [] }] });
    first = submitted.invoice;
    // A retry with the key is the same invoice; the same reference again is a duplicate.
    expect((await run(a.user, SUBMIT, { orderId: order.id, supplierReference: 'A-1001', invoiceDate: '2026-12-02', lines: [{ orderLineId: order.lines[0]!.id, quantity: '60', unitPrice: '2.5' }], idempotencyKey: 'inv-1' })).invoice.id).toBe(first.id);
    const duplicate = await run(a.user, SUBMIT, { orderId: order.id, supplierReference: 'A-1001', invoiceDate: '2026-12-02', lines: [{ orderLineId: order.lines[0]!.id, quantity: '1', unitPrice: '2.5' }] });
    expect(duplicate.errors).toEqual([{ field: ['input', 'supplierReference'], code: 'DUPLICATE', message: 'This supplier already submitted an invoice with this reference.' }]);
    // 40 of the 100 accepted are left: 50 at a higher price is an exception on both counts.
    const over = await run(a.user, SUBMIT, { orderId: order.id, supplierReference: 'A-1002', invoiceDate: '2026-12-02', lines: [{ orderLineId: order.lines[0]!.id, quantity: '50', unitPrice: '2.60' }] });
    expect(over.invoice).toMatchObject({ matchStatus: 'EXCEPTION', gross: '130', lines: [{ matchStatus: 'EXCEPTION', matchReasons: ['QUANTITY_ABOVE_ACCEPTED', 'PRICE_ABOVE_ORDER'] }] });
    second = over.invoice;
    // Another supplier's user cannot invoice this order; staff do not submit invoices.
    expect((await run(b.user, SUBMIT, { orderId: order.id, supplierReference: 'B-1', invoiceDate: '2026-12-02', lines: [{ orderLineId: order.lines[0]!.id, quantity: '1', unitPrice: '2.5' }] })).errors[0]!.code).toBe('NOT_FOUND');
    expect((await buyer.run(SUBMIT, { input: { orderId: order.id, supplierReference: 'S-1', invoiceDate: '2026-12-02', lines: [{ orderLineId: order.lines[0]!.id, quantity: '1', unitPrice: '2.5' }] } })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Each supplier lists its own.
    expect((await a.user.data('{ invoices { totalCount } }')).invoices.totalCount).toBe(2);
    expect((await b.user.data('{ invoices { totalCount } }')).invoices.totalCount).toBe(0);
    expect((await b.user.data('query($s: ID) { invoices(filter: { supplierId: $s }) { totalCount } }', { s: a.supplier.id })).invoices.totalCount).toBe(0);
    expect((await buyer.data('query($s: ID) { invoices(filter: { supplierId: $s, status: [SUBMITTED] }) { totalCount } }', { s: a.supplier.id })).invoices.totalCount).toBe(2);
    expect((await b.user.data('query($id: ID!) { node(id: $id) { id } }', { id: first.id })).node).toBeNull();
  });

  it('are approved with deductions only the contract names, disputed with a reason the supplier sees, and told by subscription', async () => {
    const client = server.wsClient(a.user.token);
    const updates = collect<{ invoiceUpdated: { kind: string; invoice: { id: string; status: string } | null } }>(client, 'subscription { invoiceUpdated { kind invoice { id status } } }');
    await new Promise((r) => setTimeout(r, 300));
    const unnamed = await run(buyer, APPROVE, { id: first.id, deductions: [{ clause: 'Shelf fee', description: 'Listing', amount: '10' }] });
    expect(unnamed.errors).toEqual([{ field: ['input', 'deductions', '0', 'clause'], code: 'INVALID', message: 'The contract names no clause "Shelf fee"; a deduction cites one of: Quality; Returns handling fee.' }]);
    expect((await run(buyer, APPROVE, { id: first.id, expectedVersion: 7 })).errors[0]!.code).toBe('VERSION_CONFLICT');
    expect((await a.user.run(APPROVE, { input: { id: first.id } })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const approved = await run(buyer, APPROVE, { id: first.id, expectedVersion: 1, deductions: [{ clause: 'Returns handling fee', description: 'Lot 7 returned', amount: '25' }] });
    expect(approved.invoice).toMatchObject({ status: 'APPROVED', deductionTotal: '25', outstanding: '125', deductions: [{ clause: 'Returns handling fee', amount: '25' }] });
    first = approved.invoice;
    const disputed = await run(buyer, DISPUTE, { id: second.id, reason: 'Only 40 accepted; price is 2.50 per the contract.' });
    expect(disputed.invoice).toMatchObject({ status: 'DISPUTED' });
    expect((await a.user.data('query($id: ID!) { node(id: $id) { ... on Invoice { disputeReason } } }', { id: second.id })).node.disputeReason).toBe('Only 40 accepted; price is 2.50 per the contract.');
    const told = await updates.waitUntil((u) => u.invoiceUpdated.kind === 'INVOICE_DISPUTED');
    expect(updates.items.map((u) => u.invoiceUpdated.kind)).toEqual(['INVOICE_APPROVED', 'INVOICE_DISPUTED']);
    expect(told.invoiceUpdated.invoice).toEqual({ id: second.id, status: 'DISPUTED' });
    updates.stop();
  });

  it('are paid in part and in full, never beyond what is due, and count toward on-time payment', async () => {
    expect((await run(buyer, PAY, { id: second.id, paidOn: '2026-12-10', amount: '1', reference: 'X' })).errors[0]!.code).toBe('INVALID_STATE_TRANSITION');
    const part = await run(buyer, PAY, { id: first.id, expectedVersion: first.version, paidOn: '2026-12-20', amount: '100', reference: 'TT-1', idempotencyKey: 'pay-1' });
    expect(part.invoice).toMatchObject({ status: 'PARTIALLY_PAID', paidTotal: '100', outstanding: '25', paidOn: null });
    // The same request again (a retry) records nothing new; the same key with other input is refused.
    expect((await run(buyer, PAY, { id: first.id, expectedVersion: first.version, paidOn: '2026-12-20', amount: '100', reference: 'TT-1', idempotencyKey: 'pay-1' })).invoice.paidTotal).toBe('100');
    expect((await run(buyer, PAY, { id: first.id, paidOn: '2026-12-20', amount: '5', reference: 'TT-1', idempotencyKey: 'pay-1' })).errors[0]!.code).toBe('DUPLICATE');
    expect((await run(buyer, PAY, { id: first.id, expectedVersion: first.version, paidOn: '2026-12-20', amount: '5', reference: 'TT-9' })).errors[0]!.code).toBe('VERSION_CONFLICT');
    expect((await run(buyer, PAY, { id: first.id, paidOn: '2026-12-21', amount: '30', reference: 'TT-2' })).errors).toEqual([{ field: ['input', 'amount'], code: 'LIMIT_EXCEEDED', message: 'Only 25 is still to pay.' }]);
    const paid = await run(buyer, PAY, { id: first.id, paidOn: '2027-01-10', amount: '25', reference: 'TT-2' });
    expect(paid.invoice).toMatchObject({ status: 'PAID', outstanding: '0', paidOn: '2027-01-10', payments: [{ paidOn: '2026-12-20', amount: '100', reference: 'TT-1' }, { paidOn: '2027-01-10', amount: '25', reference: 'TT-2' }] });

    // The disputed invoice, approved at last and not paid by its due date, is overdue once that passes.
    expect((await run(buyer, APPROVE, { id: second.id })).invoice.status).toBe('APPROVED');
    server.clock.set('2027-01-20T08:00:00.000Z');
    const overdue = (await buyer.data('{ invoices(filter: { overdue: true }) { nodes { id overdue } } dashboard { overduePayables } }')) as { invoices: { nodes: { id: string }[] }; dashboard: { overduePayables: number } };
    expect(overdue.invoices.nodes.map((n) => n.id)).toEqual([second.id]);
    expect(overdue.dashboard.overduePayables).toBe(1);
    // On time: of the two invoices due by today, one was paid in full by its due date. The supplier sees it.
    const scorecard = await a.user.data('query($id: ID!) { node(id: $id) { ... on Supplier { scorecard(from: "2027-01-01", to: "2027-01-31") { onTimePaymentRate } } } }', { id: a.supplier.id });
    expect(scorecard.node.scorecard.onTimePaymentRate).toBe(0.5);
  });
});
