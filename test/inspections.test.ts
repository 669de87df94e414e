import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPart } from './support/fixtures.js';
import { receivedDelivery, supplierWithUser } from './support/orders.js';
import { type Actor, startServer, TestClock, type TestServer } from './support/server.js';

let server: TestServer;
let admin: Actor;
let buyer: Actor;
let quality: Actor;
let supplier: { id: string };
let supplierUser: Actor;

const INSPECTION = 'id lotNumber lotSize result defectsFound inspectedBy sourceInspection plan { aql inspectionLevel codeLetter sampleSize acceptNumber rejectNumber severity } part { id } nonconformance { source status quantityAffected supplier { id } order { id } delivery { id } inspection { id } }';
const RECORD = `mutation($input: RecordInspectionResultInput!) { recordInspectionResult(input: $input) { inspection { ${INSPECTION} } errors { field code message } } }`;

/** Ships and receives `quantity` of a new part; returns the inspection the receipt opened. */
async function receivedLot(quantity: string, part: { id: string }) {
  const { order, delivery } = await receivedDelivery(server, buyer, supplier, supplierUser, [part.id], [quantity], 'LOT-7');
  const read = await quality.data(`query($id: ID!) { node(id: $id) { ... on Delivery { lines { orderLine { id acceptedQuantity deliveredQuantity } inspection { ${INSPECTION} } } } } }`, { id: delivery.id });
  return { order, delivery, line: read.node.lines[0] };
}

beforeAll(async () => {
  server = await startServer({ clock: new TestClock(new Date('2026-11-26T08:00:00Z')) });
  admin = await server.as('admin');
  buyer = await server.as('buyer');
  quality = await server.as('quality');
  ({ supplier, user: supplierUser } = await supplierWithUser(server, admin));
});
afterAll(() => server.stop());

describe('incoming inspection', () => {
  it('opens with AQL 1.0, level II when no agreement governs, and accepts at Ac', async () => {
    const part = await createPart(admin);
    const { line } = await receivedLot('2000', part);
    expect(line.orderLine).toMatchObject({ deliveredQuantity: '2000', acceptedQuantity: '0' });
    expect(line.inspection).toMatchObject({ lotNumber: 'LOT-7', lotSize: 2000, result: 'PENDING', sourceInspection: false, plan: { aql: 1, inspectionLevel: 'II', codeLetter: 'K', sampleSize: 125, acceptNumber: 3, rejectNumber: 4, severity: 'NORMAL' } });
    const supplierView = await supplierUser.data('query($id: ID!) { node(id: $id) { ... on Inspection { result } } }', { id: line.inspection.id });
    expect(supplierView.node).toEqual({ result: 'PENDING' });
    expect((await supplierUser.run(RECORD, { input: { inspectionId: line.inspection.id, defectsFound: 0 } })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await quality.data(RECORD, { input: { inspectionId: line.inspection.id, defectsFound: 126 } })).recordInspectionResult.errors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'defectsFound'] });
    const accepted = await quality.data(RECORD, { input: { inspectionId: line.inspection.id, defectsFound: 3 } });
    expect(accepted.recordInspectionResult.inspection).toMatchObject({ result: 'ACCEPTED', defectsFound: 3, inspectedBy: 'Qing Quality', nonconformance: null });
    const order = await quality.data('query { orders(first: 100) { nodes { lines { id acceptedQuantity } } } }');
    const booked = order.orders.nodes.flatMap((o: { lines: { id: string; acceptedQuantity: string }[] }) => o.lines).find((l: { id: string }) => l.id === line.orderLine.id);
    expect(booked.acceptedQuantity).toBe('2000');
    expect((await quality.data(RECORD, { input: { inspectionId: line.inspection.id, defectsFound: 0 } })).recordInspectionResult.errors[0]?.code).toBe('INVALID_STATE_TRANSITION');
  });

  it('takes the plan of the governing agreement, and a rejected lot opens a nonconformance', async () => {
    const part = await createPart(admin, { importanceClass: 'I' });
    const qa = (await quality.data('mutation($s: ID!, $p: ID!) { createQualityAgreement(input: { supplierId: $s, partIds: [$p], aql: 0.65, inspectionLevel: III, targetPpm: 50, sourceInspection: true }) { qualityAgreement { id } } }', { s: supplier.id, p: part.id })).createQualityAgreement.qualityAgreement;
    await quality.data('mutation($id: ID!) { signQualityAgreement(input: { id: $id }) { errors { code } } }', { id: qa.id });
    await supplierUser.data('mutation($id: ID!) { signQualityAgreement(input: { id: $id }) { errors { code } } }', { id: qa.id });
    const { line, order, delivery } = await receivedLot('1000', part);
    // Lot 1000 at level III is K (125); AQL 0.65 on K is Ac 2, Re 3.
    expect(line.inspection).toMatchObject({ sourceInspection: true, plan: { aql: 0.65, inspectionLevel: 'III', codeLetter: 'K', sampleSize: 125, acceptNumber: 2, rejectNumber: 3 } });
    const rejected = await quality.data(RECORD, { input: { inspectionId: line.inspection.id, defectsFound: 3, note: 'Bore oversize' } });
    expect(rejected.recordInspectionResult.inspection).toMatchObject({
      result: 'REJECTED',
      nonconformance: { source: 'INCOMING_INSPECTION', status: 'OPEN', quantityAffected: '1000', supplier: { id: supplier.id }, order: { id: order.id }, delivery: { id: delivery.id }, inspection: { id: line.inspection.id } },
    });
    const ncs = await supplierUser.data('{ nonconformances { nodes { description } } }');
    expect(ncs.nonconformances.nodes.some((n: { description: string }) => n.description.includes('3 defects in a sample of 125 (Re 3). Bore oversize'))).toBe(true);
  });
});
