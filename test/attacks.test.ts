import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_COST } from '../src/limits/cost.js';
import { MAX_LIST_ITEMS, stringLimits } from '../src/limits/input-limits.js';
import { MAX_ALIASES } from '../src/limits/operation-limits.js';
import { type Actor, startServer, type TestServer } from './support/server.js';

// What an attacker on the internet sends, with and without a token, over HTTP and WebSocket: each
// is refused with the code of the limit it hits, in bounded time, while a cheap query sent meanwhile
// still answers promptly.
let server: TestServer;
let production: TestServer;
let viewer: Actor;
let admin: Actor;

beforeAll(async () => {
  [server, production] = await Promise.all([startServer({ env: { WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '3', WS_MAX_SUBSCRIPTIONS_PER_USER: '5' } }), startServer({ env: { NODE_ENV: 'production' } })]);
  viewer = await server.as('viewer');
  admin = await server.as('admin');
  // Warm: the cheap query's time measures the attack's effect, not a cold start.
  for (let i = 0; i < 20; i++) await viewer.run('{ viewer { name } }');
});
afterAll(() => Promise.all([server.stop(), production.stop()]));

function fragmentFanOut(levels: number): string {
  let document = 'query Q { ...F0 }\n';
  for (let i = 0; i < levels; i++) document += `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }\n`;
  return `${document}fragment F${levels} on Query { __typename }`;
}

/** Runs the attack while a cheap query is sent 20 ms in; returns the attack's answer and the cheap one's time. */
async function whileCheap<T>(attack: () => Promise<T>, target: TestServer = server): Promise<{ answer: T; cheapMs: number }> {
  const token = await target.token('viewer');
  const attacking = attack();
  await new Promise((r) => setTimeout(r, 20));
  const started = performance.now();
  const cheap = await target.request('{ viewer { name } }', undefined, token);
  const cheapMs = performance.now() - started;
  expect(cheap.status).toBe(200);
  return { answer: await attacking, cheapMs };
}

function wsRun(client: Client, query: string, variables?: Record<string, unknown>): Promise<{ data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }> {
  return new Promise((resolve) => {
    let result: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } = {};
    client.subscribe(
      { query, variables },
      {
        next: (value) => {
          result = value as typeof result;
        },
        error: (errors) => resolve({ errors: errors as { message: string; extensions?: { code?: string } }[] }),
        complete: () => resolve(result),
      },
    );
  });
}

const codeOf = (body: { errors?: { extensions?: { code?: string } }[] }) => body.errors?.[0]?.extensions?.code;

describe('fragment fan-out (each fragment spreads the next one twice)', () => {
  it.each([10, 22, 25, 40])('at %i levels: never blocks the server; refused by cost once it fans out past the limit', async (levels) => {
    const { answer, cheapMs } = await whileCheap(() => viewer.run(fragmentFanOut(levels)));
    if (levels <= 10) {
      expect(answer.status).toBe(200);
      expect(answer.body.data).toEqual({ __typename: 'Query' });
    } else {
      expect(answer.status).toBe(400);
      expect(codeOf(answer.body)).toBe('COST_LIMIT_EXCEEDED');
    }
    expect(cheapMs).toBeLessThan(200);
  });

  it('without a token: 401 before the document is read', async () => {
    const { answer, cheapMs } = await whileCheap(() => server.request(fragmentFanOut(40), undefined, null));
    expect(answer.status).toBe(401);
    expect(codeOf(answer.body)).toBe('UNAUTHENTICATED');
    expect(cheapMs).toBeLessThan(200);
  });

  it('over WebSocket: an error for that operation, and the socket keeps working', async () => {
    const client = server.wsClient(await server.token('viewer'));
    const refused = await wsRun(client, fragmentFanOut(40));
    expect(codeOf(refused)).toBe('COST_LIMIT_EXCEEDED');
    expect((await wsRun(client, '{ viewer { name } }')).data).toEqual({ viewer: { name: 'Vera Viewer' } });
  });
});

describe('cost', () => {
  const BOMB = '{ suppliers(first:100){nodes{orders(first:100){nodes{id lines{id quantity unitPrice part{id partNumber}}}}}} }';

  it('refuses nested pages whose product is over the limit, before reading a row', async () => {
    const before = server.statements();
    const { answer, cheapMs } = await whileCheap(() => viewer.run(BOMB));
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ message: `The operation may return 210201 objects; the limit is ${MAX_COST}. Ask for smaller pages (first/last) or fewer nested lists.`, extensions: { code: 'COST_LIMIT_EXCEEDED' } }]);
    expect(server.statements() - before).toBe(0); // and the cheap query reads no row either
    expect(cheapMs).toBeLessThan(200);
  });

  it('refuses the same with aliases, by cost or by the alias limit', async () => {
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: suppliers(first: 100) { nodes { orders(first: 100) { nodes { id } } } }`).join(' ')} }`;
    const { answer } = await whileCheap(() => viewer.run(aliased(MAX_ALIASES)));
    expect(answer.status).toBe(400);
    expect(codeOf(answer.body)).toBe('COST_LIMIT_EXCEEDED');
    const tooMany = await viewer.run(aliased(MAX_ALIASES + 1));
    expect(codeOf(tooMany.body)).toBe('ALIAS_LIMIT_EXCEEDED');
  });

  it('counts a connection without first at the maximum page size, and reports the cost of every answer', async () => {
    const answer = await viewer.run('{ suppliers { nodes { id contacts { name } } } }');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ extensions: { cost: { requested: 1 + 100 * (1 + 10), maximum: MAX_COST, budget: { capacity: expect.any(Number), remaining: expect.any(Number) } } } });
  });

  it('refuses too many directives and too many tokens with their own codes', async () => {
    const directives = await viewer.run(`{ viewer { name ${'@include(if: true) '.repeat(51)} } }`);
    expect(directives.status).toBe(400);
    expect(codeOf(directives.body)).toBe('DIRECTIVE_LIMIT_EXCEEDED');
    const tokens = await viewer.run(`{ viewer { ${'name '.repeat(6000)} } }`);
    expect(tokens.status).toBe(400);
    expect(codeOf(tokens.body)).toBe('TOKEN_LIMIT_EXCEEDED');
  });
});

describe('input limits', () => {
  const PARTS = 'query($search: String) { parts(first: 5, filter: { search: $search }) { nodes { id } } }';
  const CREATE_PART = 'mutation($input: CreatePartInput!) { createPart(input: $input) { part { id } errors { code } } }';
  const partCount = async () => (await admin.data('{ parts(first: 100) { totalCount } }')).parts.totalCount as number;

  it('refuses a search term over its limit, naming the field, and a body over 1 MB', async () => {
    const long = await viewer.run(PARTS, { search: 'x'.repeat(300_000) });
    expect(long.status).toBe(400);
    expect(long.body.errors).toEqual([{ message: `filter.search is 300000 characters long; the limit is ${stringLimits.search}.`, extensions: { code: 'BAD_USER_INPUT', field: 'filter.search' } }]);
    const huge = await viewer.run(PARTS, { search: 'x'.repeat(1_100_000) });
    expect(huge.status).toBe(413);
  });

  it.each([
    ['a NUL character', 'Hou\u0000sing', 'input.description contains a NUL character.'],
    ['an unpaired surrogate', 'Housing \ud800', 'input.description contains an unpaired UTF-16 surrogate (not valid Unicode).'],
    ['free text over its limit', 'x'.repeat(stringLimits.text + 1), `input.description is ${stringLimits.text + 1} characters long; the limit is ${stringLimits.text}.`],
  ])('refuses %s as BAD_USER_INPUT naming the field, and writes nothing', async (_what, description, message) => {
    const before = await partCount();
    const answer = await admin.run(CREATE_PART, { input: { partNumber: `ATK-${Math.random().toString(36).slice(2, 8)}`, description, unit: 'pcs', importanceClass: 'III' } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ message, extensions: { code: 'BAD_USER_INPUT', field: 'input.description' } }]);
    expect(await partCount()).toBe(before);
  });

  it('refuses an unpaired surrogate in a JSON-stored field (a contact) and a literal NUL in the document', async () => {
    const supplier = await admin.run('mutation($input: CreateSupplierInput!) { createSupplier(input: $input) { supplier { id } } }', {
      input: { code: 'ATK-SURR', name: 'Surrogate', contacts: [{ name: 'A \udc00 B' }] },
    });
    expect(supplier.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.contacts[0].name' });
    const literal = await viewer.run('{ parts(first: 1, filter: { search: "a\\u0000b" }) { nodes { id } } }');
    expect(literal.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.search' });
  });

  it(`refuses a list of more than ${MAX_LIST_ITEMS} items`, async () => {
    const ids = Array.from({ length: MAX_LIST_ITEMS + 1 }, () => 'UGFydDowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA');
    const answer = await viewer.run('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'ids' });
  });

  it('refuses forged activity cursors, beyond bigint too, as BAD_USER_INPUT', async () => {
    for (const raw of ['1:99999999999999999999', '99999999999999999999999:1', '18446744073709551616:1', '1:9223372036854775808', 'nonsense']) {
      const answer = await viewer.run('query($after: String) { activity(first: 1, after: $after) { nodes { summary } } }', { after: Buffer.from(raw).toString('base64url') });
      expect(codeOf(answer.body)).toBe('BAD_USER_INPUT');
    }
  });

  it('answers any number of variable errors with BAD_USER_INPUT', async () => {
    const n = 60;
    const definitions = Array.from({ length: n }, (_, i) => `$v${i}: Int!`).join(', ');
    const uses = Array.from({ length: n }, (_, i) => `a${i}: suppliers(first: $v${i}) { totalCount }`).slice(0, MAX_ALIASES).join(' ');
    const variables = Object.fromEntries(Array.from({ length: n }, (_, i) => [`v${i}`, 'not a number']));
    const answer = await viewer.run(`query(${definitions}) { ${uses} }`, variables);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.every((e) => e.extensions?.code === 'BAD_USER_INPUT' || e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')).toBe(true);
    expect(codeOf(answer.body)).not.toBe('INTERNAL_SERVER_ERROR');
  });
});

describe('WebSocket', () => {
  it('holds at most the configured subscriptions per socket and per user, refusing the next with a clear error and keeping the socket', async () => {
    const token = await server.token('viewer');
    const first = server.wsClient(token);
    const second = server.wsClient(token);
    const stop: (() => void)[] = [];
    const subscribe = (client: Client) =>
      new Promise<string | null>((resolve) => {
        stop.push(client.subscribe({ query: 'subscription { deliveryUpdated { cursor } }' }, { next: () => {}, error: (e) => resolve((e as { extensions?: { code?: string } }[])[0]?.extensions?.code ?? 'error'), complete: () => resolve(null) }));
        setTimeout(() => resolve('open'), 300);
      });
    expect(await Promise.all([subscribe(first), subscribe(first), subscribe(first)])).toEqual(['open', 'open', 'open']);
    expect(await subscribe(first)).toBe('SUBSCRIPTION_LIMIT_EXCEEDED');
    expect(await Promise.all([subscribe(second), subscribe(second)])).toEqual(['open', 'open']);
    expect(await subscribe(second)).toBe('SUBSCRIPTION_LIMIT_EXCEEDED');
    expect((await wsRun(first, '{ viewer { name } }')).data).toEqual({ viewer: { name: 'Vera Viewer' } });
    for (const s of stop) s();
  });

  it('in production: no introspection and no suggestions, on HTTP and WebSocket alike', async () => {
    const token = await production.token('viewer');
    const client = production.wsClient(token);
    const introspection = await wsRun(client, '{ __schema { types { name } } }');
    expect(introspection.errors?.[0]?.message).toContain('introspection');
    expect(codeOf(introspection)).toBe('GRAPHQL_VALIDATION_FAILED');
    const suggestion = await wsRun(client, '{ viewr { name } }');
    expect(suggestion.errors?.[0]).toMatchObject({ message: 'Cannot query field "viewr" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(codeOf(await wsRun(client, '{ viewer { name '))).toBe('GRAPHQL_PARSE_FAILED');
    const http = await production.request('{ viewr { name } }', undefined, token);
    expect(http.body.errors?.[0]).toMatchObject({ message: 'Cannot query field "viewr" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect((await production.request('{ __schema { types { name } } }', undefined, token)).status).toBe(400);
  });

  it('closes the socket on an oversize frame', async () => {
    const { default: WebSocket } = await import('ws');
    const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
    await new Promise((r) => socket.once('open', r));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('x'.repeat(1024 * 1024 + 1));
    expect(await closed).toBe(1009);
    const again = new WebSocket(server.wsUrl, 'graphql-transport-ws');
    await new Promise((r) => again.once('open', r));
    const badJson = new Promise<number>((resolve) => again.once('close', (code) => resolve(code)));
    again.send('{not json');
    expect(await badJson).toBe(4400);
  });
});
