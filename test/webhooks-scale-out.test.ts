import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../src/auth/tokens.js';
import { loadConfig } from '../src/config.js';
import { type ServerProcess, spawnServer } from './support/process.js';
import { freshPostgresDatabase, onPostgres, TEST_JWT_SECRET } from './support/server.js';
import { Receiver } from './support/webhook-receiver.js';

// An instance killed while it waits on an endpoint: the delivery job it held expires and another
// instance sends the event again, with the same webhook-id, and everything after it in order.
describe.runIf(onPostgres)('webhooks across instances', { timeout: 120_000 }, () => {
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let receiver: Receiver;
  const servers: ServerProcess[] = [];
  const jwt = loadConfig({ JWT_SECRET: TEST_JWT_SECRET }).jwt;
  const env = () => ({ DATABASE_URL: database.url, JWT_SECRET: TEST_JWT_SECRET, SEED_DEMO_DATA: 'false', SHUTDOWN_TIMEOUT_MS: '1000', WEBHOOK_ALLOW_NETWORKS: 'loopback', WEBHOOK_TIMEOUT_MS: '2000', WEBHOOK_RETRY_DELAY_SECONDS: '1' });
  // biome-ignore lint/suspicious/noExplicitAny: arbitrary response shapes
  async function gql(server: ServerProcess, query: string, variables: Record<string, unknown> = {}): Promise<any> {
    const bearer = await signToken(jwt, { sub: 'u-admin', name: 'Admin', email: 'a@example.com', roles: ['ADMIN'], ttlSeconds: 3600 });
    const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data: unknown; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  }

  beforeAll(async () => {
    database = await freshPostgresDatabase();
    receiver = await new Receiver().start();
  });
  afterAll(async () => {
    for (const s of servers) s.child.kill('SIGKILL');
    await receiver.stop();
    await database.drop();
  });

  it('resend what a killed instance was delivering, once more, in order, with nothing lost', async () => {
    const a = await spawnServer(env());
    servers.push(a);
    const registered = (await gql(a, 'mutation($url: String!) { registerWebhookEndpoint(input: { url: $url }) { secret errors { code } } }', { url: receiver.url })).registerWebhookEndpoint;
    expect(registered.errors).toEqual([]);
    receiver.answerNext('timeout');
    const supplier = (await gql(a, 'mutation { createSupplier(input: { code: "KILL-1", name: "Kill" }) { supplier { id } } }')).createSupplier.supplier.id;
    await receiver.until(() => receiver.received.length === 1);
    // A is waiting for the answer: kill it there, then start B and record more on B.
    a.child.kill('SIGKILL');
    const killedAt = Date.now();
    await a.exited;
    const b = await spawnServer(env());
    servers.push(b);
    await gql(b, 'mutation($id: ID!) { recordSupplierSurvey(input: { supplierId: $id, taxCompliant: true, cpk: 2 }) { errors { code } } }', { id: supplier });
    await gql(b, 'mutation($id: ID!) { updateSupplier(input: { id: $id, name: "Kill 2" }) { errors { code } } }', { id: supplier });
    const feed = (await gql(b, 'query($id: ID!) { activity(subjectId: $id) { nodes { id } } }', { id: supplier })).activity.nodes.map((n: { id: string }) => n.id) as string[];
    expect(feed).toHaveLength(3);
    await receiver.until(() => receiver.delivered().length >= 3, 60_000);
    // The first event went out twice (to A's hang, then from B), same id; then the others, in feed order.
    expect(receiver.received.map((r) => r.id)).toEqual([feed[0], feed[0], feed[1], feed[2]]);
    expect(receiver.delivered().map((r) => r.id)).toEqual(feed);
    console.log(`webhook held by a killed instance: resent ${((receiver.received[1]!.at - killedAt) / 1000).toFixed(1)} s after the kill`);
    const verifier = new Webhook(registered.secret);
    for (const r of receiver.received) expect(() => verifier.verify(r.body, { 'webhook-id': r.id, 'webhook-timestamp': r.timestamp, 'webhook-signature': r.signature })).not.toThrow();
  });

  it('hand over what a stopping instance was delivering: it ends the attempt in flight, exits cleanly, and another sends the rest', async () => {
    // The first test's instances are gone: C is the only one.
    for (const s of servers.splice(0)) {
      s.child.kill('SIGKILL');
      await s.exited;
    }
    receiver.received.length = 0;
    // A slow endpoint and a backlog on one subject: five events take one job 7.5 s to send, longer
    // than the job queue waits for running jobs when it stops (5 s).
    const slow = { ...env(), WEBHOOK_TIMEOUT_MS: '10000' };
    const c = await spawnServer(slow);
    servers.push(c);
    receiver.answerAfter(1_500);
    const supplier = (await gql(c, 'mutation { createSupplier(input: { code: "STOP-1", name: "Stop" }) { supplier { id } } }')).createSupplier.supplier.id;
    for (let i = 2; i <= 5; i++) await gql(c, 'mutation($id: ID!, $name: String!) { updateSupplier(input: { id: $id, name: $name }) { errors { code } } }', { id: supplier, name: `Stop ${i}` });
    const feed = (await gql(c, 'query($id: ID!) { activity(subjectId: $id) { nodes { id } } }', { id: supplier })).activity.nodes.map((n: { id: string }) => n.id) as string[];
    expect(feed).toHaveLength(5);
    await receiver.until(() => receiver.received.length >= 1);
    // C, alone, is sending the backlog: it stops after the attempt in flight (1.5 s), not after
    // the backlog, and nothing it or its job queue does outlives its database connection.
    const stoppingAt = Date.now();
    c.child.kill('SIGTERM');
    expect(await c.exited).toBe(0);
    const exitedAt = Date.now();
    expect(exitedAt - stoppingAt).toBeLessThan(4_000);
    expect(c.logs.map((l) => l.msg)).toContain('stopped');
    expect(c.logs.filter((l) => typeof l.level === 'number' && l.level >= 50)).toEqual([]);
    const d = await spawnServer(slow);
    servers.push(d);
    // D sends the rest, in order, each event once: C's attempt in flight was answered and recorded.
    await receiver.until(() => receiver.delivered().length >= 5, 60_000);
    expect(receiver.received.map((r) => r.id)).toEqual(feed);
    expect(receiver.received.filter((r) => r.at > exitedAt).length).toBeGreaterThan(0);
    receiver.recover();
  });
});
