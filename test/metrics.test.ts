import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgedOrder, M, mutate, parts, supplierWithUser } from './support/orders.js';
import { type Actor, startServer, type TestServer, wsRun } from './support/server.js';
import { collect } from './support/subscribe.js';

let server: TestServer;
let admin: Actor;

/** Prometheus text: series name with its labels as written, to its value. */
async function scrape(url: string): Promise<Map<string, number>> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const series = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    series.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return series;
}

const metricsUrl = () => server.url.replace(/\/graphql$/, '/metrics');
const value = (series: Map<string, number>, name: string) => series.get(name) ?? 0;

beforeAll(async () => {
  server = await startServer();
  admin = await server.as('admin');
});
afterAll(() => server.stop());

describe('/metrics', () => {
  it('counts operations by transport, name and outcome, with their latency, errors, statements and cost', async () => {
    const before = await scrape(metricsUrl());
    const page = await admin.run('query SupplierPage { suppliers(first: 5) { nodes { id name } } }');
    expect(page.status).toBe(200);
    const anonymous = await server.request('query SupplierPage { suppliers(first: 5) { nodes { id } } }', undefined, null);
    expect(anonymous.status).toBe(401);
    const invalid = await admin.run('query Broken { suppliers(first: 5) { nodes { nope } } }');
    expect(invalid.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const after = await scrape(metricsUrl());
    const delta = (name: string) => value(after, name) - value(before, name);

    expect(delta('scm_graphql_requests_total{transport="http",operation="SupplierPage",outcome="ok"}')).toBe(1);
    expect(delta('scm_graphql_requests_total{transport="http",operation="anonymous",outcome="UNAUTHENTICATED"}')).toBe(1);
    expect(delta('scm_graphql_requests_total{transport="http",operation="Broken",outcome="GRAPHQL_VALIDATION_FAILED"}')).toBe(1);
    expect(delta('scm_graphql_errors_total{transport="http",code="UNAUTHENTICATED"}')).toBe(1);
    expect(delta('scm_graphql_errors_total{transport="http",code="GRAPHQL_VALIDATION_FAILED"}')).toBe(1);
    expect(delta('scm_graphql_request_duration_seconds_count{transport="http",operation_type="query"}')).toBe(1);
    expect(delta('scm_http_responses_total{route="/graphql",status="401"}')).toBe(1);
    expect(delta('scm_sql_statements_total{outcome="ok"}')).toBeGreaterThanOrEqual(1);
    expect(delta('scm_sql_statement_duration_seconds_count')).toBe(delta('scm_sql_statements_total{outcome="ok"}') + delta('scm_sql_statements_total{outcome="error"}'));
    // A page of 5 suppliers' id and name: 5 points and the connection's own.
    expect(delta('scm_cost_spent_total{transport="http"}')).toBe((page.body as { extensions: { cost: { requested: number } } }).extensions.cost.requested);
    expect(value(after, 'scm_db_pool_size')).toBe(server.database.kind === 'pglite' ? 1 : 10);
    expect(value(after, 'scm_db_pool_connections_in_use')).toBeGreaterThanOrEqual(0);
    // Background work (the activity hub, webhook dispatch and jobs) also takes connections: once it is
    // idle, nothing waits for one.
    let waiting = value(after, 'scm_db_pool_waiting');
    for (let i = 0; i < 50 && waiting !== 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      waiting = value(await scrape(metricsUrl()), 'scm_db_pool_waiting');
    }
    expect(waiting).toBe(0);
    expect(after.has('scm_process_resident_memory_bytes')).toBe(true);
  });

  it('keeps operation names a client invents from growing the label set: overlong ones count as "other"', async () => {
    const before = await scrape(metricsUrl());
    const long = `Q${'x'.repeat(80)}`;
    expect((await admin.run(`query ${long} { viewer { id } }`)).status).toBe(200);
    const after = await scrape(metricsUrl());
    const other = 'scm_graphql_requests_total{transport="http",operation="other",outcome="ok"}';
    expect(value(after, other) - value(before, other)).toBe(1);
    expect([...after.keys()].some((k) => k.includes(long))).toBe(false);
  });

  it('counts sockets, active subscriptions, operations over WebSocket, and events delivered with their delay', async () => {
    const buyer = await server.as('buyer');
    const { supplier, user } = await supplierWithUser(server, admin);
    const order = await acknowledgedOrder(server, buyer, supplier, user, (await parts(admin)).map((p) => p.id));
    const before = await scrape(metricsUrl());
    const client = server.wsClient(await server.token('viewer'));
    const viewerQuery = await wsRun(client, 'query WhoAmI { viewer { id } }');
    expect(viewerQuery.errors).toBeUndefined();
    const updates = collect(client, 'subscription Deliveries($orderId: ID) { deliveryUpdated(orderId: $orderId) { event { status } } }', { orderId: order.id });
    // Subscribed once the socket counts it.
    for (let i = 0; i < 100 && value(await scrape(metricsUrl()), 'scm_subscriptions_active') === value(before, 'scm_subscriptions_active'); i++) await new Promise((r) => setTimeout(r, 20));
    const open = await scrape(metricsUrl());
    expect(value(open, 'scm_websocket_connections') - value(before, 'scm_websocket_connections')).toBe(1);
    expect(value(open, 'scm_subscriptions_active') - value(before, 'scm_subscriptions_active')).toBe(1);
    expect(value(open, 'scm_graphql_requests_total{transport="ws",operation="WhoAmI",outcome="ok"}') - value(before, 'scm_graphql_requests_total{transport="ws",operation="WhoAmI",outcome="ok"}')).toBe(1);

    const asn = await mutate(server, user, M.createDelivery, { orderId: order.id, lines: [{ orderLineId: order.lines[0]!.id, quantity: '1' }] });
    expect(asn.errors).toEqual([]);
    await updates.waitFor(1);
    const delivered = await scrape(metricsUrl());
    expect(value(delivered, 'scm_subscription_events_delivered_total{subscription="Delivery"}') - value(before, 'scm_subscription_events_delivered_total{subscription="Delivery"}')).toBeGreaterThanOrEqual(1);
    expect(value(delivered, 'scm_subscription_delivery_delay_seconds_count') - value(before, 'scm_subscription_delivery_delay_seconds_count')).toBeGreaterThanOrEqual(1);

    updates.stop();
    await client.dispose();
    for (let i = 0; i < 100 && value(await scrape(metricsUrl()), 'scm_websocket_connections') !== value(before, 'scm_websocket_connections'); i++) await new Promise((r) => setTimeout(r, 20));
    const closed = await scrape(metricsUrl());
    expect(value(closed, 'scm_websocket_connections')).toBe(value(before, 'scm_websocket_connections'));
    expect(value(closed, 'scm_subscriptions_active')).toBe(value(before, 'scm_subscriptions_active'));
  });

  it('serves /metrics on a port of its own when METRICS_PORT is set, and not on the API port', async () => {
    const separate = await startServer({ env: { METRICS_PORT: '0' } });
    try {
      const port = separate.app.metricsPort();
      expect(port).toBeGreaterThan(0);
      expect((await scrape(`http://127.0.0.1:${port}/metrics`)).has('scm_db_pool_size')).toBe(true);
      const onApi = await fetch(separate.url.replace(/\/graphql$/, '/metrics'));
      expect(onApi.status).toBe(404);
    } finally {
      await separate.stop();
    }
  });
});
