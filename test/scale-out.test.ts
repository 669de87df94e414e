import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signToken } from '../src/auth/tokens.js';
import { loadConfig } from '../src/config.js';
import { type ServerProcess, spawnServer } from './support/process.js';
import { freshPostgresDatabase, onPostgres, TEST_JWT_SECRET } from './support/server.js';
import { collect, sleep } from './support/subscribe.js';

// Two server processes on one PostgreSQL: what is recorded through one reaches subscribers of the
// other, and a subscriber whose server is killed resumes on the other with its last cursor.
describe.runIf(onPostgres)('two instances sharing PostgreSQL', { timeout: 120_000 }, () => {
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let a: ServerProcess;
  let b: ServerProcess;
  const jwt = loadConfig({ JWT_SECRET: TEST_JWT_SECRET }).jwt;
  const token = (roles: string[], org?: string) => signToken(jwt, { sub: `u-${roles[0]}-${org ?? 'staff'}`, name: 'Test', email: 't@example.com', roles: roles as never, org, ttlSeconds: 3600 });
  // biome-ignore lint/suspicious/noExplicitAny: arbitrary response shapes
  async function gql(server: ServerProcess, bearer: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
    const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data: unknown; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  }
  const ws = (server: ServerProcess, bearer: string) => createClient({ url: `ws://127.0.0.1:${server.port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${bearer}` } });
  const env = () => ({ DATABASE_URL: database.url, JWT_SECRET: TEST_JWT_SECRET, SEED_DEMO_DATA: 'false', SHUTDOWN_TIMEOUT_MS: '1000' });
  let supplierToken: string;
  let deliveryId: string;

  beforeAll(async () => {
    database = await freshPostgresDatabase();
    a = await spawnServer(env());
    b = await spawnServer(env());
    const admin = await token(['ADMIN']);
    const buyer = await token(['BUYER']);
    const supplier = (await gql(b, admin, 'mutation { createSupplier(input: { code: "SCALE-1", name: "Scale" }) { supplier { id } } }')).createSupplier.supplier.id;
    await gql(b, admin, 'mutation($id: ID!) { recordSupplierSurvey(input: { supplierId: $id, taxCompliant: true, cpk: 2 }) { errors { code } } }', { id: supplier });
    await gql(b, admin, 'mutation($id: ID!) { setSupplierStatus(input: { supplierId: $id, status: APPROVED, reason: "ok" }) { errors { code } } }', { id: supplier });
    const part = (await gql(b, admin, 'mutation { createPart(input: { partNumber: "SC-1", description: "x", unit: "pcs", importanceClass: II }) { part { id } } }')).createPart.part.id;
    supplierToken = await token(['SUPPLIER_USER'], supplier);
    const order = (await gql(b, buyer, 'mutation($s: ID!, $p: ID!) { createOrder(input: { direction: PURCHASE, partnerId: $s, currency: "EUR", lines: [{ partId: $p, quantity: "5", unitPrice: "1", requestedDate: "2099-01-01" }] }) { order { id lines { id } } } }', { s: supplier, p: part })).createOrder.order;
    await gql(b, buyer, 'mutation($id: ID!) { issueOrder(input: { id: $id }) { errors { code } } }', { id: order.id });
    await gql(b, supplierToken, 'mutation($id: ID!) { acknowledgeOrder(input: { id: $id }) { errors { code } } }', { id: order.id });
    deliveryId = (await gql(b, supplierToken, 'mutation($o: ID!, $l: ID!) { createDelivery(input: { orderId: $o, lines: [{ orderLineId: $l, quantity: "5" }] }) { delivery { id } } }', { o: order.id, l: order.lines[0].id })).createDelivery.delivery.id;
    await gql(b, supplierToken, 'mutation($id: ID!) { recordDeliveryEvent(input: { deliveryId: $id, status: DISPATCHED }) { errors { code } } }', { id: deliveryId });
  });

  afterAll(async () => {
    for (const p of [a, b]) {
      if (p && p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGTERM');
        await p.exited;
      }
    }
    await database?.drop();
  });

  const SUB = 'subscription($after: String) { deliveryUpdated(after: $after) { cursor event { status location } } }';
  type Update = { deliveryUpdated: { cursor: string; event: { status: string; location: string | null } } };
  const record = (location: string) => gql(b, supplierToken, 'mutation($id: ID!, $loc: String) { recordDeliveryEvent(input: { deliveryId: $id, status: IN_TRANSIT, location: $loc }) { errors { code } } }', { id: deliveryId, loc: location });

  it('delivers an event recorded through one instance to a subscriber of the other', async () => {
    const sub = collect<Update>(ws(a, supplierToken), SUB);
    await sleep(300);
    await record('via-b');
    const got = await sub.waitUntil((u) => u.deliveryUpdated.event.location === 'via-b');
    expect(got.deliveryUpdated.event).toEqual({ status: 'IN_TRANSIT', location: 'via-b' });
    sub.stop();
  });

  it('loses nothing when the subscribed instance is killed during a burst: the client resumes on the other', async () => {
    const received: Update[] = [];
    const onA = collect<Update>(ws(a, supplierToken), SUB);
    await sleep(300);
    const total = 40;
    let killed = false;
    for (let i = 0; i < total; i++) {
      await record(`burst-${i}`);
      if (!killed && onA.items.length >= 10) {
        a.child.kill('SIGKILL');
        killed = true;
      }
    }
    await a.exited;
    expect(killed).toBe(true);
    received.push(...onA.items.filter((u) => u.deliveryUpdated.event.location?.startsWith('burst-')));
    const last = received.at(-1)!.deliveryUpdated.cursor;
    const onB = collect<Update>(ws(b, supplierToken), SUB, { after: last });
    await onB.waitFor(total - received.length);
    await sleep(500);
    received.push(...onB.items);
    expect(received.map((u) => u.deliveryUpdated.event.location)).toEqual(Array.from({ length: total }, (_, i) => `burst-${i}`));
    console.log(`fault test: ${onA.items.length} events before SIGKILL on A, ${onB.items.length} replayed/live on B, ${total} of ${total} delivered once, in order`);
  });
});
