import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/auth/viewer.js';
import { columnText, type Database, openDatabase, type ReadOptions } from '../src/db/client.js';
import { freshPostgresDatabase, onPostgres } from './support/server.js';

/**
 * Brief statements (ReadOptions.brief, reads by key) are pipelined, four at most, on a connection
 * that runs brief statements only, before another connection is taken (patches/postgres+3.4.9.patch,
 * src/db/client.ts). Which backend answered tells which connection carried a statement.
 */
describe.runIf(onPostgres)('brief statements', () => {
  let fresh: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let database: Database;
  const staff: Viewer = { id: 'brief-test', name: 'Brief Test', email: 'brief@example.com', roles: ['ADMIN'], organization: null };
  /** The backend that ran a statement, after sleeping `seconds`. */
  const backend = async (options: ReadOptions, seconds = 0): Promise<string> => {
    const [pid] = (await database.readerFor(staff)('select pg_backend_pid()::text from pg_sleep($1::float8)', [seconds], options)) ?? [];
    return columnText(pid!);
  };
  const distinct = (pids: string[]) => new Set(pids).size;

  beforeAll(async () => {
    fresh = await freshPostgresDatabase();
    database = await openDatabase({ kind: 'postgres', url: fresh.url, pool: { size: 4, connectTimeoutMs: 2_000, acquireTimeoutMs: 2_000, statementTimeoutMs: 10_000 } });
    // Every connection open, so that none is chosen for being the next to connect.
    await Promise.all([0, 1, 2, 3].map(() => backend({}, 0.05)));
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await fresh?.drop();
  });

  it('share a connection, four to a connection, while others stand idle', async () => {
    const pids = await Promise.all(Array.from({ length: 8 }, () => backend({ brief: true })));
    expect(distinct(pids)).toBe(2);
    expect(pids.slice(0, 4).every((pid) => pid === pids[0])).toBe(true);
    expect(pids.slice(4).every((pid) => pid === pids[4])).toBe(true);
  });

  it('never wait behind a statement that is not brief', async () => {
    const slow = backend({}, 0.5);
    // The slow statement has its connection by now: the brief ones take another.
    await new Promise((resolve) => setImmediate(resolve));
    const started = Date.now();
    const pids = await Promise.all([backend({ brief: true }), backend({ brief: true })]);
    expect(Date.now() - started).toBeLessThan(400);
    const slowPid = await slow;
    expect(pids).not.toContain(slowPid);
    expect(distinct(pids)).toBe(1);
  });

  it('do not change how other statements are spread: each takes an idle connection', async () => {
    expect(distinct(await Promise.all(Array.from({ length: 4 }, () => backend({}, 0.05))))).toBe(4);
    // Nor do they join brief ones: a statement that is not brief takes an idle connection.
    const [brief, other] = await Promise.all([backend({ brief: true }, 0.05), backend({}, 0.05)]);
    expect(brief).not.toBe(other);
  });
});
