import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signToken } from '../src/auth/tokens.js';
import { loadConfig } from '../src/config.js';
import { demoUsers } from '../src/demo/users.js';
import { type ServerProcess, spawnServer } from './support/process.js';
import { TEST_JWT_SECRET, wsRun } from './support/server.js';

interface ReceivedSpan {
  scope: string;
  name: string;
  spanId: string;
  parentSpanId: string | undefined;
  traceId: string;
  attributes: Record<string, unknown>;
}

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; arrayValue?: { values: OtlpValue[] } };
const otlpValue = (v: OtlpValue): unknown => v.stringValue ?? (v.intValue === undefined ? undefined : Number(v.intValue)) ?? v.boolValue ?? v.arrayValue?.values.map(otlpValue);

/** An OTLP/HTTP (JSON) trace receiver, as a collector would be. */
let receiver: Server;
const spans: ReceivedSpan[] = [];
let server: ServerProcess;
let token: string;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const request = JSON.parse(body) as { resourceSpans: { scopeSpans: { scope: { name: string }; spans: { name: string; spanId: string; parentSpanId?: string; traceId: string; attributes?: { key: string; value: OtlpValue }[] }[] }[] }[] };
      for (const resource of request.resourceSpans) {
        for (const scope of resource.scopeSpans) {
          for (const s of scope.spans) {
            spans.push({ scope: scope.scope.name, name: s.name, spanId: s.spanId, parentSpanId: s.parentSpanId || undefined, traceId: s.traceId, attributes: Object.fromEntries((s.attributes ?? []).map((a) => [a.key, otlpValue(a.value)])) });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  server = await spawnServer({
    DATABASE_URL: 'memory://',
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    SEED_DEMO_DATA: 'true',
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`,
    OTEL_BSP_SCHEDULE_DELAY: '50',
  });
  token = await signToken(loadConfig({ JWT_SECRET: TEST_JWT_SECRET }).jwt, { ...demoUsers.buyer!, ttlSeconds: 600 });
});
afterAll(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
  receiver.close();
});

async function spansOf(operation: string, timeoutMs = 10_000): Promise<{ span: ReceivedSpan; children: ReceivedSpan[]; parent: ReceivedSpan | undefined }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const span = spans.find((s) => s.scope === 'supply-collab-server' && s.name === operation);
    const children = span === undefined ? [] : spans.filter((s) => s.traceId === span.traceId && s.attributes['db.system.name'] === 'postgresql');
    if (span !== undefined && children.length > 0) return { span, children, parent: spans.find((s) => s.spanId === span.parentSpanId) };
    if (Date.now() > until) throw new Error(`no span "${operation}" with statements; spans: ${spans.map((s) => s.name).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const post = (query: string) =>
  fetch(`http://127.0.0.1:${server.port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });

/** The spans under `root`, by walking parent links. */
const descendants = (root: ReceivedSpan) => {
  const found = new Set([root.spanId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of spans) {
      if (s.parentSpanId === undefined || !found.has(s.parentSpanId) || found.has(s.spanId)) continue;
      found.add(s.spanId);
      grew = true;
    }
  }
  return spans.filter((s) => found.has(s.spanId) && s !== root);
};

describe('tracing (OTEL_EXPORTER_OTLP_ENDPOINT set)', () => {
  it('traces an HTTP operation: the HTTP span, one operation span under it, its SQL statements under that', async () => {
    const response = await post('query TracedPage { suppliers(first: 3) { nodes { id name } } }');
    expect(response.status).toBe(200);
    const { span, children, parent } = await spansOf('query TracedPage');
    expect(span.attributes).toMatchObject({ 'graphql.transport': 'http', 'graphql.operation.name': 'TracedPage', 'graphql.operation.type': 'query' });
    expect(parent).toMatchObject({ scope: '@opentelemetry/instrumentation-http', name: 'POST' });
    expect(spans.filter((s) => s.scope === 'supply-collab-server' && s.traceId === span.traceId && s.attributes['graphql.transport'] !== undefined)).toHaveLength(1);
    const under = new Set(descendants(span).map((s) => s.spanId));
    for (const statement of children) expect(under.has(statement.spanId)).toBe(true);
    expect(children.some((s) => /^(with|select)/i.test(String(s.attributes['db.query.text'])))).toBe(true);
  });

  it('traces a mutation with its resolver and every statement of its transaction', async () => {
    const response = await post('mutation TracedCreate { createSupplier(input: {code: "TRC-1", name: "Traced"}) { supplier { id } errors { code } } }');
    expect(response.status).toBe(200);
    const { span, children } = await spansOf('mutation TracedCreate');
    expect(children.some((s) => s.name === 'INSERT')).toBe(true);
    expect(descendants(span).some((s) => s.name === 'graphql.resolve createSupplier')).toBe(true);
  });

  it('traces an operation over WebSocket: one operation span with its statements, no HTTP span', async () => {
    const client = createClient({ url: `ws://127.0.0.1:${server.port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${token}` } });
    try {
      const result = await wsRun(client, 'query TracedOverSocket { parts(first: 2) { nodes { id partNumber } } }');
      expect(result.errors).toBeUndefined();
      const { span, children, parent } = await spansOf('query TracedOverSocket');
      expect(span.attributes).toMatchObject({ 'graphql.transport': 'ws', 'graphql.operation.name': 'TracedOverSocket' });
      expect(parent).toBeUndefined();
      for (const statement of children) expect(statement.parentSpanId).toBe(span.spanId);
    } finally {
      await client.dispose();
    }
  });

  it('does not trace health probes', async () => {
    expect((await fetch(`http://127.0.0.1:${server.port}/readyz`)).status).toBe(200);
    await spansOf('query TracedPage');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(spans.some((s) => s.attributes['url.path'] === '/readyz' || s.attributes['http.target'] === '/readyz')).toBe(false);
  });
});
