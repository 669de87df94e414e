import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPart } from './support/fixtures.js';
import { acknowledgedOrder, M, mutate, receivedDelivery, supplierWithUser } from './support/orders.js';
import { type Actor, startServer, TestClock, type TestServer } from './support/server.js';

// ISO 2859-1 switching per supplier and part, through the API: lots received and decided one after
// another move the part between normal, tightened and reduced inspection, and discontinue it.
let server: TestServer;
let admin: Actor;
let buyer: Actor;
let quality: Actor;
let supplier: { id: string };
let supplierUser: Actor;

const RECORD = 'mutation($input: RecordInspectionResultInput!) { recordInspectionResult(input: $input) { inspection { result } errors { field code message } } }';
const REINSTATE = 'mutation($input: ReinstateInspectionInput!) { reinstateInspection(input: $input) { inspectionState { severity discontinued switchingScore part { id } } errors { field code message } } }';
const ALLOW = 'mutation($input: AllowReducedInspectionInput!) { allowReducedInspection(input: $input) { supplier { reducedInspectionAllowed } errors { field code message } } }';

interface Lot {
  id: string;
  plan: { severity: string; codeLetter: string; sampleSize: number; acceptNumber: number; rejectNumber: number };
}

/** Orders, ships and receives `count` lots of `quantity` of a part in one delivery; returns their inspections in line order. */
async function receiveLots(part: { id: string }, count: number, quantity: string): Promise<Lot[]> {
  const { delivery } = await receivedDelivery(server, buyer, supplier, supplierUser, Array(count).fill(part.id), Array(count).fill(quantity));
  const read = await quality.data('query($id: ID!) { node(id: $id) { ... on Delivery { lines { inspection { id plan { severity codeLetter sampleSize acceptNumber rejectNumber } } } } } }', { id: delivery.id });
  return read.node.lines.map((l: { inspection: Lot }) => l.inspection);
}

async function decide(lot: Lot, accepted: boolean) {
  server.clock.advance(60_000);
  const result = await quality.data(RECORD, { input: { inspectionId: lot.id, defectsFound: accepted ? 0 : lot.plan.rejectNumber } });
  expect(result.recordInspectionResult.inspection.result).toBe(accepted ? 'ACCEPTED' : 'REJECTED');
}

async function stateOf(part: { id: string }) {
  const read = await supplierUser.data('query($id: ID!) { node(id: $id) { ... on Supplier { reducedInspectionAllowed inspectionStates { part { id } severity discontinued switchingScore } } } }', { id: supplier.id });
  const state = read.node.inspectionStates.find((s: { part: { id: string } }) => s.part.id === part.id);
  return { allowed: read.node.reducedInspectionAllowed, ...(state ?? { severity: 'NORMAL', discontinued: false, switchingScore: 0 }) };
}

beforeAll(async () => {
  server = await startServer({ clock: new TestClock(new Date('2026-11-26T08:00:00Z')) });
  admin = await server.as('admin');
  buyer = await server.as('buyer');
  quality = await server.as('quality');
  ({ supplier, user: supplierUser } = await supplierWithUser(server, admin));
});
afterAll(() => server.stop());

describe('inspection switching', () => {
  it('tightens after 2 rejected lots, discontinues after 5 more, refuses deliveries until reinstated, and relaxes after 5 accepted', async () => {
    const part = await createPart(admin);
    // Lot of 2,000 at AQL 1.0, level II: normal K 125 Ac 3; tightened K 125 Ac 2.
    const [first, second, third] = await receiveLots(part, 3, '2000');
    expect(first!.plan).toEqual({ severity: 'NORMAL', codeLetter: 'K', sampleSize: 125, acceptNumber: 3, rejectNumber: 4 });
    await decide(first!, false);
    await decide(second!, true);
    expect((await stateOf(part)).severity).toBe('NORMAL');
    await decide(third!, false);
    expect(await stateOf(part)).toMatchObject({ severity: 'TIGHTENED', discontinued: false });
    const changes = await supplierUser.data('query($id: ID!) { activity(subjectId: $id) { nodes { kind summary } } }', { id: part.id });
    expect(changes.activity.nodes.at(-1)).toMatchObject({ kind: 'INSPECTION_SEVERITY_CHANGED', summary: expect.stringContaining('from NORMAL to TIGHTENED') });

    const tightened = await receiveLots(part, 6, '2000');
    expect(tightened[0]!.plan).toEqual({ severity: 'TIGHTENED', codeLetter: 'K', sampleSize: 125, acceptNumber: 2, rejectNumber: 3 });
    for (const [i, lot] of tightened.slice(0, 5).entries()) await decide(lot, i === 2);
    expect((await stateOf(part)).discontinued).toBe(false);
    await decide(tightened[5]!, false);
    expect(await stateOf(part)).toMatchObject({ severity: 'TIGHTENED', discontinued: true });

    // Deliveries of the part are refused, naming the line; other parts still ship.
    const other = await createPart(admin);
    const order = await acknowledgedOrder(server, buyer, supplier, supplierUser, [other.id, part.id], ['10', '10']);
    const refused = await mutate(server, supplierUser, M.createDelivery, { orderId: order.id, lines: order.lines.map((l: { id: string }) => ({ orderLineId: l.id, quantity: '10' })) });
    expect(refused.errors).toEqual([{ field: ['input', 'lines', '1', 'orderLineId'], code: 'INVALID', message: expect.stringContaining('discontinued') }]);
    expect((await mutate(server, supplierUser, M.createDelivery, { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: '10' }] })).errors).toEqual([]);

    const input = { supplierId: supplier.id, partId: part.id, note: 'Casting die replaced; 8D report accepted.' };
    for (const who of [supplierUser, buyer]) expect((await who.run(REINSTATE, { input })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await quality.data(REINSTATE, { input: { ...input, note: ' ' } })).reinstateInspection.errors[0]).toMatchObject({ field: ['input', 'note'], code: 'INVALID' });
    expect((await quality.data(REINSTATE, { input })).reinstateInspection).toEqual({ inspectionState: { severity: 'TIGHTENED', discontinued: false, switchingScore: 0, part: { id: part.id } }, errors: [] });
    expect((await quality.data(REINSTATE, { input })).reinstateInspection.errors[0]).toMatchObject({ code: 'INVALID_STATE_TRANSITION', field: ['input', 'partId'] });

    const resumed = await receiveLots(part, 5, '2000');
    expect(resumed.every((l) => l.plan.severity === 'TIGHTENED')).toBe(true);
    for (const lot of resumed.slice(0, 4)) await decide(lot, true);
    expect((await stateOf(part)).severity).toBe('TIGHTENED');
    await decide(resumed[4]!, true);
    expect((await stateOf(part)).severity).toBe('NORMAL');
    expect((await receiveLots(part, 1, '2000'))[0]!.plan.severity).toBe('NORMAL');
  });

  it('reduces inspection at a switching score of 30 only once quality allows it, and returns to normal on a rejected lot', async () => {
    const part = await createPart(admin);
    // Ac 3 on K: each lot with no defect also passes at AQL 0.65 (Ac 2): +3.
    const lots = await receiveLots(part, 12, '2000');
    for (const lot of lots.slice(0, 10)) await decide(lot, true);
    expect(await stateOf(part)).toMatchObject({ allowed: false, severity: 'NORMAL', switchingScore: 30 });
    expect((await supplierUser.run(ALLOW, { input: { supplierId: supplier.id, allowed: true } })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await quality.data(ALLOW, { input: { supplierId: supplier.id, allowed: true } })).allowReducedInspection).toEqual({ supplier: { reducedInspectionAllowed: true }, errors: [] });
    await decide(lots[10]!, true);
    expect(await stateOf(part)).toMatchObject({ allowed: true, severity: 'REDUCED' });
    // Reduced: Table 2-C's K at AQL 1.0, 50 sampled, Ac 2.
    const [reduced, next] = await receiveLots(part, 2, '2000');
    expect(reduced!.plan).toEqual({ severity: 'REDUCED', codeLetter: 'K', sampleSize: 50, acceptNumber: 2, rejectNumber: 3 });
    await decide(lots[11]!, true);
    await decide(reduced!, false);
    expect(await stateOf(part)).toMatchObject({ severity: 'NORMAL', switchingScore: 0 });
    // The next lot was sampled under the reduced plan (Ac 2) and passes one AQL step tighter: it adds 3.
    await decide(next!, true);
    expect((await stateOf(part)).switchingScore).toBe(3);
  });

  it('ends reduced inspection when quality withdraws the permission', async () => {
    const part = await createPart(admin);
    const lots = await receiveLots(part, 10, '2000');
    for (const lot of lots) await decide(lot, true);
    expect((await stateOf(part)).severity).toBe('REDUCED');
    await quality.data(ALLOW, { input: { supplierId: supplier.id, allowed: false } });
    expect(await stateOf(part)).toMatchObject({ allowed: false, severity: 'NORMAL', switchingScore: 0 });
  });

  it('gives the plan of any severity through the samplingPlan query', async () => {
    const read = await quality.data('{ n: samplingPlan(lotSize: 2000, aql: 1.0) { severity sampleSize acceptNumber } t: samplingPlan(lotSize: 2000, aql: 1.0, severity: TIGHTENED) { severity acceptNumber } r: samplingPlan(lotSize: 2000, aql: 1.0, severity: REDUCED) { severity sampleSize acceptNumber } }');
    expect(read).toEqual({ n: { severity: 'NORMAL', sampleSize: 125, acceptNumber: 3 }, t: { severity: 'TIGHTENED', acceptNumber: 2 }, r: { severity: 'REDUCED', sampleSize: 50, acceptNumber: 2 } });
  });

  it('returns from reduced to normal when production is delayed, though the lot is accepted', async () => {
    await quality.data(ALLOW, { input: { supplierId: supplier.id, allowed: true } });
    const part = await createPart(admin);
    for (const lot of await receiveLots(part, 10, '2000')) await decide(lot, true);
    expect((await stateOf(part)).severity).toBe('REDUCED');
    // A delivery the supplier reported DELAYED: its lot is accepted, and inspection goes back to normal.
    const order = await acknowledgedOrder(server, buyer, supplier, supplierUser, [part.id], ['2000']);
    const asn = await mutate(server, supplierUser, M.createDelivery, { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: '2000' }] });
    await mutate(server, supplierUser, M.recordDeliveryEvent, { deliveryId: asn.delivery.id, status: 'DISPATCHED' });
    const delayed = await mutate(server, supplierUser, M.recordDeliveryEvent, { deliveryId: asn.delivery.id, status: 'DELAYED', estimatedArrival: new Date(server.clock.now().getTime() + 86_400_000).toISOString() });
    expect(delayed.errors).toEqual([]);
    expect((await mutate(server, buyer, M.receiveDelivery, { deliveryId: asn.delivery.id, lines: [{ orderLineId: order.lines[0].id, receivedQuantity: '2000' }] })).errors).toEqual([]);
    const read = await quality.data('query($id: ID!) { node(id: $id) { ... on Delivery { lines { inspection { id plan { severity codeLetter sampleSize acceptNumber rejectNumber } } } } } }', { id: asn.delivery.id });
    const lot = read.node.lines[0].inspection as Lot;
    expect(lot.plan.severity).toBe('REDUCED');
    await decide(lot, true);
    expect(await stateOf(part)).toMatchObject({ severity: 'NORMAL', switchingScore: 0 });
  });
});
