import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { jobDatabase, startJobQueue } from '../src/jobs/queue.js';
import { QueueWorkers } from '../src/jobs/workers.js';
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

/** Every fetch the workers ask pg-boss for, with its batch size, as it is asked. */
function recordFetches(boss: Awaited<ReturnType<typeof startJobQueue>>): { batchSize: number; at: number }[] {
  const fetches: { batchSize: number; at: number }[] = [];
  const fetch = boss.fetch.bind(boss);
  boss.fetch = ((name: string, options: { batchSize: number }) => {
    fetches.push({ batchSize: options.batchSize, at: Date.now() });
    return fetch(name, options);
  }) as typeof boss.fetch;
  return fetches;
}

/**
 * A queue of its own with workers over it, the fetches they ask for recorded; asserts that nothing
 * reported an error, and stops pg-boss however the test ends.
 */
async function withQueue(name: string, test: (queue: { boss: Awaited<ReturnType<typeof startJobQueue>>; workers: QueueWorkers<{ n: number }>; fetches: { batchSize: number; at: number }[] }) => Promise<void>): Promise<void> {
  const errors: unknown[] = [];
  const boss = await startJobQueue(server.database, { maintenanceIntervalSeconds: 60, onError: (error) => errors.push(error) });
  try {
    await boss.createQueue(name, { name, policy: 'standard', retryLimit: 0 });
    const fetches = recordFetches(boss);
    await test({ boss, workers: new QueueWorkers<{ n: number }>(boss, name, (error) => errors.push(error)), fetches });
    expect(errors).toEqual([]);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

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

it('stops its workers only when their jobs are completed or failed, and runs none after', async () => {
  const errors: unknown[] = [];
  const boss = await startJobQueue(server.database, { maintenanceIntervalSeconds: 60, onError: (error) => errors.push(error) });
  try {
    await boss.createQueue('stop-test', { name: 'stop-test', policy: 'standard', retryLimit: 1, retryDelay: 60 });
    const workers = new QueueWorkers<{ n: number }>(boss, 'stop-test', (error) => errors.push(error));
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const started: number[] = [];
    workers.start(2, 1, async ({ n }) => {
      started.push(n);
      if (n === 1) await released;
      else if (workers.stopping) throw new Error('stopped before sending');
    });
    const first = (await boss.send('stop-test', { n: 1 }))!;
    workers.wake();
    while (started.length === 0) await new Promise((r) => setTimeout(r, 20));
    let stopped = false;
    const stopping = workers.stop().then(() => {
      stopped = true;
    });
    const later = (await boss.send('stop-test', { n: 2 }))!;
    await new Promise((r) => setTimeout(r, 1_500));
    // The running job holds the stop; the job queued meanwhile is not taken.
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(started).toEqual([1]);
    expect((await boss.getJobById('stop-test', first))?.state).toBe('completed');
    expect((await boss.getJobById('stop-test', later))?.state).toBe('created');
    expect(errors).toEqual([]);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}, 30_000);

it('fetches for all its workers at once: less often the longer it is idle, as many jobs as workers are free', () =>
  withQueue('batch-test', async ({ boss, workers, fetches }) => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const running = new Set<number>();
    const done: number[] = [];
    let most = 0;
    workers.start(4, 0.5, async ({ n }) => {
      running.add(n);
      most = Math.max(most, running.size);
      await released;
      running.delete(n);
      done.push(n);
    });
    await new Promise((r) => setTimeout(r, 2_500));
    // Idle for 2.5 s with a 0.5 s interval: three requests (at 0, 0.5 and 1.5 s; the next at 3.5 s),
    // not one per worker each interval.
    expect(fetches.map((f) => f.batchSize)).toEqual([4, 4, 4]);
    for (let n = 1; n <= 6; n++) await boss.send('batch-test', { n });
    workers.wake();
    while (running.size < 4) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 700));
    // Four run at once and no more are taken while all four run.
    expect(most).toBe(4);
    expect(fetches).toHaveLength(4);
    release();
    // The two left over are taken once workers are free.
    while (done.length < 6) await new Promise((r) => setTimeout(r, 20));
    await workers.stop();
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await boss.fetch('batch-test', { batchSize: 10 })).toEqual([]);
  }), 30_000);

it('fetches a job it queued for later when it is due, however long its idle interval has grown', () =>
  withQueue('later-test', async ({ boss, workers, fetches }) => {
    const started: number[] = [];
    const begin = Date.now();
    workers.start(1, 0.5, async () => {
      started.push(Date.now());
    });
    // Idle 4.5 s: requests at 0, 0.5, 1.5 and 3.5 s, and the next not before 7.5 s.
    await new Promise((r) => setTimeout(r, 4_500));
    expect(fetches).toHaveLength(4);
    const due = new Date(Date.now() + 500);
    await boss.send('later-test', { n: 1 }, { startAfter: due });
    workers.wakeAt(due);
    while (started.length === 0 && Date.now() - begin < 10_000) await new Promise((r) => setTimeout(r, 20));
    // Started once due (a fetch a moment early finds nothing and tries again one interval later),
    // not at the idle poll of 7.5 s.
    expect(started).toHaveLength(1);
    expect(started[0]! - due.getTime()).toBeGreaterThanOrEqual(0);
    expect(started[0]! - begin).toBeLessThan(7_000);
    await workers.stop();
  }), 30_000);

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
