import { expect } from 'vitest';
import { toGlobalId } from '../../src/domain/shared/ids.js';
import { demoPartnerIds } from '../../src/demo/users.js';
import { createPart, designate } from './fixtures.js';
import { acknowledgedOrder, M, mutate, receivedDelivery, tomorrow } from './orders.js';
import type { TestServer } from './server.js';

/**
 * What the demo data lacks, added through the API on top of it, so that suites reading every type
 * (the read differential, the implied-visibility check) find records of each kind for both demo
 * suppliers and the demo customer: received deliveries with accepted and rejected lots, the
 * nonconformance a rejection opens with its history, switching states, change requests pending and
 * accepted, a quality agreement naming parts, an evaluation with rewards and penalties, an amendment
 * awaiting signatures, and feedback carried to its end.
 */
export async function addVariety(server: TestServer): Promise<void> {
  const admin = await server.as('admin');
  const buyer = await server.as('buyer');
  const quality = await server.as('quality');
  const sales = await server.as('sales');
  const partners = [
    { supplier: { id: toGlobalId('Supplier', demoPartnerIds.suzhouMachining) }, user: await server.as('supplier-suzhou') },
    { supplier: { id: toGlobalId('Supplier', demoPartnerIds.rheinlandHydraulik) }, user: await server.as('supplier-rheinland') },
  ];
  for (const [n, { supplier, user }] of partners.entries()) {
    const part = await createPart(admin, { importanceClass: n === 0 ? 'I' : 'II' });
    const other = await createPart(admin, { importanceClass: 'III' });
    expect((await designate(admin, part.id, supplier.id, 'APPROVED', 100)).errors).toEqual([]);
    // Two lots received: one accepted, one rejected (which opens a nonconformance).
    const { delivery } = await receivedDelivery(server, buyer, supplier, user, [part.id, other.id], ['500', '80'], `LOT-${n}`);
    const lots = (await quality.data('query($id: ID!) { node(id: $id) { ... on Delivery { lines { inspection { id plan { rejectNumber } } } } } }', { id: delivery.id })).node.lines;
    const RECORD = 'mutation($id: ID!, $d: Int!) { recordInspectionResult(input: { inspectionId: $id, defectsFound: $d }) { inspection { nonconformance { id } } errors { code } } }';
    await quality.data(RECORD, { id: lots[0].inspection.id, d: 0 });
    const rejected = (await quality.data(RECORD, { id: lots[1].inspection.id, d: lots[1].inspection.plan.rejectNumber })).recordInspectionResult;
    expect(rejected.errors).toEqual([]);
    const nc = rejected.inspection.nonconformance.id;
    await user.data('mutation($id: ID!) { respondToNonconformance(input: { id: $id, containment: "Lot quarantined", rootCause: "Worn die" }) { errors { code } } }', { id: nc });
    await user.data('mutation($id: ID!) { transitionNonconformance(input: { id: $id, to: CONTAINED, note: "Sorted" }) { errors { code } } }', { id: nc });
    // Change requests: one accepted by the other side, one still pending.
    const order = await acknowledgedOrder(server, buyer, supplier, user, [part.id]);
    const accepted = await mutate(server, buyer, M.requestOrderChange, { orderId: order.id, reason: 'Demand fell', changes: [{ lineId: order.lines[0].id, quantity: '60' }] });
    expect(accepted.errors).toEqual([]);
    expect((await mutate(server, user, M.respondToOrderChange, { id: accepted.changeRequest.id, accept: true, note: 'Agreed' })).errors).toEqual([]);
    expect((await mutate(server, user, M.requestOrderChange, { orderId: order.id, reason: 'Tooling change', changes: [{ lineId: order.lines[0].id, requestedDate: tomorrow(server, 40) }] })).errors).toEqual([]);
    // A quality agreement naming the parts, signed by both parties.
    const agreement = (await quality.data('mutation($s: ID!, $p: [ID!]) { createQualityAgreement(input: { supplierId: $s, aql: 1.0, targetPpm: 500, partIds: $p }) { qualityAgreement { id version } errors { code } } }', { s: supplier.id, p: [part.id, other.id] })).createQualityAgreement;
    expect(agreement.errors).toEqual([]);
    const SIGN = 'mutation($id: ID!) { signQualityAgreement(input: { id: $id }) { errors { code } } }';
    await quality.data(SIGN, { id: agreement.qualityAgreement.id });
    await user.data(SIGN, { id: agreement.qualityAgreement.id });
    const evaluation = (
      await quality.data('mutation($s: ID!, $from: Date!, $to: Date!) { evaluateSupplier(input: { supplierId: $s, from: $from, to: $to, serviceScore: 80, priceScore: 70, technicalScore: 90, notes: "Quarterly" }) { errors { code message } } }', {
        s: supplier.id,
        from: tomorrow(server, -60),
        to: tomorrow(server, 60),
      })
    ).evaluateSupplier;
    expect(evaluation.errors).toEqual([]);
  }
  // An amendment of an active contract, awaiting signatures.
  const active = (await buyer.data('{ contracts(filter: { status: [ACTIVE] }, first: 1) { nodes { id version } } }')).contracts.nodes[0];
  const amended = (await buyer.data('mutation($id: ID!, $v: Int!) { amendContract(input: { id: $id, expectedVersion: $v, summary: "Longer payment term", paymentTermDays: 60 }) { errors { code } } }', { id: active.id, v: active.version })).amendContract;
  expect(amended.errors).toEqual([]);
  // Feedback resolved and closed with a rating.
  const nordwind = await server.as('customer-nordwind');
  const recorded = (await nordwind.data('mutation($c: ID!) { recordFeedback(input: { customerId: $c, kind: SUGGESTION, subject: "Labels", description: "Print the lot on the label" }) { feedback { id } errors { code } } }', { c: toGlobalId('Customer', demoPartnerIds.nordwindFahrzeug) })).recordFeedback;
  const id = recorded.feedback.id;
  await sales.data('mutation($id: ID!) { acknowledgeFeedback(input: { id: $id }) { errors { code } } }', { id });
  await sales.data('mutation($id: ID!) { startFeedback(input: { id: $id }) { errors { code } } }', { id });
  await sales.data('mutation($id: ID!) { resolveFeedback(input: { id: $id, resolution: "Lot printed from next delivery" }) { errors { code } } }', { id });
  expect((await nordwind.data('mutation($id: ID!) { closeFeedback(input: { id: $id, satisfactionRating: 4 }) { errors { code } } }', { id })).closeFeedback.errors).toEqual([]);
}
