import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPart, designate } from './support/fixtures.js';
import { mutate, supplierWithUser } from './support/orders.js';
import { type Actor, startServer, TestClock, type TestServer } from './support/server.js';

/**
 * Supply capability: kept by the supplier's users, reviewed by staff, read the same on both paths;
 * commitment against monthly capacity warns in order payloads and shows on the dashboard.
 */
let server: TestServer;
let admin: Actor;
let buyer: Actor;
let quality: Actor;
let a: Awaited<ReturnType<typeof supplierWithUser>>;
let b: Awaited<ReturnType<typeof supplierWithUser>>;
let part: { id: string; partNumber: string };

const UPDATE = 'mutation($input: UpdateSupplyCapabilityInput!) { updateSupplyCapability(input: $input) { supplyCapability { version reviewStatus } errors { field code message } } }';
const REVIEW = 'mutation($input: ReviewSupplyCapabilityInput!) { reviewSupplyCapability(input: $input) { supplyCapability { version reviewStatus reviewedBy reviewNote } errors { field code message } } }';
const CAPABILITY = `query($id: ID!) { node(id: $id) { ... on Supplier { supplyCapability {
  materials { name supplyStatus procurementCycleDays stockDays returnRatePercent }
  manufacturing { equipment utilisationPercent maintenanceState staffing productionCycleDays }
  transport { modes cycleDays } partCapacities { part { partNumber } monthlyCapacity } reviewStatus reviewedBy version } } } }`;
const ORDER = 'mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } warnings { code message month part { partNumber } } errors { code } } }';
const ISSUE = 'mutation($input: OrderActionInput!) { issueOrder(input: $input) { order { id status } warnings { code month } errors { code } } }';

const capability = (partId: string, monthlyCapacity: string) => ({
  supplierId: a.supplier.id,
  materials: [{ name: 'PA66 GF30', supplyStatus: 'TIGHT', procurementCycleDays: 21, stockDays: 12, returnRatePercent: 0.4 }],
  manufacturing: { equipment: ['4 x 250 t injection presses'], utilisationPercent: 78, maintenanceState: 'GOOD', staffing: 42, productionCycleDays: 5 },
  transport: { modes: ['ROAD', 'SEA'], cycleDays: 3 },
  partCapacities: [{ partId, monthlyCapacity }],
});

async function both(actor: Actor, query: string, variables: Record<string, unknown>) {
  const ask = async (path: string) =>
    (await (await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${actor.token}`, 'x-read-path': path }, body: JSON.stringify({ query, variables }) })).json()) as { data: Record<string, unknown> };
  const compiled = await ask('compiled');
  const executed = await ask('executed');
  expect(compiled.data).toEqual(executed.data);
  return compiled.data;
}

beforeAll(async () => {
  server = await startServer({ clock: new TestClock(new Date('2026-06-01T08:00:00.000Z')) });
  admin = await server.as({ roles: ['ADMIN'] });
  buyer = await server.as({ roles: ['BUYER'] });
  quality = await server.as({ roles: ['QUALITY_ENGINEER'] });
  a = await supplierWithUser(server, admin);
  b = await supplierWithUser(server, admin);
  part = await createPart(admin, { importanceClass: 'I' });
  // A supplier states capacity for the parts it sees: those it is designated for.
  await designate(admin, part.id, a.supplier.id);
}, 60_000);
afterAll(() => server.stop());

describe('supply capability', () => {
  it('is submitted by the supplier, reviewed by staff, and seen by them only', async () => {
    const submitted = (await a.user.data(UPDATE, { input: { ...capability(part.id, '100'), expectedVersion: 0 } })).updateSupplyCapability;
    expect(submitted).toEqual({ supplyCapability: { version: 1, reviewStatus: 'SUBMITTED' }, errors: [] });
    const seen = (await both(quality, CAPABILITY, { id: a.supplier.id })) as { node: { supplyCapability: unknown } };
    expect(seen.node.supplyCapability).toEqual({
      materials: [{ name: 'PA66 GF30', supplyStatus: 'TIGHT', procurementCycleDays: 21, stockDays: 12, returnRatePercent: 0.4 }],
      manufacturing: { equipment: ['4 x 250 t injection presses'], utilisationPercent: 78, maintenanceState: 'GOOD', staffing: 42, productionCycleDays: 5 },
      transport: { modes: ['ROAD', 'SEA'], cycleDays: 3 },
      partCapacities: [{ part: { partNumber: part.partNumber }, monthlyCapacity: '100' }],
      reviewStatus: 'SUBMITTED',
      reviewedBy: null,
      version: 1,
    });
    expect(((await both(a.user, CAPABILITY, { id: a.supplier.id })) as { node: { supplyCapability: { version: number } } }).node.supplyCapability.version).toBe(1);
    expect((await both(b.user, CAPABILITY, { id: a.supplier.id })).node).toBeNull();
    // It is evidence next to the supplier's survey.
    const surveyed = (await both(quality, 'query($id: ID!) { node(id: $id) { ... on Supplier { latestSurvey { supplyCapability { version reviewStatus } } } } }', { id: a.supplier.id })) as { node: { latestSurvey: { supplyCapability: unknown } | null } };
    expect(surveyed.node.latestSurvey).toEqual({ supplyCapability: { version: 1, reviewStatus: 'SUBMITTED' } });

    // Who may do what, stale versions and bad figures.
    expect((await buyer.run(UPDATE, { input: capability(part.id, '5') })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await b.user.data(UPDATE, { input: capability(part.id, '5') })).updateSupplyCapability.errors[0].code).toBe('NOT_FOUND');
    expect((await a.user.data(UPDATE, { input: { ...capability(part.id, '100'), expectedVersion: 0 } })).updateSupplyCapability.errors[0].code).toBe('VERSION_CONFLICT');
    const bad = (await a.user.data(UPDATE, { input: { ...capability(part.id, '100'), manufacturing: { ...capability(part.id, '1').manufacturing, utilisationPercent: 150 } } })).updateSupplyCapability;
    expect(bad.errors).toEqual([{ field: ['input', 'manufacturing', 'utilisationPercent'], code: 'INVALID', message: 'utilisationPercent is at most 100.' }]);
    expect((await a.user.run(REVIEW, { input: { supplierId: a.supplier.id } })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const reviewed = (await quality.data(REVIEW, { input: { supplierId: a.supplier.id, expectedVersion: 1, note: 'Visited the plant' } })).reviewSupplyCapability;
    expect(reviewed.supplyCapability).toMatchObject({ version: 2, reviewStatus: 'REVIEWED', reviewNote: 'Visited the plant' });
    expect((await quality.data(REVIEW, { input: { supplierId: a.supplier.id } })).reviewSupplyCapability.errors[0].code).toBe('INVALID_STATE_TRANSITION');
    expect((await quality.data(REVIEW, { input: { supplierId: b.supplier.id } })).reviewSupplyCapability.errors[0].code).toBe('NOT_FOUND');
  });

  it('warns when an order takes a part above its monthly capacity, and shows it on the dashboard', async () => {
    const order = (quantity: string) => ({ direction: 'PURCHASE', partnerId: a.supplier.id, currency: 'EUR', lines: [{ partId: part.id, quantity, unitPrice: '1', requestedDate: '2026-07-15' }] });
    const first = await mutate(server, buyer, ORDER, order("80"));
    expect(first.warnings).toEqual([]);
    expect((await mutate(server, buyer, ISSUE, { id: first.order.id })).warnings).toEqual([]);
    // 80 issued and 30 drafted for July: 110 against 100.
    const second = await mutate(server, buyer, ORDER, order("30"));
    expect(second.errors).toEqual([]);
    expect(second.warnings).toEqual([{ code: 'OVER_CAPACITY', message: '110 are due in 2026-07 against a monthly capacity of 100.', month: '2026-07', part: { partNumber: part.partNumber } }]);
    // The dashboard counts issued orders only: after the issue, July is over.
    const before = (await admin.data('{ dashboard { capacityOverloads { month } } }')).dashboard.capacityOverloads;
    expect(before).toEqual([]);
    const issued = await mutate(server, buyer, ISSUE, { id: second.order.id });
    expect(issued.warnings).toEqual([{ code: 'OVER_CAPACITY', month: '2026-07' }]);
    const overloads = (await both(admin, '{ dashboard { capacityOverloads { supplier { code } part { partNumber } month committed capacity } } }', {})) as { dashboard: { capacityOverloads: unknown[] } };
    expect(overloads.dashboard.capacityOverloads).toEqual([{ supplier: { code: a.supplier.code }, part: { partNumber: part.partNumber }, month: '2026-07', committed: '110', capacity: '100' }]);

    // A change that moves an order's quantity into a full month warns too, when it is accepted.
    const august = await mutate(server, buyer, ORDER, { ...order('60'), lines: [{ partId: part.id, quantity: '60', unitPrice: '1', requestedDate: '2026-08-10' }] });
    const issuedAugust = await mutate(server, buyer, ISSUE, { id: august.order.id });
    expect(issuedAugust.warnings).toEqual([]);
    const lines = (await buyer.data('query($id: ID!) { node(id: $id) { ... on Order { version lines { id } } } }', { id: august.order.id })).node;
    const requested = await mutate(server, buyer, 'mutation($input: RequestOrderChangeInput!) { requestOrderChange(input: $input) { changeRequest { id } errors { code message } } }', {
      orderId: august.order.id,
      reason: 'Demand up',
      changes: [{ lineId: lines.lines[0].id, quantity: '140' }],
    });
    expect(requested.errors).toEqual([]);
    const accepted = await mutate(server, a.user, 'mutation($input: RespondToOrderChangeInput!) { respondToOrderChange(input: $input) { changeRequest { status } warnings { code month } errors { code message } } }', {
      id: requested.changeRequest.id,
      accept: true,
    });
    expect(accepted.errors).toEqual([]);
    expect(accepted.warnings).toEqual([{ code: 'OVER_CAPACITY', month: '2026-08' }]);
  });
});
