import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { WebhookConfig } from '../../config.js';
import type { Database } from '../../db/client.js';
import { isDatabaseUnavailable } from '../../db/errors.js';
import { startJobQueue } from '../../jobs/queue.js';
import { QueueWorkers } from '../../jobs/workers.js';
import { deliverPending, type PayloadOf, type WebhookAttempt } from './delivery.js';
import { type Dispatched, dispatchActivity, type EndpointFilter, pendingPairs } from './dispatcher.js';

/** The job queue of deliveries: one job per (endpoint, subject), at most one queued and one running. */
export const DELIVERY_QUEUE = 'webhook-delivery';
/**
 * How often new activity is turned into deliveries without being told: the dispatcher runs when the
 * database announces new activity (ActivityHub.onActivity); this catches what an outage hid.
 */
const DISPATCH_INTERVAL_MS = 2_000;
/** How often an idle delivery worker asks for a job another instance queued, or a retry that came due; this instance's new jobs wake it. */
const WORKER_POLL_SECONDS = 1;
/** How often pending deliveries without a job (lost with an instance, or of an endpoint turned back on) are queued again. */
const SWEEP_INTERVAL_MS = 5_000;
/** Deliveries sent at once by one instance. */
const WORKERS = 4;

/**
 * Webhooks at run time: the dispatcher turns the activity log into deliveries, pg-boss runs one
 * delivery job per (endpoint, subject) on whichever instance fetches it, never two at once for the
 * same pair (the stately policy), and a job lost with its instance expires and runs again.
 */
export class Webhooks {
  private boss: PgBoss | null = null;
  private workers: QueueWorkers<Dispatched> | null = null;
  private timers: NodeJS.Timeout[] = [];
  private dispatching: Promise<void> | null = null;

  constructor(
    private readonly database: Database,
    private readonly config: WebhookConfig,
    private readonly log: Logger,
    private readonly onAttempt: (attempt: WebhookAttempt) => void = () => {},
    private readonly documents: { filterOf: EndpointFilter; payloadOf: PayloadOf } | null = null,
  ) {}

  async start(): Promise<void> {
    // A job may run for three attempts' time-outs and some bookkeeping; one held by an instance that
    // died is failed by the next maintenance after that, and runs again on another instance.
    const expireInSeconds = Math.ceil((this.config.timeoutMs * 3) / 1000) + 5;
    const boss = await startJobQueue(this.database, { maintenanceIntervalSeconds: Math.max(1, Math.ceil(expireInSeconds / 2)), onError: (error) => this.log.warn({ err: error }, 'job queue error') });
    this.boss = boss;
    const queue = { name: DELIVERY_QUEUE, policy: 'stately' as const, retryLimit: 5, retryDelay: 1, retryBackoff: true, expireInSeconds };
    await boss.createQueue(DELIVERY_QUEUE, queue);
    await boss.updateQueue(DELIVERY_QUEUE, queue);
    const workers = new QueueWorkers<Dispatched>(boss, DELIVERY_QUEUE, (error) => this.report(error, 'webhook delivery queue failed; retrying'));
    this.workers = workers;
    workers.start(WORKERS, WORKER_POLL_SECONDS, async (pair) => {
      // Half the expiry for sending, the rest for one attempt in flight and the bookkeeping; an
      // instance that stops hands the rest to a new job at once.
      const deadline = Date.now() + (expireInSeconds * 1000) / 2 - this.config.timeoutMs;
      const retryAt = await deliverPending(this.database.background, this.config, pair.endpointId, pair.subjectId, () => workers.stopping || Date.now() > deadline, this.onAttempt, this.documents?.payloadOf);
      // A failure is not the job's: the delivery keeps its back-off, and a job waits for it.
      if (retryAt !== null) await this.enqueue(pair, retryAt);
    });
    const every = (ms: number, work: () => Promise<void>) => {
      const timer = setInterval(() => void work(), ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(DISPATCH_INTERVAL_MS, () => this.dispatch());
    every(SWEEP_INTERVAL_MS, () => this.sweep());
    void this.sweep();
  }

  /** Turns new activity into deliveries now (also on a timer); resolves when the pass is done. */
  dispatch(): Promise<void> {
    this.dispatching ??= (async () => {
      try {
        for (;;) {
          const pairs = await dispatchActivity(this.database.background, this.documents?.filterOf);
          if (pairs.length === 0) return;
          await Promise.all(pairs.map((pair) => this.enqueue(pair)));
        }
      } catch (error) {
        this.report(error, 'webhook dispatch failed; retrying');
      } finally {
        this.dispatching = null;
      }
    })();
    return this.dispatching;
  }

  /** Queues the delivery job of every pair with pending deliveries (after a crash, or an endpoint turned back on). */
  async sweep(): Promise<void> {
    try {
      for (const pair of await pendingPairs(this.database.background)) await this.enqueue(pair);
    } catch (error) {
      this.report(error, 'webhook sweep failed; retrying');
    }
  }

  private async enqueue(pair: Dispatched, startAfter?: Date): Promise<void> {
    await this.boss?.send(DELIVERY_QUEUE, pair, { singletonKey: `${pair.endpointId}:${pair.subjectId}`, ...(startAfter ? { startAfter } : {}) });
    if (startAfter === undefined) this.workers?.wake();
    else this.workers?.wakeAt(startAfter);
  }

  private report(error: unknown, message: string) {
    if (isDatabaseUnavailable(error)) this.log.warn({ reason: (error as Error).message }, message);
    else this.log.error({ err: error }, message);
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.dispatching;
    await this.workers?.stop();
    await this.boss?.stop({ graceful: true, wait: true, timeout: 5_000 });
    this.boss = null;
  }
}
