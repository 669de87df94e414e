import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from './client.js';
import { within } from './deadline.js';
import { isConnectionLost } from './errors.js';
import * as schema from './schema/index.js';
import { type StatementWatchers, watchPgliteQueries, watchPostgresQuery } from './statements.js';

/**
 * The second tenancy wall: PostgreSQL row-level security (migration 0010). Every statement a request
 * issues runs in a transaction that first becomes the role `scm_application` (no table of its own,
 * no BYPASSRLS) and names the viewer in two settings the policies read: `scm.viewer_kind` (staff,
 * supplier or customer) and `scm.viewer_org`. A use case's transaction sets them once, at its start;
 * a read outside one is its own transaction. Background work (the activity hub, budgets, migrations,
 * demo data) runs as the connecting role, which owns the tables, and filters in the application.
 */
export const APPLICATION_ROLE = 'scm_application';

export type ViewerKind = 'staff' | 'supplier' | 'customer' | 'none';

export interface TenancySettings {
  kind: ViewerKind;
  /** The partner organisation's id, '' for staff and nobody. */
  organization: string;
}

export function tenancySettings(viewer: Viewer | null): TenancySettings {
  if (viewer === null) return { kind: 'none', organization: '' };
  if (viewer.organization === null) return { kind: 'staff', organization: '' };
  return { kind: viewer.organization.type === 'Supplier' ? 'supplier' : 'customer', organization: viewer.organization.id };
}

/**
 * Also turns JIT compilation off for the transaction: the policies' subqueries raise plans' estimated
 * cost past jit_above_cost even where they never run (staff short-circuit them), and compiling then
 * costs more than the statement (a count over 1,000,000 order lines: 443 ms with JIT, 187 ms without).
 */
const SETTINGS_SQL = `select set_config('role', '${APPLICATION_ROLE}', true), set_config('scm.viewer_kind', $1, true), set_config('scm.viewer_org', $2, true), set_config('jit', 'off', true)`;

/** Raised when a transaction waited longer than the pool acquisition timeout: reported as 503. */
export class PoolWaitTimeout extends Error {
  readonly code = '57014';
  constructor(ms: number) {
    super(`no database connection became free within ${ms} ms`);
  }
}

type Unsafe = (query: string, args?: unknown[], options?: unknown) => postgres.PendingQuery<postgres.Row[]>;

/** A connection of the pool for a few statements, waiting at most `ms` for one to be free. */
function reserveWithin(base: postgres.Sql, ms: number | undefined): Promise<postgres.ReservedSql> {
  const reserving = base.reserve();
  // One that comes after the caller gave up is given back at once.
  return ms === undefined ? reserving : within(reserving, ms, () => new PoolWaitTimeout(ms), (late) => late.release());
}
type Begin = (fn: (tx: postgres.TransactionSql) => unknown) => Promise<unknown>;

/**
 * A postgres.js client for drizzle whose every statement, and every transaction, runs under the
 * viewer's settings. Only what drizzle's session calls (`unsafe`, `begin`) is provided; `options` is
 * the shared client's, so drizzle's parsers apply once.
 */
function scopedPostgres(base: postgres.Sql, settings: TenancySettings, acquireTimeoutMs: number | undefined, watchers: StatementWatchers): postgres.Sql {
  /** A transaction that waits at most acquireTimeoutMs for its connection; one that starts later gives up. */
  const begin = <T>(work: (tx: postgres.TransactionSql) => Promise<T> | T): Promise<T> => {
    let abandoned = false;
    let markStarted!: () => void;
    const started = new Promise<void>((resolve) => {
      markStarted = resolve;
    });
    const transaction = (base.begin as unknown as Begin)(async (tx) => {
      markStarted();
      if (abandoned) throw new PoolWaitTimeout(acquireTimeoutMs ?? 0);
      return work(tx);
    }) as Promise<T>;
    if (acquireTimeoutMs === undefined) return transaction;
    // A failure before a connection was taken (the database unreachable) comes through as it is.
    const acquired = Promise.race([started, transaction.then(() => undefined)]);
    const timedOut = () => {
      abandoned = true;
      return new PoolWaitTimeout(acquireTimeoutMs);
    };
    return within(acquired, acquireTimeoutMs, timedOut).then(() => transaction);
  };
  const params = [settings.kind, settings.organization];
  const settingsOf = (tx: postgres.TransactionSql) => (tx.unsafe as unknown as Unsafe)(SETTINGS_SQL, params);
  /**
   * One statement outside a use case: begin, the settings, the statement and commit travel together
   * on one reserved connection, one round trip (postgres.js's begin() would wait for each). A failed
   * statement aborts the transaction and the commit then rolls it back.
   */
  const single = async (query: string, args: unknown[] | undefined, options: unknown, arrays: boolean): Promise<unknown> => {
    const reserved = await reserveWithin(base, acquireTimeoutMs);
    let lost = false;
    try {
      const unsafe = reserved.unsafe as unknown as Unsafe;
      // postgres.js sends a query when it is first awaited: in this order.
      const begin = unsafe('begin');
      const named = unsafe(SETTINGS_SQL, params, { prepare: true });
      // Watched alone: begin, settings and commit travel in the same round trip.
      const statement = watchPostgresQuery(unsafe(query, args, { ...(options as object), prepare: args !== undefined && args.length > 0 }), query, watchers);
      if (arrays) statement.values();
      const sent = [begin, named, statement, unsafe('commit')];
      const settled = await Promise.allSettled(sent);
      const failure = settled.find((r) => r.status === 'rejected');
      if (failure !== undefined) {
        lost = isConnectionLost((failure as PromiseRejectedResult).reason);
        throw (failure as PromiseRejectedResult).reason;
      }
      return (settled[2] as PromiseFulfilledResult<unknown>).value;
    } finally {
      if (!lost) reserved.release();
    }
  };
  const unsafe = (query: string, args?: unknown[], options?: unknown) => {
    // drizzle asks for array rows by calling .values() before awaiting; both forms are supported.
    let arrays = false;
    let running: Promise<unknown> | undefined;
    const run = () => {
      running ??= single(query, args, options, arrays);
      return running;
    };
    return {
      values() {
        arrays = true;
        return run();
      },
      // biome-ignore lint/suspicious/noThenProperty: drizzle awaits what unsafe returns, as with postgres.js's own query
      then(resolve: (value: unknown) => unknown, reject: (error: unknown) => unknown) {
        return run().then(resolve, reject);
      },
    };
  };
  const scoped = {
    options: base.options,
    unsafe,
    begin: (optionsOrWork: unknown, maybeWork?: unknown) => {
      const work = (typeof optionsOrWork === 'function' ? optionsOrWork : maybeWork) as (tx: postgres.TransactionSql) => unknown;
      return begin(async (tx) => {
        await settingsOf(tx);
        return work(tx);
      });
    },
  };
  return scoped as unknown as postgres.Sql;
}

/** The same for PGlite: its transactions are exclusive, so a statement's settings cannot leak to another's. */
function scopedPglite(base: PGlite, settings: TenancySettings, watchers: StatementWatchers): PGlite {
  const params = [settings.kind, settings.organization];
  const scoped = {
    query: (query: string, args?: unknown[], options?: unknown) =>
      base.transaction(async (tx) => {
        await tx.query(SETTINGS_SQL, params);
        return watchPgliteQueries(tx, watchers).query(query, args, options as never);
      }),
    transaction: <T>(work: (tx: PGliteTransaction) => Promise<T>) =>
      base.transaction(async (tx) => {
        await tx.query(SETTINGS_SQL, params);
        return work(watchPgliteQueries(tx, watchers));
      }),
  };
  return scoped as unknown as PGlite;
}

type Logger = { logQuery(query: string, params: unknown[]): void };

/**
 * Database handles per viewer kind and organisation, built once each (drizzle's relational
 * configuration is not free) and kept for the most recent organisations.
 */
export class TenantDatabases {
  private readonly handles = new Map<string, Db>();

  constructor(
    private readonly driver: { kind: 'pglite'; client: PGlite; statements: StatementWatchers } | { kind: 'postgres'; client: postgres.Sql; statements: StatementWatchers },
    private readonly logger: Logger,
    private readonly acquireTimeoutMs: number | undefined,
    private readonly capacity = 1_000,
  ) {}

  for(viewer: Viewer | null): Db {
    const settings = tenancySettings(viewer);
    const key = `${settings.kind}:${settings.organization}`;
    const known = this.handles.get(key);
    if (known !== undefined) {
      // Most recently used last, so that the oldest is the one dropped.
      this.handles.delete(key);
      this.handles.set(key, known);
      return known;
    }
    const db =
      this.driver.kind === 'pglite'
        ? (drizzlePglite({ client: scopedPglite(this.driver.client, settings, this.driver.statements), schema, logger: this.logger }) as unknown as Db)
        : (drizzlePostgres({ client: scopedPostgres(this.driver.client, settings, this.acquireTimeoutMs, this.driver.statements), schema, logger: this.logger }) as unknown as Db);
    this.handles.set(key, db);
    if (this.handles.size > this.capacity) this.handles.delete(this.handles.keys().next().value!);
    return db;
  }
}
