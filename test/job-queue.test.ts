import { afterAll, beforeAll, expect, it } from 'vitest';
import { startJobQueue } from '../src/jobs/queue.js';
import { startServer, type TestServer } from './support/server.js';

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
