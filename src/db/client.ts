import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations, Logger } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Database as DatabaseConfig } from '../config.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** One type for both drivers: everything above src/db sees only this. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a query can run on: the database or an open transaction. */
export type Queryable = Db | Tx;

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
  /** SQL statements issued through `db` since start. */
  statementCount(): number;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The raw driver, for LISTEN/NOTIFY and migrations. */
  readonly driver: { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; client: postgres.Sql; url: string };
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const counter = new StatementCounter();
  if (config.kind === 'pglite') {
    const client = config.dataDir === undefined ? new PGlite() : new PGlite(config.dataDir);
    await client.waitReady;
    const db = drizzlePglite(client, { schema, logger: counter }) as unknown as Db;
    return {
      kind: 'pglite',
      db,
      background: drizzlePglite(client, { schema }) as unknown as Db,
      driver: { kind: 'pglite', client },
      statementCount: () => counter.count,
      ping: async () => {
        await client.query('select 1');
      },
      close: () => client.close(),
    };
  }
  const client = postgres(config.url, {
    max: 10,
    onnotice: () => {},
  });
  const db = drizzlePostgres(client, { schema, logger: counter }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    background: drizzlePostgres(client, { schema }) as unknown as Db,
    driver: { kind: 'postgres', client, url: config.url },
    statementCount: () => counter.count,
    ping: async () => {
      await client`select 1`;
    },
    close: () => client.end({ timeout: 5 }),
  };
}
