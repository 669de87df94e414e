import type PgBoss from 'pg-boss';

/** Thrown for a job fetched while this instance stops: pg-boss fails it, and it runs again (here after a restart, or on another instance). */
export class WorkersStopping extends Error {
  constructor(queue: string) {
    super(`the workers of ${queue} are stopping`);
  }
}

/**
 * This instance's workers of one queue. Stopping takes no more jobs and waits for the running ones,
 * whose handlers check `stopping` and end early (a job left unfinished runs again), so that nothing
 * they or pg-boss do after them (completing the job) outlives the database connection.
 */
export class QueueWorkers<T extends object> {
  private readonly ids: string[] = [];
  private readonly running = new Set<Promise<void>>();
  private halted = false;

  constructor(
    private readonly boss: PgBoss,
    private readonly queue: string,
  ) {}

  /** True once stop() was called: a running handler ends at its next step. */
  get stopping(): boolean {
    return this.halted;
  }

  /** Starts `count` workers that each take one job at a time and poll every `pollingIntervalSeconds` when idle. */
  async start(count: number, pollingIntervalSeconds: number, handle: (data: T) => Promise<void>): Promise<void> {
    for (let i = 0; i < count; i++) {
      const id = await this.boss.work<T>(this.queue, { pollingIntervalSeconds, batchSize: 1 }, async ([job]) => {
        if (job === undefined) return;
        if (this.halted) throw new WorkersStopping(this.queue);
        const run = handle(job.data);
        this.running.add(run);
        try {
          await run;
        } finally {
          this.running.delete(run);
        }
      });
      this.ids.push(id);
    }
  }

  /** A job due now was queued by this instance: its idle workers fetch it at once rather than on their next poll. */
  wake(): void {
    if (this.halted) return;
    for (const id of this.ids) this.boss.notifyWorker(id);
  }

  /** Takes no more jobs and resolves when the running handlers have ended. */
  async stop(): Promise<void> {
    this.halted = true;
    await this.boss.offWork(this.queue);
    await Promise.allSettled([...this.running]);
  }
}
