import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq, inArray, lt } from 'drizzle-orm';
import type { GraphQLSchema } from 'graphql';
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Viewer } from '../../auth/viewer.js';
import type { ExportConfig } from '../../config.js';
import { executeRows, type Database } from '../../db/client.js';
import { isDatabaseUnavailable } from '../../db/errors.js';
import { takeActivityWriterLock } from '../../db/queries/activity.js';
import { type BulkExportRow, bulkExports } from '../../db/schema/index.js';
import { type ActivityEntry, recordActivity } from '../../domain/activity/record.js';
import { type BulkExportFormat, type BulkExportType, csvLine, fileExtensionOf, progressStep } from '../../domain/integration/bulk-export-rules.js';
import { startJobQueue } from '../../jobs/queue.js';
import { QueueWorkers, WorkersStopping } from '../../jobs/workers.js';
import { readEnv } from '../../read/operation.js';
import { coerceFilter, compileExport, csvHeader, csvRows } from './compile.js';
import { forEachBatch } from './cursor.js';

/** The job queue of exports: one job per export. */
export const EXPORT_QUEUE = 'bulk-export';
/** Exports one instance writes at once: each holds a database connection for its cursor. */
const WORKERS = 1;
/** How often an idle worker asks for an export another instance queued; this instance's wake it at once. */
const WORKER_POLL_SECONDS = 2;
/** A job held by an instance that died runs again after this. */
const JOB_EXPIRY_SECONDS = 30 * 60;
/** How often exports that were never queued (an instance died after the commit) are queued, and old ones deleted. */
const SWEEP_INTERVAL_MS = 10_000;
/** The row count is written at most this often between progress steps. */
const COUNT_INTERVAL_MS = 1_000;

/** Where an export's file is, and where it is written before it is complete. */
export function exportFile(directory: string, id: string, format: BulkExportFormat): { done: string; partial: string } {
  const done = join(directory, `${id}.${fileExtensionOf[format]}`);
  return { done, partial: `${done}.partial` };
}

/** Writes to a file with back-pressure, hashing and counting what it writes. */
class FileSink {
  private readonly stream: WriteStream;
  private readonly hash = createHash('sha256');
  bytes = 0;

  constructor(path: string) {
    this.stream = createWriteStream(path, { flags: 'w' });
  }

  async write(text: string): Promise<void> {
    const chunk = Buffer.from(text, 'utf8');
    this.hash.update(chunk);
    this.bytes += chunk.length;
    // Resolves on drain, rejects on a write error, and leaves no listener behind either way.
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<string> {
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return this.hash.digest('hex');
  }

  destroy(): void {
    this.stream.destroy();
  }
}

/**
 * Bulk exports at run time: pg-boss runs one job per export on whichever instance fetches it; the job
 * reads the list through a cursor as the user who asked (src/integration/exports/cursor.ts), writes
 * the file, and records its steps in the activity log (requested, started, every tenth, completed or
 * failed), which is what the subscription and webhooks follow.
 */
export class BulkExports {
  private boss: PgBoss | null = null;
  private timer: NodeJS.Timeout | null = null;
  private workers: QueueWorkers<{ exportId: string }> | null = null;

  constructor(
    private readonly database: Database,
    private readonly schema: GraphQLSchema,
    private readonly config: ExportConfig,
    private readonly timeZone: string,
    private readonly now: () => Date,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    await mkdir(this.config.directory, { recursive: true });
    const boss = await startJobQueue(this.database, { maintenanceIntervalSeconds: 60, onError: (error) => this.log.warn({ err: error }, 'job queue error') });
    this.boss = boss;
    const queue = { name: EXPORT_QUEUE, policy: 'standard' as const, retryLimit: 2, retryDelay: 5, expireInSeconds: JOB_EXPIRY_SECONDS };
    await boss.createQueue(EXPORT_QUEUE, queue);
    await boss.updateQueue(EXPORT_QUEUE, queue);
    this.workers = new QueueWorkers(boss, EXPORT_QUEUE, (error) => this.log.warn({ err: error }, 'bulk export queue failed; retrying'));
    this.workers.start(WORKERS, WORKER_POLL_SECONDS, ({ exportId }) => this.run(exportId));
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  /** Queues an export just asked for (after its transaction committed). */
  async enqueue(exportId: string): Promise<void> {
    await this.boss?.send(EXPORT_QUEUE, { exportId }, { singletonKey: exportId });
    // This instance's workers start it at once; another instance's find it on their next poll.
    this.workers?.wake();
  }

  /** Queues exports left QUEUED without a job, and deletes expired ones with their files. */
  async sweep(): Promise<void> {
    try {
      const db = this.database.background;
      const now = this.now();
      const waiting = await db
        .select({ id: bulkExports.id })
        .from(bulkExports)
        .where(and(eq(bulkExports.status, 'QUEUED'), lt(bulkExports.createdAt, new Date(now.getTime() - SWEEP_INTERVAL_MS))));
      for (const { id } of waiting) await this.enqueue(id);
      const expired = await db
        .delete(bulkExports)
        .where(and(inArray(bulkExports.status, ['COMPLETED', 'FAILED']), lt(bulkExports.expiresAt, now)))
        .returning({ id: bulkExports.id, format: bulkExports.format });
      for (const row of expired) {
        const file = exportFile(this.config.directory, row.id, row.format as BulkExportFormat);
        await rm(file.done, { force: true });
      }
    } catch (error) {
      if (isDatabaseUnavailable(error)) this.log.warn({ reason: (error as Error).message }, 'bulk export sweep failed; retrying');
      else this.log.error({ err: error }, 'bulk export sweep failed; retrying');
    }
  }

  /** Writes the step's change to the export and its activity entry, in one transaction. */
  private async step(row: BulkExportRow, viewer: Viewer, changes: Partial<BulkExportRow>, entry: Pick<ActivityEntry, 'kind' | 'summary'> | null): Promise<void> {
    const now = this.now();
    await this.database.background.transaction(async (tx) => {
      await tx.execute(takeActivityWriterLock);
      await tx
        .update(bulkExports)
        .set({ ...changes, updatedAt: now })
        .where(eq(bulkExports.id, row.id));
      if (entry !== null) {
        await recordActivity(tx, viewer, now, { ...entry, subjectType: 'BulkExport', subjectId: row.id, supplierId: row.supplierId, customerId: row.customerId });
      }
    });
  }

  /** Runs one export to its end; a failure is recorded on the export, not thrown (the job is done either way). */
  async run(exportId: string): Promise<void> {
    const [row] = await this.database.background.select().from(bulkExports).where(eq(bulkExports.id, exportId));
    if (row === undefined || row.status === 'COMPLETED' || row.status === 'FAILED') return;
    const viewer = row.requestedBy as Viewer;
    const type = row.type as BulkExportType;
    const format = row.format as BulkExportFormat;
    const file = exportFile(this.config.directory, row.id, format);
    const what = `${type.toLowerCase()} as ${format}`;
    let sink: FileSink | null = null;
    try {
      const now = this.now();
      const env = readEnv({ viewer, now, timeZone: this.timeZone });
      const db = this.database.forViewer(viewer);
      const filter = coerceFilter(this.schema, type, row.filter);
      const compiled = await compileExport(this.schema, type, filter, env, this.database.readerFor(viewer));
      const [counted] = await executeRows<{ n: number }>(db, compiled.count);
      const expected = Number(counted?.n ?? 0);
      await this.step(row, viewer, { status: 'RUNNING', startedAt: now, rowCount: 0, byteCount: 0, expectedRowCount: expected }, { kind: 'BULK_EXPORT_STARTED', summary: `Export of ${what} started: ${expected} records.` });
      sink = new FileSink(file.partial);
      if (format === 'CSV') await sink.write(csvLine(csvHeader(compiled)));
      let rows = 0;
      let step = progressStep(0, expected);
      let countedAt = Date.now();
      await forEachBatch(this.database, viewer, compiled.rows, async (batch) => {
        // An instance that stops leaves the export to run again from the start (here or elsewhere).
        if (this.workers?.stopping) throw new WorkersStopping(EXPORT_QUEUE);
        let text = '';
        for (const { record } of batch) {
          const json = record as string;
          if (format === 'JSONL') {
            text += compiled.post === undefined ? `${json}\n` : `${JSON.stringify(compiled.post(JSON.parse(json)))}\n`;
          } else {
            const value = compiled.post === undefined ? JSON.parse(json) : compiled.post(JSON.parse(json));
            for (const values of csvRows(compiled, value)) text += csvLine(values);
          }
        }
        await sink!.write(text);
        rows += batch.length;
        const reached = progressStep(rows, expected);
        if (reached !== null && step !== null && reached > step) {
          step = reached;
          countedAt = Date.now();
          await this.step(row, viewer, { rowCount: rows, byteCount: sink!.bytes }, { kind: 'BULK_EXPORT_PROGRESS', summary: `Export of ${what}: ${reached}% (${rows} of ${expected} records).` });
        } else if (Date.now() - countedAt >= COUNT_INTERVAL_MS) {
          countedAt = Date.now();
          await this.step(row, viewer, { rowCount: rows, byteCount: sink!.bytes }, null);
        }
      });
      const bytes = sink.bytes;
      const sha256 = await sink.close();
      sink = null;
      await rename(file.partial, file.done);
      const finished = this.now();
      await this.step(
        row,
        viewer,
        { status: 'COMPLETED', rowCount: rows, byteCount: bytes, sha256, finishedAt: finished, expiresAt: new Date(finished.getTime() + this.config.retentionMs) },
        { kind: 'BULK_EXPORT_COMPLETED', summary: `Export of ${what} completed: ${rows} records.` },
      );
      this.log.info({ exportId, type, format, rows, ms: finished.getTime() - now.getTime() }, 'bulk export completed');
    } catch (error) {
      sink?.destroy();
      await rm(file.partial, { force: true });
      if (isDatabaseUnavailable(error) || error instanceof WorkersStopping) {
        // Not the export's fault: the job fails and pg-boss runs it again from the start.
        this.log.warn({ exportId, reason: (error as Error).message }, 'bulk export interrupted; it will run again');
        throw error;
      }
      this.log.error({ err: error, exportId }, 'bulk export failed');
      const finished = this.now();
      await this.step(row, viewer, { status: 'FAILED', error: 'The export could not be written; ask for it again.', finishedAt: finished, expiresAt: new Date(finished.getTime() + this.config.retentionMs) }, {
        kind: 'BULK_EXPORT_FAILED',
        summary: `Export of ${what} failed.`,
      });
    }
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.workers?.stop();
    await this.boss?.stop({ graceful: true, wait: true, timeout: 5_000 });
    this.boss = null;
  }
}
