import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPart } from './support/fixtures.js';
import { acknowledgedOrder, M, mutate, supplierWithUser } from './support/orders.js';
import { startServer, TestClock, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ clock: new TestClock(new Date('2026-11-26T08:00:00Z')) });
});
afterAll(() => server.stop());

const EVALUATE = 'mutation($input: EvaluateSupplierInput!) { evaluateSupplier(input: $input) { evaluation { id from to qualityScore deliveryScore serviceScore priceScore technicalScore totalScore grade rewardsAndPenalties { kind reason amount } evaluatedBy supplier { grade } } errors { field code message } } }';

describe('evaluateSupplier', () => {
  it('scores quality and delivery from the records, grades the supplier, and rewards and penalises', async () => {
    const admin = await server.as('admin');
    const buyer = await server.as('buyer');
    const quality = await server.as('quality');
    const { supplier, user } = await supplierWithUser(server, admin);
    const input = { supplierId: supplier.id, from: '2026-11-01', to: '2027-01-31', serviceScore: 90, priceScore: 80, technicalScore: 70 };
    const early = await quality.data(EVALUATE, { input });
    expect(early.evaluateSupplier.errors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'from'] });
    const part = await createPart(admin);
    const order = await acknowledgedOrder(server, buyer, supplier, user, [part.id], ['500']);
    const asn = await mutate(server, user, M.createDelivery, { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: '500' }] });
    await mutate(server, user, M.recordDeliveryEvent, { deliveryId: asn.delivery.id, status: 'DISPATCHED' });
    await mutate(server, buyer, M.receiveDelivery, { deliveryId: asn.delivery.id, lines: [{ orderLineId: order.lines[0].id, receivedQuantity: '500' }] });
    const inspection = (await quality.data('query($id: ID!) { node(id: $id) { ... on Delivery { lines { inspection { id } } } } }', { id: asn.delivery.id })).node.lines[0].inspection;
    await quality.data('mutation($id: ID!) { recordInspectionResult(input: { inspectionId: $id, defectsFound: 0 }) { errors { code } } }', { id: inspection.id });
    // A closed nonconformance the supplier caused.
    const nc = (await quality.data('mutation($p: ID!, $s: ID!) { reportNonconformance(input: { source: IN_PROCESS, severity: MAJOR, partId: $p, supplierId: $s, quantityAffected: "3", description: "Cracks" }) { nonconformance { id number } } }', { p: part.id, s: supplier.id })).reportNonconformance.nonconformance;
    await user.data('mutation($id: ID!) { respondToNonconformance(input: { id: $id, containment: "c", rootCause: "r", correctiveAction: "a" }) { errors { code } } }', { id: nc.id });
    for (const to of ['CONTAINED', 'ROOT_CAUSE_IDENTIFIED', 'CORRECTIVE_ACTION']) await user.data('mutation($id: ID!, $to: NonconformanceStatus!) { transitionNonconformance(input: { id: $id, to: $to }) { errors { code } } }', { id: nc.id, to });
    await quality.data('mutation($id: ID!) { transitionNonconformance(input: { id: $id, to: VERIFICATION }) { errors { code } } }', { id: nc.id });
    await quality.data('mutation($id: ID!) { transitionNonconformance(input: { id: $id, to: CLOSED, verification: "ok", disposition: SCRAP, responsibility: SUPPLIER }) { errors { code } } }', { id: nc.id });
    for (const who of ['sales', 'viewer']) expect((await (await server.as(who)).run(EVALUATE, { input })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await user.run(EVALUATE, { input })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await quality.data(EVALUATE, { input: { ...input, serviceScore: 101 } })).evaluateSupplier.errors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'serviceScore'] });
    const result = (await quality.data(EVALUATE, { input })).evaluateSupplier;
    expect(result.errors).toEqual([]);
    // Quality 100 (0 ppm), delivery 100 (on time): 40 + 25 + 13.5 + 8 + 7 = 93.5, grade A.
    expect(result.evaluation).toMatchObject({ from: '2026-11-01', to: '2027-01-31', qualityScore: 100, deliveryScore: 100, serviceScore: 90, priceScore: 80, technicalScore: 70, totalScore: 93.5, grade: 'A', evaluatedBy: 'Qing Quality', supplier: { grade: 'A' } });
    expect(result.evaluation.rewardsAndPenalties).toEqual([
      { kind: 'PENALTY', reason: `Nonconformance ${nc.number} (MAJOR) caused by the supplier.`, amount: '500' },
      { kind: 'REWARD', reason: 'Grade A: preferred for new parts and a larger share of demand.', amount: null },
      { kind: 'REWARD', reason: 'On-time delivery of 98% or better.', amount: null },
    ]);
    const listed = await user.data('query($id: ID!) { node(id: $id) { ... on Supplier { grade evaluations(first: 5) { totalCount nodes { grade } } } } }', { id: supplier.id });
    expect(listed.node).toEqual({ grade: 'A', evaluations: { totalCount: 1, nodes: [{ grade: 'A' }] } });
    const { user: rival } = await supplierWithUser(server, admin);
    expect((await rival.data('query($id: ID!) { node(id: $id) { id } }', { id: result.evaluation.id })).node).toBeNull();
  });
});
