import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations, Logger, SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { resolve } from 'node:path';
import postgres from 'postgres';
import { lock } from 'proper-lockfile';
import { StartupError } from '../startup.js';
import type { Database as DatabaseConfig, Pool } from '../config.js';
import type { Viewer } from '../auth/viewer.js';
import * as schema from './schema/index.js';
import { onSettled, PoolUsage, StatementWatchers, watchPglite, watchPostgresQuery } from './statements.js';
import { type RowReader, TenantDatabases } from './tenancy.js';

export { columnText, type ReadOptions, type RowReader } from './tenancy.js';

/**
 * Brief statements (ReadOptions.brief) pipelined on one connection before another is taken. Under
 * load, reads by key then share writes and wake-ups of the backend instead of each taking a
 * connection of its own: on the benchmark's data, a nonconformance by id went from 3,540 to
 * 4,400 requests a second (means of four 8-second runs) at 10 connections. Four keep the wait of
 * the last one behind the others to a few tenths of a millisecond.
 */
const BRIEF_PIPELINE = 4;

export type Schema = typeof schema;
/** One type for both drivers: everything above src/db sees only this. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a query can run on: the database or an open transaction. */
export type Queryable = Db | Tx;

/**
 * Runs a raw statement and returns its rows: postgres.js answers with an array of rows, PGlite with
 * `{ rows }`.
 */
export async function executeRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Counts SQL statements; tests use it to prove that nested reads are batched. */
class StatementCounter implements Logger {
  count = 0;
  logQuery(): void {
    this.count += 1;
  }
}

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /**
   * The same connection for background work (the activity hub reading and enriching what it pushes to
   * subscribers), kept out of the statement count so that the count measures requests.
   */
  readonly background: Db;
  /**
   * The handle requests use: every statement runs under row-level security as the viewer
   * (src/db/tenancy.ts). `db` and `background` run as the connecting role, which owns the tables.
   */
  forViewer(viewer: Viewer | null, onStatement?: () => void): Db;
  /** One statement at a time as the viewer, like forViewer's, without a drizzle handle (the read compiler's). */
  readerFor(viewer: Viewer | null, onStatement?: () => void): RowReader;
  /** SQL statements issued through `db` and the viewers' handles since start. */
  statementCount(): number;
  /** Every statement run, as it runs (metrics, tracing). */
  readonly statements: StatementWatchers;
  /** Connections in use and statements or transactions waiting for one. */
  pool(): { size: number; inUse: number; waiting: number };
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The raw driver, for LISTEN/NOTIFY and migrations. */
  readonly driver: { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; client: postgres.Sql; url: string };
}

/**
 * Opens the configured database. An in-memory PGlite may start from a dump of another one's data
 * directory (`PGlite.dumpDataDir`): the test suites start each server from one migrated copy instead of
 * creating and migrating a cluster every time.
 */
export async function openDatabase(config: DatabaseConfig, options: { pgliteDataDir?: Blob } = {}): Promise<Database> {
  const counter = new StatementCounter();
  const statements = new StatementWatchers();
  if (config.kind === 'pglite') {
    // One process per data folder: a second would corrupt it.
    const release = config.dataDir === undefined ? async () => {} : await lockDataDir(config.dataDir);
    const client = config.dataDir === undefined ? new PGlite({ loadDataDir: options.pgliteDataDir }) : new PGlite(config.dataDir);
    try {
      await client.waitReady;
    } catch (error) {
      await release();
      throw error;
    }
    const watched = watchPglite(client, statements);
    const inFlight = { count: 0 };
    statements.add(() => {
      inFlight.count += 1;
      return () => {
        inFlight.count -= 1;
      };
    });
    const db = drizzlePglite(watched, { schema, logger: counter }) as unknown as Db;
    const tenants = new TenantDatabases({ kind: 'pglite', client, statements }, counter, undefined);
    return {
      kind: 'pglite',
      db,
      forViewer: (viewer, onStatement) => tenants.for(viewer, onStatement),
      readerFor: (viewer, onStatement) => tenants.reader(viewer, onStatement),
      background: drizzlePglite(watched, { schema }) as unknown as Db,
      driver: { kind: 'pglite', client },
      statementCount: () => counter.count,
      statements,
      // One connection; a statement waits for the one before it.
      pool: () => {
        const running = inFlight.count;
        return { size: 1, inUse: Math.min(1, running), waiting: Math.max(0, running - 1) };
      },
      ping: async () => {
        await client.query('select 1');
      },
      close: async () => {
        await client.close();
        await release();
      },
    };
  }
  const pool = config.pool ?? DEFAULT_POOL;
  const usage = new PoolUsage(pool.size);
  const client = preparedStatements(
    postgres(config.url, {
      max: pool.size,
      // An option of patches/postgres+3.4.9.patch, which postgres.js's own options type does not know.
      ...({ brief_pipeline: BRIEF_PIPELINE } as object),
      onnotice: () => {},
      connect_timeout: pool.connectTimeoutMs / 1000,
      // One request cannot keep a connection busy for ever (a runaway statement is cancelled).
      connection: { statement_timeout: pool.statementTimeoutMs },
    }),
    statements,
    { usage, acquireTimeoutMs: pool.acquireTimeoutMs },
  );
  const db = drizzlePostgres(client, { schema, logger: counter }) as unknown as Db;
  const tenants = new TenantDatabases({ kind: 'postgres', client, statements }, counter, pool.acquireTimeoutMs);
  return {
    kind: 'postgres',
    db,
    forViewer: (viewer, onStatement) => tenants.for(viewer, onStatement),
    readerFor: (viewer, onStatement) => tenants.reader(viewer, onStatement),
    background: drizzlePostgres(client, { schema }) as unknown as Db,
    driver: { kind: 'postgres', client, url: config.url },
    statementCount: () => counter.count,
    statements,
    pool: () => ({ size: pool.size, ...usage.snapshot() }),
    ping: async () => {
      await client`select 1`;
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * Holds `<dataDir>.lock` (proper-lockfile: a directory created atomically, its time refreshed every
 * second; a lock left by a process that died is taken over after five seconds).
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const path = resolve(dataDir);
  try {
    return await lock(path, {
      realpath: false,
      stale: 5_000,
      update: 1_000,
      retries: 0,
      onCompromised: (error) => {
        process.stderr.write(`The lock on DATA_DIR ${dataDir} was lost (${error.message}); stopping so that two processes never share it.\n`);
        process.exit(1);
      },
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') {
      throw new StartupError(`DATA_DIR ${dataDir} is in use by another server process (lock ${path}.lock): stop it, or set DATA_DIR to another folder.`);
    }
    throw error;
  }
}

export const DEFAULT_POOL: Pool = { size: 10, statementTimeoutMs: 10_000, acquireTimeoutMs: 10_000, connectTimeoutMs: 1_500 };

type UnsafeOptions = { prepare?: boolean; simple?: boolean };
/**
 * postgres.js's pending query: `handler` hands it to the pool when it is first awaited, and `state`
 * is set once a connection took it.
 */
type PendingQuery = { state?: unknown | null; handler: Dispatch; cancel(): unknown };
type Dispatch = ((query: PendingQuery) => void) & { debug?: unknown };

/** The pool's side of its own statements (not of a transaction's, which hold their connection): what it counts and how long one may wait. */
interface StatementPool {
  usage: PoolUsage;
  acquireTimeoutMs: number;
}

/**
 * A statement of the pool, watched from when it is handed to a connection (postgres.js does that when
 * it is first awaited) to its answer: the pool's usage counts it, and one that found no free
 * connection and still waits for one after `acquireTimeoutMs` is taken out of the queue and fails
 * (57014, which requests report as SERVICE_UNAVAILABLE): a request waits a bounded time for the
 * pool, and a pool held by slow work does not pile up callers behind it.
 *
 * The timer is set only for a statement that waits. A timer per statement, set and cleared around
 * every read by key, and a set holding every statement in the usage made the collector keep more of
 * what a request allocates alive past its young generation: without them, 400 KB are promoted a
 * scavenge on the benchmark's nonconformance by id instead of 444 (three alternating runs each).
 */
function pooled<Q extends object>(query: Q, { usage, acquireTimeoutMs }: StatementPool): Q {
  const pending = query as unknown as PendingQuery;
  const dispatch = pending.handler;
  let settled = false;
  /** Whether it had to wait for a connection; undefined until it is handed to the pool. */
  let waiting: boolean | undefined;
  let timer: NodeJS.Timeout | undefined;
  const dispatched: Dispatch = (q) => {
    dispatch(q);
    // Refused at once (the pool ending): settled already, nothing to count or time.
    if (settled) return;
    waiting = !q.state;
    usage.dispatched(q, waiting);
    if (waiting) {
      timer = setTimeout(() => {
        // `state` is null until a connection takes the query.
        if (!q.state) q.cancel();
      }, acquireTimeoutMs);
      timer.unref();
    }
  };
  // Read by postgres.js when it describes an error's origin.
  if (dispatch.debug !== undefined) dispatched.debug = dispatch.debug;
  pending.handler = dispatched;
  return onSettled(query, () => {
    settled = true;
    if (timer !== undefined) clearTimeout(timer);
    if (waiting !== undefined) usage.settled(pending, waiting);
  });
}
type Savepoint = (name: unknown, fn?: unknown) => Promise<unknown>;

/** The options of a statement with parameters: prepared. Options that already say so are passed as they are, not copied. */
function preparing(options: UnsafeOptions | undefined): UnsafeOptions {
  return options?.prepare === true ? options : { ...options, prepare: true };
}

/**
 * Makes every statement with parameters a named prepared statement on its connection. drizzle asks
 * postgres.js for unnamed statements unless a query is built with `.prepare(name)`, and an unnamed
 * statement with parameters costs two round trips (describe, then bind) and a fresh parse and plan
 * on every execution. Prepared, the second execution of the same text on a connection is one round
 * trip that reuses the parse. The statement texts are bounded: ids travel as one `uuid[]` parameter,
 * never spliced in. Statements without parameters keep the simple protocol (migrations run several
 * statements at once). Applies inside transactions and savepoints too.
 */
export function preparedStatements<S extends postgres.Sql>(sql: S, watchers = new StatementWatchers(), pool?: StatementPool): S {
  const unsafe = sql.unsafe.bind(sql);
  const patched = sql as S & { unsafe: (string: string, args?: unknown[], options?: UnsafeOptions) => unknown; savepoint?: Savepoint };
  (patched as { unsafe: unknown }).unsafe = (string: string, args?: unknown[], options?: UnsafeOptions) => {
    const query = args !== undefined && args.length > 0 ? unsafe(string, args as postgres.ParameterOrJSON<never>[], preparing(options)) : unsafe(string, args as postgres.ParameterOrJSON<never>[], options);
    return watchPostgresQuery(pool === undefined ? query : pooled(query, pool), string, watchers);
  };
  if (typeof (sql as { begin?: unknown }).begin === 'function') {
    const begin = sql.begin.bind(sql) as (options: string, fn: (tx: postgres.TransactionSql) => unknown) => Promise<unknown>;
    (patched as { begin: unknown }).begin = (options: unknown, fn?: unknown) => {
      const work = (typeof options === 'function' ? options : fn) as (tx: postgres.Sql) => unknown;
      const connection = pool?.usage.acquire();
      const run = begin(typeof options === 'function' ? '' : (options as string), (tx) => {
        connection?.taken();
        return work(preparedStatements(tx as unknown as postgres.Sql, watchers));
      });
      if (connection !== undefined) void run.then(connection.done, connection.done);
      return run;
    };
  }
  if (pool !== undefined && typeof (sql as { reserve?: unknown }).reserve === 'function') {
    const reserve = sql.reserve.bind(sql);
    (patched as { reserve: unknown }).reserve = async () => {
      const connection = pool.usage.acquire();
      try {
        const reserved = await reserve();
        connection.taken();
        const release = reserved.release.bind(reserved);
        reserved.release = () => {
          connection.done();
          release();
        };
        return reserved;
      } catch (error) {
        connection.done();
        throw error;
      }
    };
  }
  const savepoint = patched.savepoint;
  if (typeof savepoint === 'function') {
    patched.savepoint = (name: unknown, fn?: unknown) =>
      typeof name === 'function'
        ? savepoint((tx: postgres.Sql) => (name as (tx: postgres.Sql) => unknown)(preparedStatements(tx, watchers)))
        : savepoint(name, (tx: postgres.Sql) => (fn as (tx: postgres.Sql) => unknown)(preparedStatements(tx, watchers)));
  }
  return sql;
}
