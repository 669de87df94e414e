import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { executeRows } from '../src/db/client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../src/integration/webhooks/outbound.js';
import { approvedSupplier } from './support/fixtures.js';
import { acknowledgedOrder, parts, supplierWithUser } from './support/orders.js';
import { type Actor, startServer, type TestServer } from './support/server.js';
import { Receiver } from './support/webhook-receiver.js';

const REGISTER = `mutation($input: RegisterWebhookEndpointInput!) {
  registerWebhookEndpoint(input: $input) { endpoint { id url eventKinds active } secret errors { field code message } }
}`;
const LOG = `query { webhookEndpoints(first: 10) { edges { node { id active disabledReason failingSince
  deliveries(first: 100) { totalCount nodes { id eventId kind status attempts lastStatusCode lastLatencyMs lastResponse deliveredAt } } } } } }`;

/** One series' value in a Prometheus text scrape. */
function metricValue(text: string, series: string): number {
  return Number(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
}

/** The server's metrics once `ready` holds (an attempt is counted just after the receiver answered it), or after 5 s. */
async function metricsOnce(server: TestServer, ready: (text: string) => boolean): Promise<string> {
  let text = '';
  for (let i = 0; i < 100; i++) {
    text = await (await fetch(server.url.replace(/\/graphql$/, '/metrics'))).text();
    if (ready(text)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return text;
}

async function register(actor: Actor, url: string, eventKinds?: string[]) {
  const data = await actor.data(REGISTER, { input: { url, eventKinds } });
  expect(data.registerWebhookEndpoint.errors).toEqual([]);
  return data.registerWebhookEndpoint as { endpoint: { id: string }; secret: string };
}

/** The ids of the activity a viewer sees after `after`, oldest first. */
async function activityIds(actor: Actor): Promise<string[]> {
  const data = await actor.data('{ activity(first: 100) { nodes { id kind } } }');
  return (data.activity.nodes as { id: string }[]).map((n) => n.id);
}

describe('webhooks', () => {
  let server: TestServer;
  let receiver: Receiver;
  let partnerReceiver: Receiver;
  let admin: Actor;
  beforeAll(async () => {
    server = await startServer({ env: { WEBHOOK_ALLOW_NETWORKS: 'loopback', WEBHOOK_TIMEOUT_MS: '400', WEBHOOK_RETRY_DELAY_SECONDS: '1', WEBHOOK_DISABLE_AFTER_HOURS: '0.01' } });
    admin = await server.as({ roles: ['ADMIN'] });
    receiver = await new Receiver().start();
    partnerReceiver = await new Receiver().start();
  });
  afterAll(async () => {
    await server.stop();
    await receiver.stop();
    await partnerReceiver.stop();
  });

  it('delivers every event, signed, in order per subject, through failures, a time-out and recovery', async () => {
    const { endpoint, secret } = await register(admin, receiver.url);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    // At rest the secret is encrypted: the database holds no copy a backup could leak.
    const [stored] = await executeRows<{ secret: string }>(server.database.db, sql`select secret from webhook_endpoints where id = ${Buffer.from(endpoint.id, 'base64url').toString().split(':')[1]}::uuid`);
    expect(stored!.secret).toMatch(/^enc:v1:/);
    expect(stored!.secret).not.toContain(secret.slice(6));
    const before = new Set(await activityIds(admin));
    receiver.answerNext(500, 500, 'timeout');
    const supplier = await approvedSupplier(admin); // created, surveyed, approved: three events of one subject
    const events = (await activityIds(admin)).filter((id) => !before.has(id));
    expect(events.length).toBeGreaterThanOrEqual(3);
    await receiver.until(() => new Set(receiver.delivered().map((r) => r.id)).size >= events.length);

    // Every attempt verifies with the standardwebhooks package; the payload names the event and its subject.
    const verifier = new Webhook(secret);
    for (const r of receiver.received) {
      const payload = verifier.verify(r.body, { 'webhook-id': r.id, 'webhook-timestamp': r.timestamp, 'webhook-signature': r.signature }) as { type: string; data: { id: string; subject: { id: string } } };
      expect(payload.data.id).toBe(r.id);
    }
    // The first event: two 500s, a time-out, then 200, always with the same webhook-id; nothing else was sent meanwhile.
    expect(receiver.received.slice(0, 4).map((r) => [r.id, r.answered])).toEqual([
      [events[0], 500],
      [events[0], 500],
      [events[0], 'timeout'],
      [events[0], 200],
    ]);
    // The metrics count the same attempts.
    const metrics = await metricsOnce(server, (text) => metricValue(text, 'scm_webhook_attempts_total{outcome="delivered"}') === events.length);
    const metric = (line: string) => metricValue(metrics, line);
    expect(metric('scm_webhook_attempts_total{outcome="failed"}')).toBe(3);
    expect(metric('scm_webhook_attempts_total{outcome="delivered"}')).toBe(events.length);
    expect(metric('scm_webhook_attempt_duration_seconds_count')).toBe(3 + events.length);
    // Delivered once each, in the activity feed's order; none lost.
    expect(receiver.delivered().map((r) => r.id)).toEqual(events);
    const subjects = receiver.delivered().map((r) => (JSON.parse(r.body) as { data: { subject: { id: string } } }).data.subject.id);
    expect(new Set(subjects)).toEqual(new Set([supplier.id]));

    // The delivery log says the same.
    const log = (await admin.data(LOG)).webhookEndpoints.edges.find((e: { node: { id: string } }) => e.node.id === endpoint.id).node;
    expect(log.active).toBe(true);
    expect(log.failingSince).toBeNull();
    const first = log.deliveries.nodes.find((d: { eventId: string }) => d.eventId === events[0]);
    expect(first).toMatchObject({ status: 'DELIVERED', attempts: 4, lastStatusCode: 200, lastResponse: 'ok' });
    expect(log.deliveries.totalCount).toBe(events.length);
    // What a receiver saw: every event delivered (none lost), the first after three failures.
    const firstAttempts = receiver.received.filter((r) => r.id === events[0]);
    const lost = events.filter((id) => !receiver.delivered().some((r) => r.id === id));
    expect(lost).toEqual([]);
    console.log(
      `webhook failure test: ${events.length} events, ${receiver.received.length} attempts (first event: ${firstAttempts.map((r) => r.answered).join(', ')}), first event delivered ${((firstAttempts.at(-1)!.at - firstAttempts[0]!.at) / 1000).toFixed(1)} s after its first attempt, ${lost.length} lost`,
    );

    // Everything after the first event, again: the same ids, in the same order.
    const cursor = (JSON.parse(receiver.delivered()[0]!.body) as { data: { cursor: string } }).data.cursor;
    const sent = receiver.received.length;
    const since = await admin.data('mutation($input: RedeliverWebhooksSinceInput!) { redeliverWebhooksSince(input: $input) { count errors { field code } } }', { input: { endpointId: endpoint.id, after: cursor } });
    expect(since.redeliverWebhooksSince).toEqual({ count: events.length - 1, errors: [] });
    await receiver.until(() => receiver.received.length >= sent + events.length - 1);
    expect(receiver.received.slice(sent).map((r) => [r.id, r.answered])).toEqual(events.slice(1).map((id) => [id, 200]));
    const bad = await admin.data('mutation($input: RedeliverWebhooksSinceInput!) { redeliverWebhooksSince(input: $input) { count errors { field code } } }', { input: { endpointId: endpoint.id, after: 'not-a-cursor' } });
    expect(bad.redeliverWebhooksSince).toEqual({ count: null, errors: [{ field: ['input', 'after'], code: 'INVALID' }] });
  });

  it("gives a partner's endpoint only what its users may see, and the company's every event", async () => {
    const { supplier, user } = await supplierWithUser(server, admin);
    const other = await supplierWithUser(server, admin);
    const { secret } = await register(user, partnerReceiver.url, ['ORDER_ISSUED', 'ORDER_ACKNOWLEDGED', 'SUPPLIER_STATUS_CHANGED']);
    const buyer = await server.as({ roles: ['BUYER'] });
    const [part] = await parts(admin);
    const mine = await acknowledgedOrder(server, buyer, supplier, user, [part!.id], ['5']);
    await acknowledgedOrder(server, buyer, other.supplier, other.user, [part!.id], ['5']);
    const visible = new Set(await activityIds(user));
    await partnerReceiver.until(() => partnerReceiver.delivered().length >= 2);
    await new Promise((r) => setTimeout(r, 1500)); // anything else would have arrived by now
    const kinds = partnerReceiver.delivered().map((r) => JSON.parse(r.body) as { type: string; data: { id: string; subject: { id: string } } });
    expect(kinds.map((k) => k.type)).toEqual(['ORDER_ISSUED', 'ORDER_ACKNOWLEDGED']);
    expect(kinds.every((k) => k.data.subject.id === mine.id && visible.has(k.data.id))).toBe(true);
    for (const r of partnerReceiver.received) expect(() => new Webhook(secret).verify(r.body, { 'webhook-id': r.id, 'webhook-timestamp': r.timestamp, 'webhook-signature': r.signature })).not.toThrow();
    // The other supplier's user sees no endpoint of the first; redelivering its log is NOT_FOUND.
    expect((await other.user.data('{ webhookEndpoints { totalCount } }')).webhookEndpoints.totalCount).toBe(0);
    const delivery = (await user.data(LOG)).webhookEndpoints.edges[0].node.deliveries.nodes[0].id as string;
    const refused = await other.user.data('mutation($input: RedeliverWebhookInput!) { redeliverWebhook(input: $input) { delivery { id } errors { code field } } }', { input: { deliveryId: delivery } });
    expect(refused.redeliverWebhook).toEqual({ delivery: null, errors: [{ code: 'NOT_FOUND', field: ['input', 'deliveryId'] }] });
    // Redelivered by its owner: the same event again, same webhook-id.
    const count = partnerReceiver.received.length;
    const again = await user.data('mutation($input: RedeliverWebhookInput!) { redeliverWebhook(input: $input) { delivery { id status } errors { code } } }', { input: { deliveryId: delivery } });
    expect(again.redeliverWebhook.errors).toEqual([]);
    await partnerReceiver.until(() => partnerReceiver.received.length > count);
    expect(partnerReceiver.received.at(-1)!.id).toBe(partnerReceiver.delivered().find((r) => r.id === partnerReceiver.received.at(-1)!.id)!.id);
  });

  it('shapes the payload by a subscription document, run as the owner with the subscription’s own filter', async () => {
    const { supplier, user } = await supplierWithUser(server, admin);
    const other = await supplierWithUser(server, admin);
    const shaped = await new Receiver().start();
    try {
      const query = `subscription { orderUpdated { change order { number status lines { lineNumber quantity confirmedQuantity } partner { __typename ... on Supplier { code } } } } }`;
      const data = await user.data(REGISTER.replace('eventKinds active }', 'eventKinds active query }'), { input: { url: shaped.url, query } });
      expect(data.registerWebhookEndpoint.errors).toEqual([]);
      expect(data.registerWebhookEndpoint.endpoint.query).toBe(query);
      const secret = data.registerWebhookEndpoint.secret as string;
      const buyer = await server.as({ roles: ['BUYER'] });
      const [part] = await parts(admin);
      const mine = await acknowledgedOrder(server, buyer, supplier, user, [part!.id], ['5']);
      await acknowledgedOrder(server, buyer, other.supplier, other.user, [part!.id], ['7']);
      await shaped.until(() => shaped.delivered().length >= 2);
      await new Promise((r) => setTimeout(r, 1000)); // anything else would have arrived by now
      // Only the owner's order's events (the subscription's filter and tenancy), shaped as the document asks.
      const bodies = shaped.delivered().map((r) => new Webhook(secret).verify(r.body, { 'webhook-id': r.id, 'webhook-timestamp': r.timestamp, 'webhook-signature': r.signature }) as { type: string; data: unknown });
      expect(bodies.map((b) => b.type)).toEqual(['ORDER_ISSUED', 'ORDER_ACKNOWLEDGED']);
      expect(bodies[1]!.data).toEqual({
        orderUpdated: { change: 'ACKNOWLEDGED', order: { number: mine.number, status: 'ACKNOWLEDGED', lines: [{ lineNumber: 1, quantity: '5', confirmedQuantity: '5' }], partner: { __typename: 'Supplier', code: supplier.code } } },
      });
    } finally {
      await shaped.stop();
    }
    // Refused at registration: not a subscription, invalid against the schema, variables, a field the owner may not read.
    const refuse = async (actor: Actor, query: string) => (await actor.data(REGISTER, { input: { url: 'https://erp.example.com/h', query } })).registerWebhookEndpoint.errors;
    expect(await refuse(user, '{ viewer { name } }')).toEqual([{ field: ['input', 'query'], code: 'INVALID', message: 'A webhook query is one subscription operation, e.g. subscription { deliveryUpdated { delivery { number status } } }.' }]);
    expect((await refuse(user, 'subscription { orderUpdated { nope } }'))[0].message).toBe('The query is not valid: Cannot query field "nope" on type "OrderUpdate".');
    expect((await refuse(user, 'subscription ($id: ID) { orderUpdated(orderId: $id) { change } }'))[0].message).toBe("A webhook query takes no variables: write the arguments' values in it.");
    expect((await refuse(user, 'subscription { orderUpdated { order { partner { ... on Supplier { relationship { relationship } } } } } }'))[0].message).toBe("The endpoint's owner may not read Supplier.relationship.");
    expect((await refuse(user, 'subscription { orderUpdated(after: "nope") { change } }'))[0].message).toBe('The subscription is refused: after is not an activity cursor.');
    expect((await refuse(user, 'subscription { orderUpdated { change } }  subscription { deliveryUpdated { cursor } }'))[0].field).toEqual(['input', 'query']);
    // Staff may read the relationship advice: the company's endpoint takes the same document (then is turned off).
    const staff = (await admin.data(REGISTER, { input: { url: 'https://erp.example.com/h', query: 'subscription { orderUpdated { order { partner { ... on Supplier { relationship { relationship } } } } } }' } })).registerWebhookEndpoint;
    expect(staff.errors).toEqual([]);
    await admin.data('mutation($input: SetWebhookEndpointActiveInput!) { setWebhookEndpointActive(input: $input) { errors { code } } }', { input: { id: staff.endpoint.id, active: false } });
  });

  it('refuses bad registrations with the field at fault, and roles that may not register', async () => {
    const bad = await admin.data(REGISTER, { input: { url: 'ftp://erp.example.com/', eventKinds: ['order issued'] } });
    expect(bad.registerWebhookEndpoint.errors).toEqual([
      { field: ['input', 'url'], code: 'INVALID', message: 'A webhook URL is https:// (or http://).' },
      { field: ['input', 'eventKinds', '0'], code: 'INVALID', message: 'An event kind is written like ORDER_ACKNOWLEDGED.' },
    ]);
    expect(bad.registerWebhookEndpoint.secret).toBeNull();
    const buyer = await server.as({ roles: ['BUYER'] });
    const forbidden = await buyer.run(REGISTER, { input: { url: 'https://erp.example.com/h' } });
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('webhook endpoints failing for too long', () => {
  it('are turned off with the reason, and deliver what is pending once turned back on', async () => {
    const server = await startServer({ env: { WEBHOOK_ALLOW_NETWORKS: 'loopback', WEBHOOK_TIMEOUT_MS: '400', WEBHOOK_RETRY_DELAY_SECONDS: '1', WEBHOOK_DISABLE_AFTER_HOURS: '0.0005' } });
    const receiver = await new Receiver().start();
    try {
      const admin = await server.as({ roles: ['ADMIN'] });
      const { endpoint } = await register(admin, receiver.url);
      receiver.answerNext(...Array<number>(20).fill(503));
      await approvedSupplier(admin);
      const state = async () => (await admin.data(LOG)).webhookEndpoints.edges.find((e: { node: { id: string } }) => e.node.id === endpoint.id).node;
      await receiver.until(() => receiver.received.length >= 3);
      let node = await state();
      for (let i = 0; i < 100 && node.active; i++) {
        await new Promise((r) => setTimeout(r, 100));
        node = await state();
      }
      expect(node.active).toBe(false);
      expect(node.disabledReason).toMatch(/^Turned off at .*: deliveries failed since .*; the last answer was 503 \(receiver down\)\.$/);
      expect(receiver.delivered()).toEqual([]);
      const metrics = await metricsOnce(server, (text) => metricValue(text, 'scm_webhook_endpoints_disabled_total') === 1);
      expect(metricValue(metrics, 'scm_webhook_endpoints_disabled_total')).toBe(1);
      const on = await admin.data('mutation($input: SetWebhookEndpointActiveInput!) { setWebhookEndpointActive(input: $input) { endpoint { active disabledReason } errors { code } } }', { input: { id: endpoint.id, active: true } });
      expect(on.setWebhookEndpointActive).toEqual({ endpoint: { active: true, disabledReason: null }, errors: [] });
      receiver.recover();
      await receiver.until(() => receiver.delivered().length >= 3);
    } finally {
      await server.stop();
      await receiver.stop();
    }
  });
});

describe('outbound requests', () => {
  it('refuse loopback, private and link-local addresses unless allowed, by literal and by name', async () => {
    const receiver = await new Receiver().start();
    try {
      const port = new URL(receiver.url).port;
      for (const url of [receiver.url, `http://localhost:${port}/hooks`, 'http://169.254.169.254/latest/meta-data', 'http://10.0.0.1/x', 'http://[::1]:1/x']) {
        const answer = await postJson(url, '{}', {}, { timeoutMs: 1000, allowNetworks: [] });
        expect(answer.status, url).toBeNull();
        expect(answer.excerpt, url).toMatch(/^refused: /);
      }
      expect(receiver.received).toEqual([]);
      expect((await postJson(receiver.url, '{}', {}, { timeoutMs: 1000, allowNetworks: ['loopback'] })).status).toBe(200);
    } finally {
      await receiver.stop();
    }
  });
});
