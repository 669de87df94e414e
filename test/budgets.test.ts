import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, executeRows, openDatabase } from '../src/db/client.js';
import { createLogger } from '../src/logger.js';
import { type App, createApp } from '../src/server.js';
import { supplierWithUser } from './support/orders.js';
import { type Actor, onPostgres, startServer, type TestServer } from './support/server.js';

// Budgets live in PostgreSQL: two instances on one database charge the same buckets.
const CAPACITY = 25_000;
let server: TestServer;
let second: App;
let secondDatabase: Database;
let secondUrl: string;

beforeAll(async () => {
  server = await startServer({
    env: { BUDGET_USER_CAPACITY: String(CAPACITY), BUDGET_USER_RESTORE_PER_SECOND: '1', BUDGET_ORGANIZATION_CAPACITY: String(CAPACITY * 2), BUDGET_ORGANIZATION_RESTORE_PER_SECOND: '1' },
  });
  // A second instance: its own connections to the same PostgreSQL database (on PGlite, the same database).
  secondDatabase = onPostgres ? await openDatabase(server.config.database) : server.database;
  second = await createApp({ config: server.config, database: secondDatabase, log: createLogger(server.config) });
  secondUrl = `http://127.0.0.1:${await second.listen()}/graphql`;
});
afterAll(async () => {
  await second.stop();
  if (onPostgres) await secondDatabase.close();
  await server.stop();
});

const QUERY = '{ suppliers(first: 100) { nodes { id contacts { name } } } }';
const COST = 1 + 100 * (1 + 10);

async function ask(url: string, token: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: QUERY }) });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: { cost?: { requested: number; budget: { remaining: number } } } } };
}

describe('cost budgets', () => {
  it('charge one bucket per user across instances, then answer 429 THROTTLED with Retry-After', async () => {
    const token = await server.token({ roles: ['VIEWER'], sub: 'budget-viewer' });
    const admitted: number[] = [];
    let refused: Awaited<ReturnType<typeof ask>> | undefined;
    for (let i = 0; i < 40 && refused === undefined; i++) {
      const answer = await ask(i % 2 === 0 ? server.url : secondUrl, token);
      if (answer.status === 200) {
        expect(answer.body.extensions?.cost?.requested).toBe(COST);
        admitted.push(answer.body.extensions!.cost!.budget.remaining);
      } else refused = answer;
    }
    // Both instances drew on one bucket: each answer shows less left than the one before.
    expect(admitted).toHaveLength(Math.floor(CAPACITY / COST));
    expect(admitted.every((left, i) => i === 0 || left < admitted[i - 1]!)).toBe(true);
    expect(refused?.status).toBe(429);
    expect(refused?.body.errors?.[0]?.extensions).toEqual({ code: 'THROTTLED', retryAfterSeconds: Number(refused?.retryAfter) });
    expect(Number(refused?.retryAfter)).toBeGreaterThan(300);
    // Asking again at once, on the instance that refused, is refused before the document is read:
    // even an invalid one is told to wait, not what is wrong with it.
    const refusedUrl = admitted.length % 2 === 0 ? server.url : secondUrl;
    const again = await fetch(refusedUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ nope' }) });
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(300);
    expect(((await again.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('THROTTLED');
    // Another user has a bucket of its own.
    expect((await ask(secondUrl, await server.token({ roles: ['VIEWER'], sub: 'another-viewer' }))).status).toBe(200);
  });

  it('spend leases of cheap operations locally, never more than the bucket across instances', async () => {
    // 101 points: cheap against a lease of a twentieth of the bucket (1,250), so each instance leases.
    const CHEAP = '{ suppliers(first: 100) { nodes { id } } }';
    const token = await server.token({ roles: ['VIEWER'], sub: 'lease-viewer' });
    let admitted = 0;
    let refused = false;
    for (let i = 0; i < 400 && !refused; i++) {
      const response = await fetch(i % 2 === 0 ? server.url : secondUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: CHEAP }) });
      if (response.status === 200) admitted += 1;
      else refused = response.status === 429;
    }
    expect(refused).toBe(true);
    // Never beyond the bucket; at most the two instances' leases left unspent.
    expect(admitted * 101).toBeLessThanOrEqual(CAPACITY);
    expect(admitted * 101).toBeGreaterThanOrEqual(CAPACITY - 2 * (CAPACITY / 20));
  });

  it("share one organisation bucket among a partner's users, and leave other partners' budgets alone", async () => {
    const admin: Actor = await server.as('admin');
    const a = await supplierWithUser(server, admin);
    const b = await supplierWithUser(server, admin);
    let refusedAt = -1;
    for (let i = 0; i < 60 && refusedAt < 0; i++) {
      // Three users of partner A, each well within its own bucket; the organisation's fills.
      const user = await server.token({ roles: ['SUPPLIER_USER'], org: a.supplier.id, sub: `a-user-${i % 3}` });
      if ((await ask(i % 2 === 0 ? server.url : secondUrl, user)).status === 429) refusedAt = i;
    }
    expect(refusedAt).toBe(Math.floor((CAPACITY * 2) / COST));
    expect((await ask(server.url, await server.token({ roles: ['SUPPLIER_USER'], org: b.supplier.id, sub: 'b-user' }))).status).toBe(200);
  });

  it('hold a bucket at its capacity when the capacity was lowered, so that it drains in capacity / rate', async () => {
    // A level left by a larger capacity (configured earlier, or on another instance).
    const token = await server.token({ roles: ['VIEWER'], sub: 'lowered-viewer' });
    await executeRows(server.database.db, sql`insert into request_budgets (key, level) values ('user:lowered-viewer', ${CAPACITY * 1000})`);
    const answer = await ask(server.url, token);
    expect(answer.status).toBe(429);
    // Full, so this operation waits for its own cost to drain at one point a second, not for 25 million.
    expect(Number(answer.retryAfter)).toBe(COST);
  });
});
