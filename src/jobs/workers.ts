import type PgBoss from 'pg-boss';

/** Why a job fetched while this instance stops was failed: it runs again (here after a restart, or on another instance). */
export class WorkersStopping extends Error {
  constructor(queue: string) {
    super(`the workers of ${queue} are stopping`);
  }
}

/** An idle queue is asked at most this many polling intervals apart (1, 2, 4 ... 8 intervals). */
export const IDLE_BACKOFF = 8;

/**
 * How long an idle loop sleeps after an empty fetch: one interval after a wake, a job or a failure
 * (`eager`), else twice its last sleep, up to `IDLE_BACKOFF` intervals.
 */
export function idleSleepMs(lastMs: number, intervalMs: number, eager: boolean): number {
  return eager ? intervalMs : Math.min(lastMs * 2, intervalMs * IDLE_BACKOFF);
}

/**
 * This instance's workers of one queue: up to `count` jobs run at once, each completed or failed once
 * it ends. One loop fetches for all of them, as many jobs as there are free workers, so an idle
 * instance asks the database once per interval per queue, not once per worker.
 *
 * While the queue stays empty the interval doubles, up to `IDLE_BACKOFF` intervals. A job this
 * instance queues wakes its workers at once (`wake`), or when it is due (`wakeAt`), so polling only
 * finds what another instance queued or what pg-boss queued again (a retry, a job of an instance
 * that died), and an idle fleet does not ask the database every second for nothing. A job found, a
 * wake or a failure brings the interval back to one.
 *
 * pg-boss's own `work()` completes a job without awaiting it, so a job that ended while the instance
 * stopped was completed after the database connection closed (an unhandled rejection, and a job left
 * active until it expired); here every step of a job is awaited, and stopping resolves only when
 * every job has ended. A running handler reads `stopping` and ends early (the job, or what it left,
 * runs again).
 */
export class QueueWorkers<T extends object> {
  private loop: Promise<void> = Promise.resolve();
  private readonly running = new Set<Promise<void>>();
  private readonly sleepers = new Set<() => void>();
  private readonly alarms = new Set<NodeJS.Timeout>();
  /** Set by a wake, a job found or a failure: the next sleep is one interval, not a longer one. */
  private eager = true;
  private halted = false;

  constructor(
    private readonly boss: PgBoss,
    private readonly queue: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** True once stop() was called: a running handler ends at its next step. */
  get stopping(): boolean {
    return this.halted;
  }

  /** Runs up to `count` jobs at once; while none is waiting, looks for one every `pollingIntervalSeconds`. */
  start(count: number, pollingIntervalSeconds: number, handle: (data: T) => Promise<void>): void {
    this.loop = this.fetchLoop(count, pollingIntervalSeconds * 1000, handle);
  }

  private async fetchLoop(count: number, intervalMs: number, handle: (data: T) => Promise<void>): Promise<void> {
    let idleMs = intervalMs;
    while (!this.halted) {
      const free = count - this.running.size;
      if (free === 0) {
        // Every worker is busy: the next fetch waits for one to end.
        await Promise.race(this.running);
        continue;
      }
      let jobs: PgBoss.Job<T>[] = [];
      try {
        jobs = await this.boss.fetch<T>(this.queue, { batchSize: free });
      } catch (error) {
        this.onError(error);
      }
      if (jobs.length === 0) {
        idleMs = idleSleepMs(idleMs, intervalMs, this.eager);
        this.eager = false;
        await this.sleep(idleMs);
        continue;
      }
      this.eager = true;
      for (const job of jobs) {
        const run = this.run(job, handle).finally(() => this.running.delete(run));
        this.running.add(run);
      }
    }
    await Promise.all(this.running);
  }

  private async run(job: PgBoss.Job<T>, handle: (data: T) => Promise<void>): Promise<void> {
    let failure: unknown = this.halted ? new WorkersStopping(this.queue) : undefined;
    if (failure === undefined) {
      try {
        await handle(job.data);
      } catch (error) {
        failure = error;
      }
    }
    try {
      if (failure === undefined) await this.boss.complete(this.queue, job.id);
      else {
        await this.boss.fail(this.queue, job.id, failure instanceof Error ? { message: failure.message } : { value: String(failure) });
        // pg-boss queues it again after its retry delay: poll for it at the base interval.
        this.eager = true;
      }
    } catch (error) {
      // The job stays active and expires: pg-boss's maintenance fails it, and it runs again.
      this.onError(error);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  /** A job due now was queued by this instance: an idle instance fetches it at once rather than at its next poll. */
  wake(): void {
    this.eager = true;
    for (const wake of [...this.sleepers]) wake();
  }

  /** A job this instance queued is due at `at`: fetch it then, however long the idle interval has grown. */
  wakeAt(at: Date): void {
    if (this.halted) return;
    const alarm = setTimeout(
      () => {
        this.alarms.delete(alarm);
        this.wake();
      },
      Math.max(0, at.getTime() - Date.now()),
    );
    alarm.unref();
    this.alarms.add(alarm);
  }

  /** Takes no more jobs and resolves when every job it took has ended, completed or failed. */
  async stop(): Promise<void> {
    this.halted = true;
    for (const alarm of this.alarms) clearTimeout(alarm);
    this.alarms.clear();
    this.wake();
    await this.loop;
  }
}
