import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from './support/fixtures.js';
import { acknowledgedOrder, M, mutate, parts, supplierWithUser } from './support/orders.js';
import { rowCounter } from './support/row-counts.js';
import { type Actor, startServer, type TestServer } from './support/server.js';
import { sleep } from './support/subscribe.js';

/**
 * Files over HTTP: uploaded to a record, typed from their bytes, kept in the database in chunks,
 * read back whole or by range with the record's tenancy; bad uploads leave nothing behind.
 */
let server: TestServer;
let admin: Actor;
let buyer: Actor;
let a: Awaited<ReturnType<typeof supplierWithUser>>;
let b: Awaited<ReturnType<typeof supplierWithUser>>;
let deliveryId: string;
let rows: () => Promise<Record<string, number>>;

const MAX = 1_000_000;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
/** A PNG (signature, IHDR, one 600 KB IDAT of random bytes, IEND): three chunks of storage. */
function pngOf(size: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, 'ascii'), data, Buffer.alloc(4)]);
  };
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', Buffer.from('00000001000000010806000000', 'hex')), chunk('IDAT', randomBytes(size)), chunk('IEND', Buffer.alloc(0))]);
}
const png = pngOf(600_000);

async function upload(actor: Actor | null, params: Record<string, string>, body: Buffer | string, headers: Record<string, string> = {}) {
  const url = new URL('/files', server.url);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const response = await fetch(url, { method: 'POST', headers: { ...(actor ? { authorization: `Bearer ${actor.token}` } : {}), ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  return { status: response.status, body: (await response.json()) as { file?: { id: string; contentType: string; size: number; sha256: string }; errors?: { message: string; extensions: { code: string; field?: string } }[] } };
}

async function download(path: string, actor: Actor | null, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path, server.url), { headers: { ...(actor ? { authorization: `Bearer ${actor.token}` } : {}), ...headers } });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

const FILES = `files { id name kind contentType size sha256 uploadedBy downloadUrl }`;

beforeAll(async () => {
  server = await startServer({ env: { FILE_MAX_BYTES: String(MAX) } });
  admin = await server.as({ roles: ['ADMIN'] });
  buyer = await server.as({ roles: ['BUYER'] });
  a = await supplierWithUser(server, admin);
  b = await supplierWithUser(server, admin);
  const [p1] = await parts(admin);
  const order = await acknowledgedOrder(server, buyer, a.supplier, a.user, [p1!.id], ['10']);
  const asn = await mutate(server, a.user, M.createDelivery, { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: '10' }] });
  deliveryId = asn.delivery.id;
  rows = await rowCounter(server);
}, 60_000);
afterAll(() => server.stop());

describe('files', () => {
  it('stores an upload typed from its bytes, lists it on the record, and serves it whole and by range', async () => {
    const up = await upload(a.user, { subjectId: deliveryId, kind: 'PHOTO', name: 'C:\\fotos\\label.png' }, png);
    expect(up.status).toBe(201);
    expect(up.body.file).toMatchObject({ contentType: 'image/png', size: png.length, sha256: createHash('sha256').update(png).digest('hex') });
    const id = up.body.file!.id;
    const listed = (await a.user.data(`query($id: ID!) { node(id: $id) { ... on Delivery { ${FILES} } } }`, { id: deliveryId })).node.files;
    expect(listed).toEqual([expect.objectContaining({ id, name: 'label.png', kind: 'PHOTO', contentType: 'image/png', size: png.length })]);
    expect((await buyer.data(`query($id: ID!) { node(id: $id) { ... on Delivery { files { id } } } }`, { id: deliveryId })).node.files).toEqual([{ id }]);

    const whole = await download(`/files/${id}`, a.user);
    expect(whole.status).toBe(200);
    expect(whole.bytes.equals(png)).toBe(true);
    expect(whole.headers.get('etag')).toBe(`"${up.body.file!.sha256}"`);
    expect(whole.headers.get('content-disposition')).toContain('filename="label.png"');
    // A range across the first chunk boundary (256 KiB), a suffix, and one past the end.
    const across = await download(`/files/${id}`, buyer, { range: 'bytes=262140-262149' });
    expect(across.status).toBe(206);
    expect(across.headers.get('content-range')).toBe(`bytes 262140-262149/${png.length}`);
    expect(across.bytes.equals(png.subarray(262140, 262150))).toBe(true);
    const suffix = await download(`/files/${id}`, buyer, { range: 'bytes=-7' });
    expect(suffix.bytes.equals(png.subarray(png.length - 7))).toBe(true);
    expect((await download(`/files/${id}`, buyer, { range: `bytes=${png.length}-` })).status).toBe(416);
    expect((await download(`/files/${id}`, buyer, { 'if-none-match': `"${up.body.file!.sha256}"` })).status).toBe(304);

    // The signed link works without a token; forged, it does not.
    const link = listed[0].downloadUrl as string;
    expect((await download(link, null)).bytes.equals(png)).toBe(true);
    expect((await download(link.replace(/signature=.{4}/, 'signature=AAAA'), null)).status).toBe(403);
  });

  it('answers a retried upload with the first file, and refuses the key for other bytes', async () => {
    const first = await upload(a.user, { subjectId: deliveryId, kind: 'OTHER', name: 'packing.pdf' }, pdf, { 'idempotency-key': 'packing-1' });
    const before = await rows();
    const again = await upload(a.user, { subjectId: deliveryId, kind: 'OTHER', name: 'packing.pdf' }, pdf, { 'idempotency-key': 'packing-1' });
    expect([first.status, again.status, again.body.file!.id]).toEqual([201, 201, first.body.file!.id]);
    expect(await rows()).toEqual(before);
    const other = await upload(a.user, { subjectId: deliveryId, kind: 'OTHER', name: 'packing.pdf' }, `${pdf.toString()}x`, { 'idempotency-key': 'packing-1' });
    expect([other.status, other.body.errors![0]!.extensions]).toEqual([409, { code: 'DUPLICATE', field: 'idempotencyKey' }]);
    expect(await rows()).toEqual(before);
  });

  it('keeps files to those who see the record: another supplier gets nothing by id, list or link', async () => {
    const up = await upload(a.user, { subjectId: deliveryId, kind: 'CERTIFICATE_OF_CONFORMITY', name: 'coc.pdf' }, pdf);
    expect(up.body.file!.contentType).toBe('application/pdf');
    const id = up.body.file!.id;
    expect((await download(`/files/${id}`, b.user)).status).toBe(404);
    expect((await b.user.data(`query($id: ID!) { node(id: $id) { ... on Delivery { files { id } } } }`, { id: deliveryId })).node).toBeNull();
    // Nor may the other supplier attach to this delivery.
    const before = await rows();
    const foreign = await upload(b.user, { subjectId: deliveryId, kind: 'PHOTO', name: 'x.pdf' }, pdf);
    expect(foreign.status).toBe(404);
    expect(await rows()).toEqual(before);
    // Without a token: 401.
    expect((await download(`/files/${id}`, null)).status).toBe(401);
  });

  it('shows a customer only the files its own users attached to a nonconformance', async () => {
    const customer = await createCustomer(admin);
    const customerUser = await server.as({ roles: ['CUSTOMER_USER'], org: customer.id });
    const [part] = await parts(admin);
    const quality = await server.as({ roles: ['QUALITY_ENGINEER'] });
    const nc = await mutate(server, quality, 'mutation($input: ReportNonconformanceInput!) { reportNonconformance(input: $input) { nonconformance { id } errors { code } } }', {
      source: 'CUSTOMER_COMPLAINT',
      severity: 'MINOR',
      partId: part!.id,
      customerId: customer.id,
      supplierId: a.supplier.id,
      quantityAffected: '1',
      description: 'Scratch',
    });
    const ncId = nc.nonconformance.id;
    const report = await upload(a.user, { subjectId: ncId, kind: 'EIGHT_D_REPORT', name: '8d.pdf' }, pdf);
    server.clock.advance(1000); // files are listed in upload order
    const photo = await upload(customerUser, { subjectId: ncId, kind: 'PHOTO', name: 'scratch.txt' }, 'A scratch on the left side.\n');
    expect([report.status, photo.status]).toEqual([201, 201]);
    expect(photo.body.file!.contentType).toBe('text/plain');
    const seen = async (actor: Actor) => ((await actor.data(`query($id: ID!) { node(id: $id) { ... on Nonconformance { files { kind uploadedBy } } } }`, { id: ncId })).node.files as { kind: string }[]).map((f) => f.kind);
    expect(await seen(quality)).toEqual(['EIGHT_D_REPORT', 'PHOTO']);
    expect(await seen(a.user)).toEqual(['EIGHT_D_REPORT', 'PHOTO']);
    expect(await seen(customerUser)).toEqual(['PHOTO']);
    expect((await download(`/files/${report.body.file!.id}`, customerUser)).status).toBe(404);
    // The attachment is in the activity feed of those who may see it.
    const kinds = (await quality.data('query($id: ID) { activity(first: 20, subjectId: $id) { nodes { kind } } }', { id: ncId })).activity.nodes.map((n: { kind: string }) => n.kind);
    expect(kinds.filter((k: string) => k === 'FILE_ATTACHED')).toHaveLength(2);
  });

  it('refuses bad uploads, naming why, and leaves nothing behind', async () => {
    const before = await rows();
    const tooLarge = await upload(a.user, { subjectId: deliveryId, kind: 'PHOTO', name: 'big.png' }, Buffer.concat([png, png]));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.errors![0]!.message).toBe(`A file is at most ${MAX} bytes.`);
    const empty = await upload(a.user, { subjectId: deliveryId, kind: 'PHOTO', name: 'empty.png' }, '');
    expect([empty.status, empty.body.errors![0]!.message]).toEqual([400, 'The file is empty.']);
    const exe = await upload(a.user, { subjectId: deliveryId, kind: 'OTHER', name: 'setup.exe' }, Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000', 'hex'), randomBytes(2000)]));
    expect(exe.status).toBe(415);
    const binary = await upload(a.user, { subjectId: deliveryId, kind: 'OTHER', name: 'blob.bin' }, Buffer.from([0, 1, 2, 3, 0, 5]));
    expect(binary.status).toBe(415);
    const badKind = await upload(a.user, { subjectId: deliveryId, kind: 'SELFIE', name: 'x.pdf' }, pdf);
    expect([badKind.status, badKind.body.errors![0]!.extensions.field]).toEqual([400, 'kind']);
    const noName = await upload(a.user, { subjectId: deliveryId, kind: 'PHOTO' }, pdf);
    expect([noName.status, noName.body.errors![0]!.extensions.field]).toEqual([400, 'name']);
    const noSubject = await upload(a.user, { subjectId: 'nope', kind: 'PHOTO', name: 'x.pdf' }, pdf);
    expect(noSubject.status).toBe(404);
    const viewer = await server.as({ roles: ['VIEWER'] });
    expect((await upload(viewer, { subjectId: deliveryId, kind: 'PHOTO', name: 'x.pdf' }, pdf)).status).toBe(403);
    // Interrupted: the client sends part of what it announced and hangs up.
    await new Promise<void>((resolve) => {
      const url = new URL(`/files?subjectId=${deliveryId}&kind=PHOTO&name=cut.png`, server.url);
      const req = httpRequest(url, { method: 'POST', headers: { authorization: `Bearer ${a.user.token}`, 'content-length': String(png.length) } });
      req.on('error', () => resolve());
      req.write(png.subarray(0, 300_000), () => setTimeout(() => req.destroy(), 100));
    });
    await sleep(300);
    expect(await rows()).toEqual(before);
  });
});
