import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishedExport, startExport } from './support/exports.js';
import { acknowledgedOrder, M, mutate, parts, supplierWithUser } from './support/orders.js';
import { type Actor, startServer, type TestServer, wsRun } from './support/server.js';
import { sleep } from './support/subscribe.js';

// One operation at a time per organisation, none waiting: a second operation of the same
// organisation is refused while the first runs, and nobody else is held back by it.
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { OPERATIONS_PER_ORGANIZATION: '1', OPERATIONS_WAITING_PER_ORGANIZATION: '0' } });
});
afterAll(async () => {
  await server.stop();
});

const QUERY = '{ orders(first: 5) { nodes { number } } }';

/** A request whose body is sent in two parts: it holds its organisation's turn until `finish`. */
function slowRequest(url: string, token: string, body: string) {
  const target = new URL(url);
  const req = httpRequest({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(body) } });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  return { answer, finish: () => req.end(body.slice(half)) };
}

const post = (token: string) => server.request(QUERY, undefined, token);

/** A buyer, supplier A with a user and a colleague of that user, and a part. */
async function cast(on: TestServer) {
  const admin: Actor = await on.as('admin');
  const a = await supplierWithUser(on, admin);
  const [part] = await parts(admin);
  return { buyer: await on.as('buyer'), a, colleague: await on.as({ roles: ['SUPPLIER_USER'], org: a.supplier.id, name: 'Colleague' }), part: part! };
}

describe('fair share of operations per organisation', () => {
  it('refuses a second operation of an organisation while its first runs, over HTTP or a socket, and no one else', async () => {
    const admin: Actor = await server.as('admin');
    const a = await supplierWithUser(server, admin);
    const b = await supplierWithUser(server, admin);
    const colleague = await server.as({ roles: ['SUPPLIER_USER'], org: a.supplier.id, name: 'Colleague' });
    const buyer = await server.as('buyer');

    const held = slowRequest(server.url, a.user.token, JSON.stringify({ query: QUERY }));
    // Nothing else of A's is in flight: once the server has its head, it has the turn, and it keeps
    // it while it waits for the rest of the body.
    const pending = await Promise.race([held.answer, new Promise<'pending'>((r) => setTimeout(() => r('pending'), 300))]);
    expect(pending).toBe('pending');
    const refused = await post(colleague.token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toEqual([
      { message: 'Your organisation has 1 operations running and 0 waiting, the most this server takes at once. Try again in 1 s.', extensions: { code: 'THROTTLED', retryAfterSeconds: 1 } },
    ]);

    // A query over a socket takes the same turn, and is refused the same way.
    const socket = server.wsClient(colleague.token);
    expect(await wsRun(socket, QUERY)).toEqual({
      errors: [{ message: 'Your organisation has 1 operations running and 0 waiting, the most this server takes at once. Try again in 1 s.', extensions: { code: 'THROTTLED', retryAfterSeconds: 1 } }],
    });

    // Another partner and staff are answered meanwhile, over either.
    for (const token of [b.user.token, buyer.token]) {
      const other = await post(token);
      expect(other.status).toBe(200);
      expect(other.body.errors).toBeUndefined();
    }
    const otherSocket = server.wsClient(b.user.token);
    expect(await wsRun(otherSocket, QUERY)).toMatchObject({ data: { orders: { nodes: [] } } });

    held.finish();
    const first = await held.answer;
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toMatchObject({ data: { orders: { nodes: [] } } });

    // The turn is given back: the colleague is answered now.
    const after = await post(colleague.token);
    expect(after.status).toBe(200);
    expect(after.body.data).toEqual({ orders: { nodes: [] } });
    expect(await wsRun(socket, QUERY)).toMatchObject({ data: { orders: { nodes: [] } } });
    await socket.dispose();
    await otherSocket.dispose();
  });

  it('holds files, EDI and export downloads to the same turn: by bearer token, or by signed link in the turn of whom it belongs to', async () => {
    const { buyer, a, colleague, part } = await cast(server);
    const order = await acknowledgedOrder(server, buyer, a.supplier, a.user, [part.id], ['10']);
    const asn = await mutate(server, a.user, M.createDelivery, { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: '10' }] });

    // A's photo of its delivery and A's export of its orders, each with a signed link.
    const photo = 'label 4711, 10 pieces\n';
    const uploadUrl = new URL('/files', server.url);
    for (const [k, v] of Object.entries({ subjectId: asn.delivery.id, kind: 'PHOTO', name: 'label.txt' })) uploadUrl.searchParams.set(k, v);
    const uploaded = await fetch(uploadUrl, { method: 'POST', headers: { authorization: `Bearer ${a.user.token}` }, body: photo });
    expect(uploaded.status).toBe(201);
    const [file] = (await a.user.data(`query($id: ID!) { node(id: $id) { ... on Delivery { files { id downloadUrl } } } }`, { id: asn.delivery.id })).node.files as { id: string; downloadUrl: string }[];
    const started = await startExport(a.user, { type: 'ORDERS', format: 'JSONL' });
    expect(started.errors).toEqual([]);
    const exported = await finishedExport(a.user, started.bulkExport!.id);
    expect(exported.status).toBe('COMPLETED');
    const exportLink = exported.downloadUrl;
    expect(exportLink).not.toBeNull();

    const get = async (path: string, actor: Actor | null) => {
      const response = await fetch(new URL(path, server.url), { headers: actor === null ? {} : { authorization: `Bearer ${actor.token}` } });
      return { status: response.status, retryAfter: response.headers.get('retry-after'), text: await response.text() };
    };
    const filePath = `/files/${file!.id}`;
    const ediPath = `/edi/orders/${order.id}/850`;
    const refusal = JSON.stringify({
      errors: [{ message: 'Your organisation has 1 operations running and 0 waiting, the most this server takes at once. Try again in 1 s.', extensions: { code: 'THROTTLED', retryAfterSeconds: 1 } }],
    });

    const held = slowRequest(server.url, a.user.token, JSON.stringify({ query: QUERY }));
    expect(await Promise.race([held.answer, sleep(300).then(() => 'pending')])).toBe('pending');
    // A's colleague, by token: a download, an upload (refused before its body is read) and an 850.
    const refused = [await get(filePath, colleague), await get(ediPath, colleague)];
    const upload = await fetch(uploadUrl, { method: 'POST', headers: { authorization: `Bearer ${colleague.token}` }, body: photo });
    refused.push({ status: upload.status, retryAfter: upload.headers.get('retry-after'), text: await upload.text() });
    // Anyone with A's links: they read in A's turn.
    refused.push(await get(file!.downloadUrl, null), await get(exportLink!, null));
    expect(refused).toEqual(Array(5).fill({ status: 429, retryAfter: '1', text: refusal }));
    // Staff have turns of their own.
    expect((await get(filePath, buyer)).text).toBe(photo);
    expect((await get(ediPath, buyer)).status).toBe(200);

    held.finish();
    expect((await held.answer).status).toBe(200);
    // The turn is given back: each is answered now.
    expect(await get(filePath, colleague)).toMatchObject({ status: 200, text: photo });
    expect(await get(file!.downloadUrl, null)).toMatchObject({ status: 200, text: photo });
    expect((await get(ediPath, colleague)).text).toMatch(/^ISA\*/);
    const exportFile = await get(exportLink!, null);
    expect(exportFile.status).toBe(200);
    expect(exportFile.text.split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual([order.id]);
  });
});

describe('an operation whose client goes away while it waits for its turn', () => {
  let waiting: TestServer;
  beforeAll(async () => {
    waiting = await startServer({ env: { OPERATIONS_PER_ORGANIZATION: '1', OPERATIONS_WAITING_PER_ORGANIZATION: '5' } });
  });
  afterAll(async () => {
    await waiting.stop();
  });

  it('is not run when its socket closed before its turn came; one whose client stays is run when its turn comes', async () => {
    const { buyer, a, colleague, part } = await cast(waiting);
    const created = await mutate(waiting, buyer, M.createOrder, { direction: 'PURCHASE', partnerId: a.supplier.id, currency: 'EUR', lines: [{ partId: part.id, quantity: '5', unitPrice: '1.00', requestedDate: '2030-01-10' }] });
    const issued = await mutate(waiting, buyer, M.issueOrder, { id: created.order.id });
    const acknowledge = { input: { id: created.order.id, expectedVersion: issued.order.version } };
    const status = async () => (await buyer.data('query($id: ID!) { node(id: $id) { ... on Order { status } } }', { id: created.order.id })).node.status;

    // A's turn is held; the colleague's acknowledgement waits for it, then the colleague goes away.
    let held = slowRequest(waiting.url, a.user.token, JSON.stringify({ query: QUERY }));
    await sleep(200);
    const leaving = waiting.wsClient(colleague.token);
    // Its answer never comes: the socket is gone.
    void wsRun(leaving, M.acknowledgeOrder, acknowledge).catch(() => undefined);
    await sleep(300);
    await leaving.dispose();
    await sleep(200);
    held.finish();
    expect((await held.answer).status).toBe(200);
    await sleep(300);
    expect(await status()).toBe('ISSUED');

    // The same acknowledgement from a client that waits is run once the turn is given back.
    held = slowRequest(waiting.url, a.user.token, JSON.stringify({ query: QUERY }));
    await sleep(200);
    const staying = waiting.wsClient(colleague.token);
    const answered = wsRun<{ acknowledgeOrder: { order: { status: string }; errors: unknown[] } }>(staying, M.acknowledgeOrder, acknowledge);
    await sleep(300);
    expect(await status()).toBe('ISSUED');
    held.finish();
    expect((await held.answer).status).toBe(200);
    expect((await answered).data?.acknowledgeOrder).toMatchObject({ order: { status: 'ACKNOWLEDGED' }, errors: [] });
    expect(await status()).toBe('ACKNOWLEDGED');
    await staying.dispose();
  });
});
