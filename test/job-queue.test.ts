import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { jobDatabase, startJobQueue } from '../src/jobs/queue.js';
import { freshPostgresDatabase, onPostgres, startServer, type TestServer } from './support/server.js';
import { TcpProxy } from './support/tcp-proxy.js';

/**
 * The job queue's own maintenance (failing the jobs of instances that died, so that they run again)
 * opens transactions of its own in one command text: it must run on either driver, not be refused
 * as a transaction on a pooled connection.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
}, 60_000);
afterAll(() => server.stop());

it('runs the job queue maintenance without errors', async () => {
  const errors: Error[] = [];
  const boss = await startJobQueue(server.database, { maintenanceIntervalSeconds: 1, onError: (error) => errors.push(error) });
  try {
    // Its supervisor's next pass (every second here), and a pass asked for directly.
    const supervised = new Promise((resolve) => boss.once('maintenance', resolve));
    await expect(boss.maintain()).resolves.toEqual({ ms: expect.any(Number) });
    await supervised;
    expect(errors.map((e) => e.message)).toEqual([]);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}, 30_000);

describe.runIf(onPostgres)('the job queue when the connection drops', () => {
  it('does not give a dead connection back to the pool: the next statements run on live ones', async () => {
    const fresh = await freshPostgresDatabase();
    const target = new URL(fresh.url);
    const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    target.port = String(await proxy.start());
    const database = await openDatabase({ kind: 'postgres', url: target.toString(), pool: { size: 2, connectTimeoutMs: 1_000, acquireTimeoutMs: 2_000, statementTimeoutMs: 10_000 } });
    try {
      const jobs = jobDatabase(database.driver);
      const sleeping = jobs.executeSql('select pg_sleep(3)', []);
      await new Promise((resolve) => setTimeout(resolve, 300));
      proxy.cutOff();
      await expect(sleeping).rejects.toMatchObject({ code: expect.stringMatching(/^(CONNECTION_CLOSED|ECONNRESET|CONNECTION_ENDED)$/) });
      proxy.restore();
      // Had the dead connection been released, a statement would be written to it and the process would fail.
      for (let i = 0; i < 4; i++) expect(await jobs.executeSql('select 1 as one', [])).toEqual({ rows: [{ one: 1 }] });
      for (let i = 0; i < 4; i++) expect((await jobs.executeSql('select $1::int as one', [1])).rows).toEqual([{ one: 1 }]);
    } finally {
      await database.close();
      await proxy.stop();
      await fresh.drop();
    }
  }, 30_000);
});
