import { randomBytes } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Viewer } from '../../auth/viewer.js';
import type { Database } from '../../db/client.js';
import { SETTINGS_SQL, tenancySettings } from '../../db/tenancy.js';

const dialect = new PgDialect();

/** Rows fetched from the cursor at a time: what an export holds in memory at once. */
export const FETCH_ROWS = 500;

export type Row = Record<string, unknown>;

/**
 * Streams the rows of one statement through a PostgreSQL cursor, FETCH_ROWS at a time, as `viewer`
 * (the row-level security of src/db/tenancy.ts), calling `consume` for each batch before the next is
 * fetched: memory stays constant whatever the number of rows.
 *
 * PostgreSQL: the cursor lives in a read-only REPEATABLE READ transaction on a connection of its own,
 * so the export reads one snapshot while other connections go on writing (progress included).
 * PGlite has one connection, whose transactions are exclusive: the cursor is declared WITH HOLD, which
 * keeps its result past the declaring transaction, and each FETCH is a statement of its own, so that
 * requests (and the export's own progress) interleave with the fetches.
 */
export async function forEachBatch(database: Database, viewer: Viewer, statement: SQL, consume: (rows: Row[]) => Promise<void>): Promise<void> {
  const query = dialect.sqlToQuery(statement);
  const settings = tenancySettings(viewer);
  const name = `bulk_export_${randomBytes(6).toString('hex')}`;
  const driver = database.driver;
  if (driver.kind === 'postgres') {
    await driver.client.begin('isolation level repeatable read read only', async (tx) => {
      await tx.unsafe(SETTINGS_SQL, [settings.kind, settings.organization]);
      await tx.unsafe(`declare ${name} no scroll cursor for ${query.sql}`, query.params as never[]);
      for (;;) {
        const rows = await tx.unsafe(`fetch ${FETCH_ROWS} from ${name}`);
        if (rows.length === 0) break;
        await consume([...rows]);
        if (rows.length < FETCH_ROWS) break;
      }
    });
    return;
  }
  const client = driver.client;
  await client.transaction(async (tx) => {
    await tx.query(SETTINGS_SQL, [settings.kind, settings.organization]);
    await tx.query(`declare ${name} no scroll cursor with hold for ${query.sql}`, query.params);
  });
  try {
    for (;;) {
      const { rows } = await client.query<Row>(`fetch ${FETCH_ROWS} from ${name}`);
      if (rows.length === 0) break;
      await consume(rows);
      if (rows.length < FETCH_ROWS) break;
    }
  } finally {
    await client.query(`close ${name}`);
  }
}
