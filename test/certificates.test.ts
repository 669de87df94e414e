import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, createPart } from './support/fixtures.js';
import { acknowledgedOrder, M, mutate, supplierWithUser } from './support/orders.js';
import { type Actor, startServer, TestClock, type TestServer } from './support/server.js';
import { sleep } from './support/subscribe.js';

/**
 * Supplier certificates with their validity, the expiry watch's notices, the dashboard's renewals,
 * and the documents a quality agreement requires with every delivery (refused or held without them).
 */
let server: TestServer;
let admin: Actor;
let quality: Actor;
let buyer: Actor;
let a: Awaited<ReturnType<typeof supplierWithUser>>;
let b: Awaited<ReturnType<typeof supplierWithUser>>;

const RECORD = 'mutation($input: RecordCertificateInput!) { recordCertificate(input: $input) { certificate { id type number status daysToExpiry version supplier { id } } errors { field code message } } }';
const RENEW = 'mutation($input: RenewCertificateInput!) { renewCertificate(input: $input) { certificate { id status validTo version } errors { field code message } } }';
const CERTIFICATES = 'query($id: ID!) { node(id: $id) { ... on Supplier { certificates { id type number status daysToExpiry files { kind } } } } }';
const RENEWALS = '{ dashboard { certificatesNeedingRenewal(days: 30) { number status supplier { code } } } }';

const day = (offset: number) => {
  const d = server.clock.now();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

async function upload(actor: Actor, subjectId: string, kind: string, name: string, partId?: string) {
  const url = new URL('/files', server.url);
  url.searchParams.set('subjectId', subjectId);
  url.searchParams.set('kind', kind);
  url.searchParams.set('name', name);
  if (partId) url.searchParams.set('partId', partId);
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${actor.token}` }, body: '%PDF-1.4\n%%EOF\n' });
  expect(response.status).toBe(201);
  return ((await response.json()) as { file: { id: string } }).file;
}

async function kindsOf(actor: Actor, subjectId: string): Promise<string[]> {
  return (await actor.data('query($id: ID) { activity(first: 100, subjectId: $id) { nodes { kind } } }', { id: subjectId })).activity.nodes.map((n: { kind: string }) => n.kind);
}

beforeAll(async () => {
  server = await startServer({ clock: new TestClock(new Date('2026-06-01T08:00:00.000Z')), env: { CERTIFICATE_CHECK_INTERVAL_MS: '200', CERTIFICATE_WARNING_DAYS: '30' } });
  admin = await server.as({ roles: ['ADMIN'] });
  quality = await server.as({ roles: ['QUALITY_ENGINEER'] });
  buyer = await server.as({ roles: ['BUYER'] });
  a = await supplierWithUser(server, admin);
  b = await supplierWithUser(server, admin);
}, 60_000);
afterAll(() => server.stop());

describe('certificates', () => {
  it('are recorded by staff or the supplier itself, seen by it and staff only, with their copy', async () => {
    const mine = (await a.user.data(RECORD, { input: { supplierId: a.supplier.id, type: 'ISO_9001', number: 'Q-100', issuer: 'TÜV', validFrom: day(-300), validTo: day(400), idempotencyKey: 'c-1' } })).recordCertificate;
    expect(mine.errors).toEqual([]);
    expect(mine.certificate).toMatchObject({ type: 'ISO_9001', status: 'VALID', daysToExpiry: 400, version: 1, supplier: { id: a.supplier.id } });
    // A retry with the key gives the same certificate; the same number again is a duplicate.
    expect((await a.user.data(RECORD, { input: { supplierId: a.supplier.id, type: 'ISO_9001', number: 'Q-100', issuer: 'TÜV', validFrom: day(-300), validTo: day(400), idempotencyKey: 'c-1' } })).recordCertificate.certificate.id).toBe(mine.certificate.id);
    const duplicate = (await quality.data(RECORD, { input: { supplierId: a.supplier.id, type: 'ISO_9001', number: 'Q-100', issuer: 'SGS', validFrom: day(0), validTo: day(10) } })).recordCertificate;
    expect(duplicate.errors).toEqual([{ field: ['input', 'number'], code: 'DUPLICATE', message: 'This supplier already has a certificate of this type with this number.' }]);
    const backwards = (await quality.data(RECORD, { input: { supplierId: a.supplier.id, type: 'ISO_14001', number: 'E-1', issuer: 'SGS', validFrom: day(10), validTo: day(0) } })).recordCertificate;
    expect(backwards.errors.map((e: { field: string[] }) => e.field)).toEqual([['input', 'validTo']]);
    // Another supplier's user cannot record for it, nor see it; a customer may not record at all.
    expect((await b.user.data(RECORD, { input: { supplierId: a.supplier.id, type: 'ISO_14001', number: 'X', issuer: 'X', validFrom: day(0), validTo: day(5) } })).recordCertificate.errors[0].code).toBe('NOT_FOUND');
    expect((await b.user.data(CERTIFICATES, { id: a.supplier.id })).node).toBeNull();
    const customer = await server.as({ roles: ['CUSTOMER_USER'], org: (await createCustomer(admin)).id });
    expect((await customer.run(RECORD, { input: { supplierId: a.supplier.id, type: 'OTHER', number: 'X', issuer: 'X', validFrom: day(0), validTo: day(5) } })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    await upload(a.user, mine.certificate.id, 'CERTIFICATE', 'iso9001.pdf');
    const listed = (await quality.data(CERTIFICATES, { id: a.supplier.id })).node.certificates;
    expect(listed).toEqual([{ id: mine.certificate.id, type: 'ISO_9001', number: 'Q-100', status: 'VALID', daysToExpiry: 400, files: [{ kind: 'CERTIFICATE' }] }]);
  });

  it('are noted once as expiring and once as expired, listed for renewal, and renewed', async () => {
    const cert = (await quality.data(RECORD, { input: { supplierId: b.supplier.id, type: 'IATF_16949', number: 'A-7', issuer: 'DNV', validFrom: day(-700), validTo: day(10) } })).recordCertificate.certificate;
    expect(cert.status).toBe('EXPIRING');
    for (let i = 0; i < 50 && !(await kindsOf(quality, cert.id)).includes('CERTIFICATE_EXPIRING'); i++) await sleep(100);
    await sleep(500); // several passes of the watch: still once
    expect(await kindsOf(quality, cert.id)).toEqual(['CERTIFICATE_RECORDED', 'CERTIFICATE_EXPIRING']);
    // The supplier's own users see the notice too (webhooks and subscriptions follow the feed).
    expect(await kindsOf(b.user, cert.id)).toEqual(['CERTIFICATE_RECORDED', 'CERTIFICATE_EXPIRING']);
    expect((await admin.data(RENEWALS)).dashboard.certificatesNeedingRenewal).toContainEqual({ number: 'A-7', status: 'EXPIRING', supplier: { code: b.supplier.code } });

    server.clock.advance(11 * 86_400_000);
    for (let i = 0; i < 50 && !(await kindsOf(quality, cert.id)).includes('CERTIFICATE_EXPIRED'); i++) await sleep(100);
    await sleep(500);
    expect(await kindsOf(quality, cert.id)).toEqual(['CERTIFICATE_RECORDED', 'CERTIFICATE_EXPIRING', 'CERTIFICATE_EXPIRED']);
    expect((await admin.data(RENEWALS)).dashboard.certificatesNeedingRenewal).toContainEqual({ number: 'A-7', status: 'EXPIRED', supplier: { code: b.supplier.code } });

    const stale = (await quality.data(RENEW, { input: { id: cert.id, expectedVersion: 0, validFrom: day(0), validTo: day(1000) } })).renewCertificate;
    expect(stale.errors.map((e: { code: string }) => e.code)).toEqual(['VERSION_CONFLICT']);
    const renewed = (await b.user.data(RENEW, { input: { id: cert.id, expectedVersion: 1, validFrom: day(0), validTo: day(1000) } })).renewCertificate;
    expect(renewed.certificate).toMatchObject({ status: 'VALID', validTo: day(1000), version: 2 });
    expect((await admin.data(RENEWALS)).dashboard.certificatesNeedingRenewal.map((c: { number: string }) => c.number)).not.toContain('A-7');
    expect((await a.user.data(RENEW, { input: { id: cert.id, validFrom: day(0), validTo: day(2) } })).renewCertificate.errors[0].code).toBe('NOT_FOUND');
  });
});

describe('documents a quality agreement requires with every delivery', () => {
  async function agreement(supplier: { id: string }, user: Actor, partId: string, missingDocuments: 'REFUSE' | 'HOLD') {
    const qa = (
      await quality.data('mutation($input: CreateQualityAgreementInput!) { createQualityAgreement(input: $input) { qualityAgreement { id number requiredDeliveryDocuments missingDocuments } errors { code } } }', {
        input: { supplierId: supplier.id, partIds: [partId], aql: 1.0, targetPpm: 100, requiredDeliveryDocuments: ['CERTIFICATE_OF_CONFORMITY'], missingDocuments },
      })
    ).createQualityAgreement.qualityAgreement;
    expect(qa).toMatchObject({ requiredDeliveryDocuments: ['CERTIFICATE_OF_CONFORMITY'], missingDocuments });
    await quality.data('mutation($id: ID!) { signQualityAgreement(input: { id: $id }) { errors { code } } }', { id: qa.id });
    await user.data('mutation($id: ID!) { signQualityAgreement(input: { id: $id }) { errors { code } } }', { id: qa.id });
    return qa as { id: string; number: string };
  }

  it('refuses a ship notice without them, naming what is missing, and takes the certificate along when given', async () => {
    const part = await createPart(admin, { importanceClass: 'I' });
    const qa = await agreement(a.supplier, a.user, part.id, 'REFUSE');
    const order = await acknowledgedOrder(server, buyer, a.supplier, a.user, [part.id], ['10']);
    const input = { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: '10' }] };
    const refused = await mutate(server, a.user, M.createDelivery, input);
    expect(refused.errors).toEqual([
      {
        field: ['input', 'documentIds'],
        code: 'INVALID',
        message: `Missing documents the quality agreement requires with every delivery: ${part.partNumber}: CERTIFICATE_OF_CONFORMITY (${qa.number}). Upload them to the order (POST /files, kind CERTIFICATE_OF_CONFORMITY …) and pass their ids.`,
      },
    ]);
    // A certificate of analysis does not answer for a certificate of conformity.
    const coa = await upload(a.user, order.id, 'CERTIFICATE_OF_ANALYSIS', 'coa.pdf');
    expect((await mutate(server, a.user, M.createDelivery, { ...input, documentIds: [coa.id] })).errors[0]?.field).toEqual(['input', 'documentIds']);
    const coc = await upload(a.user, order.id, 'CERTIFICATE_OF_CONFORMITY', 'coc.pdf', part.id);
    // Another supplier's file, or one of another order, is not this order's document.
    expect((await mutate(server, a.user, M.createDelivery, { ...input, documentIds: ['RmlsZTowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA'] })).errors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'documentIds', '0'] });
    const shipped = await mutate(server, a.user, M.createDelivery.replace('errors {', 'errors {').replace('{ delivery {', '{ delivery { onHold missingDocuments { kind } files { id kind }'), { ...input, documentIds: [coc.id] });
    expect(shipped.errors).toEqual([]);
    expect(shipped.delivery).toMatchObject({ onHold: false, missingDocuments: [], files: [{ id: coc.id, kind: 'CERTIFICATE_OF_CONFORMITY' }] });
    const orderFiles = (await a.user.data('query($id: ID!) { node(id: $id) { ... on Order { files { kind } } } }', { id: order.id })).node.files;
    expect(orderFiles).toEqual([{ kind: 'CERTIFICATE_OF_ANALYSIS' }]);
  });

  it('holds a ship notice without them: announced, not received until the certificate is attached', async () => {
    const part = await createPart(admin, { importanceClass: 'I' });
    await agreement(b.supplier, b.user, part.id, 'HOLD');
    const order = await acknowledgedOrder(server, buyer, b.supplier, b.user, [part.id], ['5']);
    const shipped = await mutate(server, b.user, M.createDelivery.replace('{ delivery {', '{ delivery { onHold missingDocuments { kind policy part { partNumber } }'), {
      orderId: order.id,
      lines: [{ orderLineId: order.lines[0].id, quantity: '5' }],
    });
    expect(shipped.errors).toEqual([]);
    expect(shipped.delivery).toMatchObject({ onHold: true, missingDocuments: [{ kind: 'CERTIFICATE_OF_CONFORMITY', policy: 'HOLD', part: { partNumber: part.partNumber } }] });
    await mutate(server, b.user, M.recordDeliveryEvent, { deliveryId: shipped.delivery.id, status: 'DISPATCHED' });
    const receive = { deliveryId: shipped.delivery.id, lines: [{ orderLineId: order.lines[0].id, receivedQuantity: '5' }] };
    const held = await mutate(server, buyer, M.receiveDelivery, receive);
    expect(held.errors).toEqual([{ field: ['input', 'deliveryId'], code: 'INVALID_STATE_TRANSITION', message: expect.stringContaining('is on hold until its documents are attached') }]);
    await upload(b.user, shipped.delivery.id, 'CERTIFICATE_OF_CONFORMITY', 'coc.pdf');
    const after = (await buyer.data('query($id: ID!) { node(id: $id) { ... on Delivery { onHold missingDocuments { kind } } } }', { id: shipped.delivery.id })).node;
    expect(after).toEqual({ onHold: false, missingDocuments: [] });
    expect((await mutate(server, buyer, M.receiveDelivery, receive)).errors).toEqual([]);
  });

  it('are planned with the rules that compute their status, which read the day of each request, not the day the plan was made', async () => {
    const query = 'query($id: ID!) { node(id: $id) { ... on Supplier { certificates { number status daysToExpiry } } } }';
    const recorded = (await quality.data(RECORD, { input: { supplierId: b.supplier.id, type: 'OTHER', number: 'PLAN-1', issuer: 'SGS', validFrom: day(-10), validTo: day(40) } })).recordCertificate;
    expect(recorded.errors).toEqual([]);
    const ask = async (path?: 'executed') => {
      const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${b.user.token}`, ...(path === undefined ? {} : { 'x-read-path': path }) }, body: JSON.stringify({ query, variables: { id: b.supplier.id } }) });
      const body = (await response.json()) as { data: { node: { certificates: { number: string; status: string; daysToExpiry: number }[] } } };
      return { planned: response.headers.get('x-read-planned'), certificates: body.data.node.certificates.filter((c) => c.number === 'PLAN-1') };
    };
    const started = server.clock.now();
    try {
      await ask();
      await ask();
      expect(await ask()).toEqual({ planned: 'yes', certificates: [{ number: 'PLAN-1', status: 'VALID', daysToExpiry: 40 }] });
      // Eleven days on (30 days' warning), the same plan answers with that day's status and days to expiry, as graphql-js does.
      server.clock.advance(11 * 86_400_000);
      const later = await ask();
      expect(later).toEqual({ planned: 'yes', certificates: [{ number: 'PLAN-1', status: 'EXPIRING', daysToExpiry: 29 }] });
      expect((await ask('executed')).certificates).toEqual(later.certificates);
      server.clock.advance(30 * 86_400_000);
      expect(await ask()).toEqual({ planned: 'yes', certificates: [{ number: 'PLAN-1', status: 'EXPIRED', daysToExpiry: -1 }] });
    } finally {
      server.clock.set(started);
    }
  });
});
