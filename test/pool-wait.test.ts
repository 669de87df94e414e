import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/client.js';
import { isDatabaseUnavailable } from '../src/db/errors.js';
import { freshPostgresDatabase, onPostgres } from './support/server.js';

/**
 * A statement waits for a free connection at most the pool's acquisition time-out, then fails as the
 * database being unavailable (a request answers 503), and the pool goes on answering.
 */
describe.runIf(onPostgres)('waiting for a connection', () => {
  const WAIT_MS = 300;
  let fresh: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let database: Database;
  const client = () => {
    if (database.driver.kind !== 'postgres') throw new Error('PostgreSQL only');
    return database.driver.client;
  };

  beforeAll(async () => {
    fresh = await freshPostgresDatabase();
    database = await openDatabase({ kind: 'postgres', url: fresh.url, pool: { size: 1, connectTimeoutMs: 2_000, acquireTimeoutMs: WAIT_MS, statementTimeoutMs: 10_000 } });
    await client()`select 1`;
  }, 60_000);
  afterAll(async () => {
    await database.close();
    await fresh.drop();
  });

  it('fails a statement that waited longer than the time-out, and answers the next one', async () => {
    // A transaction holds the only connection (a statement alone would have the next one pipelined
    // behind it on the same connection); the next statement goes through `unsafe`, as every statement
    // of the server's does (drizzle, the read compiler).
    const sleeping = client().begin(async (tx) => {
      await tx`select pg_sleep(1.2)`;
      return 'slept';
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    const waiting = client()
      .unsafe('select 1 as one')
      .then(
      () => null,
      (e: unknown) => e,
    );
    // While it waits, the pool's usage (the metrics' gauges) shows the transaction holding the one
    // connection and the statement waiting for it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(database.pool()).toEqual({ size: 1, inUse: 1, waiting: 1 });
    const error = await waiting;
    const waited = Date.now() - started;
    expect(error).not.toBeNull();
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(WAIT_MS - 60);
    expect(waited).toBeLessThan(1_100);
    expect(await sleeping).toBe('slept');
    expect(await client().unsafe('select 2 as two')).toEqual([{ two: 2 }]);
    expect(database.pool()).toEqual({ size: 1, inUse: 0, waiting: 0 });
  });
});
