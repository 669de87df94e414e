import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supplierWithUser } from './support/orders.js';
import { type Actor, startServer, type TestServer, wsRun } from './support/server.js';

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
});
