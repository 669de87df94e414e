import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/client.js';
import { freshPostgresDatabase, onPostgres } from './support/server.js';

/**
 * A connection whose backend goes away while it is held (a reserved connection between statements, a
 * transaction waiting for its next statement) must fail the statements sent to it afterwards, not
 * throw from the driver's write timer (which no caller can catch: the process would exit), and must
 * not go back to the pool. postgres.js 3.4.9 did both; patches/postgres+3.4.9.patch fixes them.
 */
describe.runIf(onPostgres)('a connection lost while it is held', () => {
  let fresh: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let database: Database;
  const client = () => {
    if (database.driver.kind !== 'postgres') throw new Error('PostgreSQL only');
    return database.driver.client;
  };
  const backendPid = async (run: (text: string) => Promise<readonly { pid: number }[]>) => (await run('select pg_backend_pid() as pid'))[0]!.pid;
  const terminate = async (pid: number) => {
    await client()`select pg_terminate_backend(${pid})`;
    // The backend's close reaches the client's socket.
    await new Promise((resolve) => setTimeout(resolve, 200));
  };
  const poolAnswers = async () => {
    for (let i = 0; i < 6; i++) expect(await client()`select ${i}::int as n`).toEqual([{ n: i }]);
    expect(await database.db.execute(sql`select 1 as one`)).toMatchObject([{ one: 1 }]);
  };
  const connectionLost = { code: expect.stringMatching(/^(CONNECTION_CLOSED|ECONNRESET)$/) };

  beforeAll(async () => {
    fresh = await freshPostgresDatabase();
    database = await openDatabase({ kind: 'postgres', url: fresh.url, pool: { size: 2, connectTimeoutMs: 2_000, acquireTimeoutMs: 2_000, statementTimeoutMs: 10_000 } });
  }, 60_000);
  afterAll(async () => {
    await database.close();
    await fresh.drop();
  });

  it('fails every later statement on a reserved connection, and its release does not pool it', async () => {
    const reserved = await client().reserve();
    const pid = await backendPid((text) => reserved.unsafe(text) as unknown as Promise<{ pid: number }[]>);
    await terminate(pid);
    await expect(reserved`select 1`).rejects.toMatchObject(connectionLost);
    await expect(reserved`select 2`).rejects.toMatchObject(connectionLost);
    reserved.release();
    await poolAnswers();
    // Every connection the pool hands out now is a live one, none is the terminated backend.
    const pids = await Promise.all([0, 1, 2, 3].map(() => client()`select pg_backend_pid() as pid`.then((rows) => rows[0]!.pid as number)));
    expect(pids).not.toContain(pid);
  });

  it('fails a transaction whose connection went while it waited, and rolls nothing back on another connection', async () => {
    await client()`create table if not exists lost_write (n int)`;
    const transaction = client().begin(async (tx) => {
      await tx`insert into lost_write values (1)`;
      await terminate(await backendPid((text) => tx.unsafe(text) as unknown as Promise<{ pid: number }[]>));
      await tx`insert into lost_write values (2)`;
    });
    await expect(transaction).rejects.toMatchObject(connectionLost);
    await poolAnswers();
    expect(await client()`select count(*)::int as n from lost_write`).toEqual([{ n: 0 }]);
  });

  it('fails a use case whose connection went between its statements, and answers the next request', async () => {
    const viewerDb = database.forViewer(null);
    const work = viewerDb.transaction(async (tx) => {
      const [row] = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as { pid: number }[];
      await terminate(row!.pid);
      await tx.execute(sql`select 1`);
    });
    await expect(work).rejects.toMatchObject(connectionLost);
    await poolAnswers();
  });
});
