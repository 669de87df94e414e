import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import { createTableRelationsHelpers, extractTablesRelationalConfig } from 'drizzle-orm';
import { PgDatabase, PgDialect } from 'drizzle-orm/pg-core';
import { PgliteSession } from 'drizzle-orm/pglite/session';
import { PostgresJsSession } from 'drizzle-orm/postgres-js/session';
import type postgres from 'postgres';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from './client.js';
import { within } from './deadline.js';
import * as schema from './schema/index.js';
import { type StatementWatchers, watchPgliteQueries } from './statements.js';

/**
 * The second tenancy wall: PostgreSQL row-level security (migration 0010). Every statement a request
 * issues runs in a transaction that first becomes the role `scm_application` (no table of its own,
 * no BYPASSRLS) and names the viewer in two settings the policies read: `scm.viewer_kind` (staff,
 * supplier or customer) and `scm.viewer_org`. A use case's transaction sets them once, at its start;
 * a read outside one is its own transaction. Background work (the activity hub, budgets, migrations,
 * demo data) runs as the connecting role, which owns the tables, and filters in the application.
 */
export const APPLICATION_ROLE = 'scm_application';

/**
 * Staff, whom every policy lets read and write everything, become `scm_staff` instead: the same
 * privileges, without row-level security's cost in their statements (migration 0023).
 */
export const STAFF_ROLE = 'scm_staff';

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
 * Becomes the viewer's role (staff: STAFF_ROLE, anyone else: APPLICATION_ROLE) and names the viewer.
 * Also turns JIT compilation off for the transaction: the policies' subqueries raise plans' estimated
 * cost past jit_above_cost even where they never run, and compiling then costs more than the
 * statement, with or without policies (a count over 1,000,000 order lines: 443 ms with JIT, 187 ms
 * without).
 */
export const SETTINGS_SQL = `select set_config('role', case when $1 = 'staff' then '${STAFF_ROLE}' else '${APPLICATION_ROLE}' end, true), set_config('scm.viewer_kind', $1, true), set_config('scm.viewer_org', $2, true), set_config('jit', 'off', true)`;

/**
 * The settings statement, and after the viewer's settings what a statement asks to be set before
 * its own snapshot (select-list items: the activity horizon, src/db/queries/activity.ts). Texts are
 * few and fixed, each prepared once per connection.
 */
const settingsWith = new Map<string, string>();
function withSettings(also: string | undefined): string {
  if (also === undefined) return SETTINGS_SQL;
  let text = settingsWith.get(also);
  if (text === undefined) {
    text = `${SETTINGS_SQL}, ${also}`;
    settingsWith.set(also, text);
  }
  return text;
}

/** Raised when a transaction waited longer than the pool acquisition timeout: reported as 503. */
export class PoolWaitTimeout extends Error {
  readonly code = '57014';
  constructor(ms: number) {
    super(`no database connection became free within ${ms} ms`);
  }
}

/**
 * A statement run just before a query and in the same implicit transaction (no Sync between them):
 * if it fails, PostgreSQL skips the query; what it sets with `set_config(..., true)` holds for the
 * query and ends with it. postgres.js option `prelude`, added by patches/postgres+3.4.9.patch, which
 * prepares it once per connection and refuses it on a query that is not a prepared statement. It
 * also keeps each prelude object's Bind per connection, so a prelude is never changed once made.
 */
export interface Prelude {
  readonly text: string;
  readonly parameters: readonly string[];
}

/** The preludes for one viewer's settings: the settings alone, or with what a statement also sets (withSettings). */
class Preludes {
  private readonly parameters: readonly string[];
  private readonly settingsOnly: Prelude;
  private readonly withAlso = new Map<string, Prelude>();

  constructor(settings: TenancySettings) {
    this.parameters = [settings.kind, settings.organization];
    this.settingsOnly = { text: SETTINGS_SQL, parameters: this.parameters };
  }

  with(also: string | undefined): Prelude {
    if (also === undefined) return this.settingsOnly;
    let prelude = this.withAlso.get(also);
    if (prelude === undefined) {
      prelude = { text: withSettings(also), parameters: this.parameters };
      this.withAlso.set(also, prelude);
    }
    return prelude;
  }
}

/**
 * How one statement outside a use case is sent: prepared, with the viewer's settings (and what the
 * statement also asks to be set) as its prelude (see scopedPostgres's `single`).
 */
function preludedOptions(preludes: Preludes, options: { also?: string; brief?: boolean } | undefined): object {
  // The options written out: a rest and a spread of them, for every statement, cost 2% of a read by key.
  return { brief: options?.brief === true, prepare: true, simple: false, prelude: preludes.with(options?.also) };
}

/** Viewers' preludes kept at most (TenantDatabases.preludesOf). */
const MAX_PRELUDES = 10_000;

type Unsafe = (query: string, args?: unknown[], options?: unknown) => postgres.PendingQuery<postgres.Row[]>;
/** Rows as objects, as arrays of values (drizzle's .values()), or as arrays of the columns' bytes (.raw()). */
type RowShape = 'objects' | 'arrays' | 'raw';

type Begin = (fn: (tx: postgres.TransactionSql) => unknown) => Promise<unknown>;

/**
 * A postgres.js client for drizzle whose every statement, and every transaction, runs under the
 * viewer's settings. Only what drizzle's session calls (`unsafe`, `begin`) is provided; `options` is
 * the shared client's, so drizzle's parsers apply once.
 */
function scopedPostgres(base: postgres.Sql, settings: TenancySettings, acquireTimeoutMs: number | undefined, onStatement: () => void): postgres.Sql {
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
  /** The viewer's settings as the prelude of a statement outside a use case, with what else the statement asks it to set. */
  const preludes = new Preludes(settings);
  /**
   * One statement outside a use case: the settings go as its prelude, so that both run in one
   * implicit transaction, one command and one round trip (a transaction of its own would take four:
   * BEGIN, the settings, the statement, COMMIT). Prepared, whatever the caller asked: a prelude
   * travels with the extended protocol only, and the patched driver refuses a query that would send
   * it without (never run as the connecting role, which row-level security does not restrict). A
   * compiled read's statement, several kilobytes, is then also parsed and planned once per connection.
   */
  const single = (query: string, args: unknown[] | undefined, options: { also?: string } | undefined, rows: RowShape): Promise<unknown> => {
    onStatement();
    const statement = (base.unsafe as unknown as Unsafe)(query, args ?? [], preludedOptions(preludes, options));
    if (rows === 'arrays') statement.values();
    else if (rows === 'raw') statement.raw();
    return statement;
  };
  const unsafe = (query: string, args?: unknown[], options?: { also?: string }) => {
    // drizzle asks for array rows by calling .values() before awaiting; both forms are supported.
    let shape: RowShape = 'objects';
    let running: Promise<unknown> | undefined;
    const run = () => {
      running ??= single(query, args, options, shape);
      return running;
    };
    return {
      values() {
        shape = 'arrays';
        return run();
      },
      raw() {
        shape = 'raw';
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
        return work(countingPostgres(tx, onStatement));
      });
    },
  };
  return scoped as unknown as postgres.Sql;
}

/** A transaction whose statements, in its savepoints too, are counted. */
function countingPostgres(tx: postgres.TransactionSql, onStatement: () => void): postgres.TransactionSql {
  return new Proxy(tx, {
    get(target, property) {
      if (property === 'unsafe') {
        return (...args: Parameters<Unsafe>) => {
          onStatement();
          return (target.unsafe as unknown as Unsafe)(...args);
        };
      }
      if (property === 'savepoint') {
        return (nameOrWork: unknown, maybeWork?: unknown) => {
          const named = typeof nameOrWork !== 'function';
          const work = (named ? maybeWork : nameOrWork) as (sp: postgres.TransactionSql) => unknown;
          const counted = (sp: postgres.TransactionSql) => work(countingPostgres(sp, onStatement));
          const savepoint = target.savepoint as unknown as (...a: unknown[]) => Promise<unknown>;
          return named ? savepoint(nameOrWork, counted) : savepoint(counted);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The same for PGlite: its transactions are exclusive, so a statement's settings cannot leak to another's. */
function scopedPglite(base: PGlite, settings: TenancySettings, watchers: StatementWatchers, onStatement: () => void): PGlite {
  const params = [settings.kind, settings.organization];
  const counted = (tx: PGliteTransaction): PGliteTransaction =>
    new Proxy(watchPgliteQueries(tx, watchers), {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property !== 'query' && property !== 'exec') return value;
        return (...args: unknown[]) => {
          onStatement();
          return (value as (...a: unknown[]) => unknown)(...args);
        };
      },
    });
  const scoped = {
    query: (query: string, args?: unknown[], options?: { also?: string }) =>
      base.transaction(async (tx) => {
        const { also, ...rest } = options ?? {};
        await tx.query(withSettings(also), params);
        return counted(tx).query(query, args, rest as never);
      }),
    transaction: <T>(work: (tx: PGliteTransaction) => Promise<T>) =>
      base.transaction(async (tx) => {
        await tx.query(SETTINGS_SQL, params);
        return work(counted(tx));
      }),
  };
  return scoped as unknown as PGlite;
}

type Logger = { logQuery(query: string, params: unknown[]): void };

/**
 * How a row reader runs its statement:
 * - `also`: select-list items the statement's prelude evaluates after the viewer's settings, before
 *   the statement's own snapshot (the activity horizon: src/db/queries/activity.ts, horizonInPrelude);
 * - `brief`: the statement reads a few rows by key. On PostgreSQL it may then be pipelined onto a
 *   connection running brief statements only (fewer than BRIEF_PIPELINE) rather than take an idle
 *   one: one write and one wake-up of the backend carry several (patches/postgres+3.4.9.patch).
 */
export interface ReadOptions {
  also?: string;
  brief?: boolean;
}

/**
 * Runs one statement (text with $n parameters) and gives its first row's columns in order: as the
 * bytes PostgreSQL sent (postgres.js), or as text (PGlite); null for SQL null. A JSON column is
 * written to the client as it came, never decoded into a string and encoded again.
 */
export type RowReader = (text: string, params: readonly unknown[], options?: ReadOptions) => Promise<readonly (Uint8Array | string | null)[] | undefined>;

/** A column a row reader gave, as text. */
export function columnText(value: Uint8Array | string): string {
  return typeof value === 'string' ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
}

/** drizzle's relational view of the schema, built once: building it is most of what drizzle() costs. */
const dialect = new PgDialect();
const relational = (() => {
  const tables = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
  return { fullSchema: schema, schema: tables.tables, tableNamesMap: tables.tableNamesMap };
})();

const uncounted = () => {};

/**
 * A drizzle handle per request, scoped to its viewer and counting the statements it issues: the
 * count of a request's log line, without an AsyncLocalStorage (which costs every request CPU on
 * Node.js 20). Only the session and the database object are new per request; the dialect and the
 * relational configuration are shared.
 */
export class TenantDatabases {
  constructor(
    private readonly driver: { kind: 'pglite'; client: PGlite; statements: StatementWatchers } | { kind: 'postgres'; client: postgres.Sql; statements: StatementWatchers },
    private readonly logger: Logger,
    private readonly acquireTimeoutMs: number | undefined,
  ) {}

  /**
   * A reader of one statement's rows as the viewer, without drizzle: the read compiler's statements
   * are text with parameters already, and a drizzle handle per request costs more than the statement's
   * own work in this process (src/read/operation.ts).
   */
  reader(viewer: Viewer | null, onStatement: () => void = uncounted): RowReader {
    const settings = tenancySettings(viewer);
    if (this.driver.kind === 'pglite') {
      const client = scopedPglite(this.driver.client, settings, this.driver.statements, onStatement);
      // One connection: nothing to choose for a brief statement.
      return async (text, params, options) => {
        this.logger.logQuery(text, params as unknown[]);
        // `also` is an option of scopedPglite's query, which PGlite's own options type does not know.
        return (await client.query<(string | null)[]>(text, params as unknown[], { rowMode: 'array', also: options?.also } as never)).rows[0];
      };
    }
    // One statement outside a use case, sent as scopedPostgres sends one (preludedOptions), without
    // building a whole scoped client for it: a reader is made per request.
    const unsafe = this.driver.client.unsafe as unknown as (q: string, a: unknown[], o: object) => { raw(): Promise<(Uint8Array | null)[][]> };
    const preludes = this.preludesOf(settings);
    return async (text, params, options) => {
      this.logger.logQuery(text, params as unknown[]);
      onStatement();
      const rows = await unsafe(text, params as unknown[], preludedOptions(preludes, options)).raw();
      return rows[0];
    };
  }

  /** The preludes of each viewer kind and organisation (tenancySettings), kept: a reader per request needs one of a few. */
  private readonly preludes = new Map<string, Preludes>();

  private preludesOf(settings: TenancySettings): Preludes {
    const key = `${settings.kind}:${settings.organization}`;
    let known = this.preludes.get(key);
    if (known === undefined) {
      // Bounded like the partners it names; a new organisation after that makes its own.
      if (this.preludes.size >= MAX_PRELUDES) this.preludes.clear();
      known = new Preludes(settings);
      this.preludes.set(key, known);
    }
    return known;
  }

  for(viewer: Viewer | null, onStatement: () => void = uncounted): Db {
    const settings = tenancySettings(viewer);
    const session =
      this.driver.kind === 'pglite'
        ? new PgliteSession(scopedPglite(this.driver.client, settings, this.driver.statements, onStatement), dialect, relational, { logger: this.logger })
        : new PostgresJsSession(scopedPostgres(this.driver.client, settings, this.acquireTimeoutMs, onStatement), dialect, relational, { logger: this.logger });
    // drizzle's constructors are typed for drizzle(); these are the values drizzle() passes them.
    return new PgDatabase(dialect, session as never, relational as never) as unknown as Db;
  }
}
