import type PgBoss from 'pg-boss';

/** Why a job fetched while this instance stops was failed: it runs again (here after a restart, or on another instance). */
export class WorkersStopping extends Error {
  constructor(queue: string) {
    super(`the workers of ${queue} are stopping`);
  }
}

/**
 * This instance's workers of one queue: each fetches one job at a time, runs it, and completes or
 * fails it. pg-boss's own `work()` completes a job without awaiting it, so a job that ended while the
 * instance stopped was completed after the database connection closed (an unhandled rejection, and
 * a job left active until it expired); here every step of a job is awaited, and stopping resolves
 * only when every worker has ended. A running handler reads `stopping` and ends early (the job, or
 * what it left, runs again).
 */
export class QueueWorkers<T extends object> {
  private readonly loops: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();
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

  /** Starts `count` workers that each run one job at a time and, when idle, look for one every `pollingIntervalSeconds`. */
  start(count: number, pollingIntervalSeconds: number, handle: (data: T) => Promise<void>): void {
    for (let i = 0; i < count; i++) this.loops.push(this.work(pollingIntervalSeconds * 1000, handle));
  }

  private async work(intervalMs: number, handle: (data: T) => Promise<void>): Promise<void> {
    while (!this.halted) {
      let job: PgBoss.Job<T> | undefined;
      try {
        [job] = await this.boss.fetch<T>(this.queue, { batchSize: 1 });
      } catch (error) {
        this.onError(error);
      }
      if (job === undefined) {
        await this.sleep(intervalMs);
        continue;
      }
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
        else await this.boss.fail(this.queue, job.id, failure instanceof Error ? { message: failure.message } : { value: String(failure) });
      } catch (error) {
        // The job stays active and expires: pg-boss's maintenance fails it, and it runs again.
        this.onError(error);
      }
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

  /** A job due now was queued by this instance: its idle workers fetch it at once rather than on their next poll. */
  wake(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  /** Takes no more jobs and resolves when every worker has ended, its last job completed or failed. */
  async stop(): Promise<void> {
    this.halted = true;
    this.wake();
    await Promise.all(this.loops);
  }
}
