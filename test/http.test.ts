import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ALIASES, MAX_DEPTH } from '../src/limits/operation-limits.js';
import { startServer, type TestServer } from './support/server.js';

let server: TestServer;
let base: string;
beforeAll(async () => {
  server = await startServer();
  base = server.url.replace(/\/graphql$/, '');
});
afterAll(() => server.stop());

describe('service endpoints', () => {
  it('answers /healthz while the process is alive', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz when the database answers', async () => {
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', database: server.database.kind });
  });

  it('gives every response a request id, and keeps a sane one the client sent', async () => {
    expect((await fetch(`${base}/healthz`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'portal-42' } })).headers.get('x-request-id')).toBe('portal-42');
  });

  it('answers unknown paths with 404 JSON', async () => {
    const response = await fetch(`${base}/nope`);
    expect(response.status).toBe(404);
    expect((await response.json()).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('serves a self-contained GraphiQL page outside production', async () => {
    const response = await fetch(`${base}/graphiql`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('/graphql');
    // Everything is inlined: no script or stylesheet is fetched from elsewhere.
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(html).not.toMatch(/<link[^>]+href="https?:/);
    const browser = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(browser.headers.get('content-type')).toContain('text/html');
  });
});

describe('GraphQL over HTTP', () => {
  it('runs queries over GET as standard clients send them (urql: query, operationName and variables in the URL, no extra header)', async () => {
    const token = await server.token('viewer');
    const params = new URLSearchParams({ query: 'query Me($n: Int) { viewer { name } suppliers(first: $n) { totalCount } }', operationName: 'Me', variables: JSON.stringify({ n: 1 }) });
    const response = await fetch(`${server.url}?${params}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/graphql-response+json, application/json' },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { viewer: unknown } }).data.viewer).toEqual({ name: 'Vera Viewer' });
  });

  it('runs queries over GET with Apollo\'s preflight header too', async () => {
    const token = await server.token('viewer');
    const response = await fetch(`${server.url}?query=${encodeURIComponent('{ viewer { name } }')}`, {
      headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { viewer: { name: 'Vera Viewer' } }, extensions: { cost: expect.objectContaining({ requested: 1 }) } });
  });

  it('refuses mutations over GET', async () => {
    const token = await server.token('admin');
    const query = encodeURIComponent('mutation { createPart(input: { partNumber: "GET-1", description: "x", unit: "pcs", importanceClass: I }) { part { id } } }');
    const response = await fetch(`${server.url}?query=${query}`, { headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(405);
  });

  it('refuses a cross-site GET, which cannot carry the bearer token, before any work, with a Bearer challenge', async () => {
    // What a page on another site can make a browser send: no Authorization header (cookies are never read).
    const response = await fetch(`${server.url}?query=${encodeURIComponent('{ viewer { name } }')}`, { headers: { cookie: 'session=stolen', origin: 'https://evil.example' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="graphql"');
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers a bad token with 401 and a Bearer challenge', async () => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' }, body: '{"query":"{ viewer { name } }"}' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="graphql"');
  });

  it('answers a malformed JSON body with 400 and a GraphQL-shaped error', async () => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await server.token('viewer')}` }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('answers with application/graphql-response+json when asked', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${await server.token('viewer')}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.headers.get('content-type')).toContain('application/graphql-response+json');
    expect(await response.json()).toEqual({ data: { __typename: 'Query' }, extensions: { cost: expect.objectContaining({ requested: 0 }) } });
  });

  it('answers CORS preflights for allowed origins', async () => {
    const response = await fetch(server.url, { method: 'OPTIONS', headers: { origin: 'https://portal.example.com', 'access-control-request-method': 'POST' } });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it(`refuses operations nested deeper than ${MAX_DEPTH}`, async () => {
    let selection = 'name';
    for (let i = 0; i < MAX_DEPTH; i++) selection = i % 2 === 0 ? `supplier { ${selection} }` : `sources { ${selection} }`;
    const response = await server.request(`{ parts(first: 1) { nodes { ${selection} } } }`, undefined, await server.token('admin'));
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('DEPTH_LIMIT_EXCEEDED');
    expect(response.body.errors?.[0]?.message).toBe(`Query depth limit of ${MAX_DEPTH} exceeded, found ${MAX_DEPTH + 3}.`);
  });

  it(`refuses more than ${MAX_ALIASES} aliases`, async () => {
    const aliases = Array.from({ length: MAX_ALIASES + 1 }, (_, i) => `a${i}: viewer { name }`).join(' ');
    const response = await server.request(`{ ${aliases} }`, undefined, await server.token('viewer'));
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]).toEqual({ message: `Aliases limit of ${MAX_ALIASES} exceeded, found ${MAX_ALIASES + 1}.`, extensions: { code: 'ALIAS_LIMIT_EXCEEDED' } });
  });

  it('passes every MUST audit of the GraphQL-over-HTTP specification', async () => {
    const failures: string[] = [];
    const token = await server.token('viewer');
    for (const audit of serverAudits({
      url: server.url,
      fetchFn: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), 'apollo-require-preflight': 'true', authorization: `Bearer ${token}` } }),
    })) {
      const result = await audit.fn();
      if (audit.name.startsWith('MUST') && result.status !== 'ok') failures.push(`${audit.id} ${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  });
});
