import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId } from '../src/domain/shared/ids.js';
import { findGoverningAgreement } from '../src/domain/quality/governing.js';
import { approvedSupplier, createPart, setStatus } from './support/fixtures.js';
import { type Actor, startServer, TestClock, type TestServer } from './support/server.js';

let server: TestServer;
let admin: Actor;
let quality: Actor;
let supplier: { id: string; code: string };
let partner: Actor;
let otherPartner: Actor;
let partX: { id: string };
let partY: { id: string };

const AGREEMENT = 'id number status aql inspectionLevel targetPpm containmentHours correctiveActionDays sourceInspection effectiveFrom effectiveTo version supplier { id } parts { id } signatures { party signedBy }';
const CREATE = `mutation($input: CreateQualityAgreementInput!) { createQualityAgreement(input: $input) { qualityAgreement { ${AGREEMENT} } errors { field code message } } }`;
const SIGN = `mutation($input: QualityAgreementActionInput!) { signQualityAgreement(input: $input) { qualityAgreement { ${AGREEMENT} } errors { field code message } } }`;

// biome-ignore lint/suspicious/noExplicitAny: response shapes vary
type Payload = { qualityAgreement: any; errors: { field: string[]; code: string; message: string }[] };

async function run(actor: Actor, mutation: string, input: Record<string, unknown>): Promise<Payload> {
  server.clock.advance(1000);
  return Object.values(await actor.data(mutation, { input }))[0] as Payload;
}

async function createAgreement(overrides: Record<string, unknown> = {}) {
  const result = await run(quality, CREATE, { supplierId: supplier.id, aql: 0.65, targetPpm: 500, ...overrides });
  expect(result.errors).toEqual([]);
  return result.qualityAgreement;
}

async function activate(agreement: { id: string }) {
  expect((await run(quality, SIGN, { id: agreement.id, expectedVersion: 1 })).errors).toEqual([]);
  const done = await run(partner, SIGN, { id: agreement.id, expectedVersion: 2 });
  expect(done.errors).toEqual([]);
  return done.qualityAgreement;
}

beforeAll(async () => {
  server = await startServer({ clock: new TestClock(new Date('2026-11-26T08:00:00Z')) });
  admin = await server.as('admin');
  quality = await server.as('quality');
  supplier = await approvedSupplier(admin);
  const other = await approvedSupplier(admin);
  partner = await server.as({ roles: ['SUPPLIER_USER'], org: supplier.id, name: 'Li Wei' });
  otherPartner = await server.as({ roles: ['SUPPLIER_USER'], org: other.id });
  partX = await createPart(admin, { importanceClass: 'I' });
  partY = await createPart(admin, { importanceClass: 'II' });
});
afterAll(() => server.stop());

describe('creating a quality agreement', () => {
  it('drafts one with the contract defaults', async () => {
    const a = await createAgreement({ partIds: [partX.id] });
    expect(a).toMatchObject({
      number: expect.stringMatching(/^QA-2026-\d{5}$/),
      status: 'DRAFT',
      aql: 0.65,
      inspectionLevel: 'II',
      targetPpm: 500,
      containmentHours: 24,
      correctiveActionDays: 10,
      sourceInspection: false,
      version: 1,
      supplier: { id: supplier.id },
      parts: [{ id: partX.id }],
      signatures: [],
    });
  });

  it.each([
    [{ aql: 0.5 }, ['input', 'aql']],
    [{ aql: 3 }, ['input', 'aql']],
    [{ targetPpm: -1 }, ['input', 'targetPpm']],
    [{ containmentHours: 0 }, ['input', 'containmentHours']],
    [{ correctiveActionDays: 0 }, ['input', 'correctiveActionDays']],
    [{ effectiveFrom: '2027-01-02', effectiveTo: '2027-01-01' }, ['input', 'effectiveTo']],
    [{ partIds: ['nope'] }, ['input', 'partIds', '0']],
  ])('refuses %j naming the field', async (overrides, field) => {
    const before = (await admin.data('{ qualityAgreements { totalCount } }')).qualityAgreements.totalCount;
    const result = await run(quality, CREATE, { supplierId: supplier.id, aql: 1.0, targetPpm: 100, ...overrides });
    expect(result.qualityAgreement).toBeNull();
    expect(result.errors[0]?.field).toEqual(field);
    expect((await admin.data('{ qualityAgreements { totalCount } }')).qualityAgreements.totalCount).toBe(before);
  });

  it('accepts every preferred AQL value from 0.010 to 1000', async () => {
    for (const aql of [0.01, 1000]) expect((await run(quality, CREATE, { supplierId: supplier.id, aql, targetPpm: 0, inspectionLevel: 'S3' })).errors).toEqual([]);
  });

  it('is for quality staff, and not for a disqualified supplier', async () => {
    for (const user of ['buyer', 'sales', 'viewer']) {
      const response = await (await server.as(user)).run(CREATE, { input: { supplierId: supplier.id, aql: 1.0, targetPpm: 1 } });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const doomed = await approvedSupplier(admin);
    await setStatus(admin, doomed.id, 'DISQUALIFIED');
    expect((await run(quality, CREATE, { supplierId: doomed.id, aql: 1.0, targetPpm: 1 })).errors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'supplierId'] });
  });
});

describe('signing a quality agreement', () => {
  it('is offered by the company signature and activated by the supplier signature', async () => {
    const a = await createAgreement();
    expect((await partner.data('query($id: ID!) { node(id: $id) { id } }', { id: a.id })).node).toBeNull();
    expect((await run(partner, SIGN, { id: a.id })).errors[0]?.code).toBe('NOT_FOUND');
    const offered = await run(quality, SIGN, { id: a.id, expectedVersion: 1 });
    expect(offered.qualityAgreement).toMatchObject({ status: 'AWAITING_SIGNATURE', version: 2, signatures: [{ party: 'COMPANY', signedBy: 'Qing Quality' }] });
    expect((await partner.data('query($id: ID!) { node(id: $id) { id } }', { id: a.id })).node).toEqual({ id: a.id });
    expect((await run(quality, SIGN, { id: a.id })).errors[0]?.code).toBe('INVALID_STATE_TRANSITION');
    expect((await run(partner, SIGN, { id: a.id, expectedVersion: 1 })).errors[0]).toMatchObject({ code: 'VERSION_CONFLICT', field: ['input', 'expectedVersion'] });
    expect((await run(otherPartner, SIGN, { id: a.id })).errors[0]?.code).toBe('NOT_FOUND');
    const active = await run(partner, SIGN, { id: a.id, expectedVersion: 2 });
    expect(active.qualityAgreement).toMatchObject({ status: 'ACTIVE', version: 3, signatures: [{ party: 'COMPANY' }, { party: 'PARTNER', signedBy: 'Li Wei' }] });
  });

  it('supersedes the previous active agreement for the same parts, so one agreement governs', async () => {
    const fresh = await approvedSupplier(admin);
    supplier = fresh;
    partner = await server.as({ roles: ['SUPPLIER_USER'], org: fresh.id });
    const general = await activate(await createAgreement({ aql: 1.0 }));
    const forX = await activate(await createAgreement({ aql: 0.4, partIds: [partX.id] }));
    const today = '2026-11-26';
    const supplierUuid = fromGlobalId(fresh.id)!.id;
    const governs = async (part: { id: string }) => (await findGoverningAgreement(server.database.db, supplierUuid, fromGlobalId(part.id)!.id, today))?.number;
    // A part-specific agreement governs its part; the general one still governs the others.
    expect(await governs(partX)).toBe(forX.number);
    expect(await governs(partY)).toBe(general.number);
    const statuses = async () => (await admin.data('query($id: ID!) { qualityAgreements(filter: { supplierId: $id }) { nodes { number status } } }', { id: fresh.id })).qualityAgreements.nodes;
    expect(await statuses()).toEqual([
      { number: forX.number, status: 'ACTIVE' },
      { number: general.number, status: 'ACTIVE' },
    ]);
    // A new agreement for all parts supersedes both.
    const replacement = await activate(await createAgreement({ aql: 2.5 }));
    expect(await statuses()).toEqual([
      { number: replacement.number, status: 'ACTIVE' },
      { number: forX.number, status: 'SUPERSEDED' },
      { number: general.number, status: 'SUPERSEDED' },
    ]);
    expect(await governs(partX)).toBe(replacement.number);
    expect(await governs(partY)).toBe(replacement.number);
    const feed = await partner.data('query($id: ID!) { activity(subjectId: $id) { nodes { kind } } }', { id: general.id });
    expect(feed.activity.nodes.map((n: { kind: string }) => n.kind)).toEqual(['QUALITY_AGREEMENT_OFFERED', 'QUALITY_AGREEMENT_ACTIVATED', 'QUALITY_AGREEMENT_SUPERSEDED']);
    const nested = await admin.data('query($id: ID!) { node(id: $id) { ... on Supplier { qualityAgreements(first: 1) { totalCount nodes { number } } } } }', { id: fresh.id });
    expect(nested.node.qualityAgreements).toEqual({ totalCount: 3, nodes: [{ number: replacement.number }] });
  });

  it('reads EXPIRED after effectiveTo and then governs nothing', async () => {
    const a = await activate(await createAgreement({ effectiveTo: '2026-12-31', partIds: [partY.id] }));
    server.clock.set('2027-01-01T00:00:01Z');
    const read = await admin.data('query($id: ID!) { node(id: $id) { ... on QualityAgreement { status } } }', { id: a.id });
    expect(read.node.status).toBe('EXPIRED');
    server.clock.set('2026-11-26T10:00:00Z');
  });
});

describe('samplingPlan', () => {
  it('answers the normal-inspection plan, level II by default', async () => {
    const data = await quality.data('{ k: samplingPlan(lotSize: 2000, aql: 1.0) { lotSize aql inspectionLevel codeLetter sampleSize acceptNumber rejectNumber } s: samplingPlan(lotSize: 400, aql: 2.5, inspectionLevel: S2) { codeLetter sampleSize acceptNumber } }');
    expect(data.k).toEqual({ lotSize: 2000, aql: 1, inspectionLevel: 'II', codeLetter: 'K', sampleSize: 125, acceptNumber: 3, rejectNumber: 4 });
    expect(data.s).toEqual({ codeLetter: 'C', sampleSize: 5, acceptNumber: 0 });
  });

  it('refuses an AQL that is not a preferred value', async () => {
    const response = await quality.run('{ samplingPlan(lotSize: 100, aql: 0.7) { sampleSize } }');
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0]?.message).toContain('aql must be one of the ISO 2859-1 preferred values');
  });
});
