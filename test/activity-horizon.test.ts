import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Viewer } from '../src/auth/viewer.js';
import { columnText, type Database, openDatabase } from '../src/db/client.js';
import { ACTIVITY_WRITER_LOCK, activityHorizon, committedBefore, horizonInPrelude, horizonSetting } from '../src/db/queries/activity.js';
import { migrate } from '../src/db/migrate.js';
import { freshPostgresDatabase, onPostgres } from './support/server.js';

// The feed's horizon under truly concurrent writers: a reader that only ever moves forward, reading
// below the horizon, must see every committed activity row. Writers take the activity writers' lock
// first, as every service transaction does, and some stay open a few milliseconds after writing.
/** The feed's condition on the prelude's horizon, as SQL text. */
const committedBeforeText = new PgDialect().sqlToQuery(committedBefore(horizonSetting)).sql;

describe.runIf(onPostgres)('activity horizon', () => {
  let fresh: Awaited<ReturnType<typeof freshPostgresDatabase>>;

  beforeAll(async () => {
    fresh = await freshPostgresDatabase();
    const database = await openDatabase({ kind: 'postgres', url: fresh.url });
    await migrate(database);
    await database.close();
  });
  afterAll(() => fresh.drop());

  type Row = { id: string; tx_id: string };
  /** Rows past a position, below the horizon, in feed order. */
  type ReadPast = (reader: Database, position: { txId: string; id: number }) => Promise<Row[]>;

  /** Eight writers for 3 s, one reader moving forward with `readPast`: it must have seen every row. */
  async function everyRowSeen(readPast: ReadPast): Promise<void> {
    const writers = postgres(fresh.url, { max: 8, onnotice: () => {} });
    const reader = await openDatabase({ kind: 'postgres', url: fresh.url });
    const readerClient = (reader.driver as { client: postgres.Sql }).client;
    await readerClient`delete from activity`;
    const deadline = Date.now() + 3_000;
    const write = async (w: number) => {
      while (Date.now() < deadline) {
        await writers.begin(async (tx) => {
          await tx.unsafe(`select pg_advisory_xact_lock_shared(${ACTIVITY_WRITER_LOCK.classId}, ${ACTIVITY_WRITER_LOCK.objId})`);
          await tx`insert into activity (actor_id, actor_name, kind, subject_type, subject_id, summary) values ('w', 'Writer', 'PROBE', 'Probe', gen_random_uuid(), ${`writer ${w}`})`;
          if (Math.random() < 0.3) await new Promise((r) => setTimeout(r, Math.random() * 5));
        });
      }
    };
    const seen = new Set<number>();
    let position = { txId: '0', id: 0 };
    const readOnce = async () => {
      for (const row of await readPast(reader, position)) {
        seen.add(Number(row.id));
        position = { txId: row.tx_id, id: Number(row.id) };
      }
    };
    const read = async () => {
      while (Date.now() < deadline) await readOnce();
    };
    await Promise.all([...Array.from({ length: 8 }, (_, w) => write(w)), read()]);
    await readOnce();
    const all = await readerClient<{ id: string }[]>`select id from activity`;
    expect(all.length).toBeGreaterThan(500);
    expect(all.filter((r) => !seen.has(Number(r.id))).map((r) => r.id)).toEqual([]);
    await Promise.all([writers.end(), reader.close()]);
  }

  it('never lets a forward-only reader skip a row, with eight writers committing out of id order', async () => {
    await everyRowSeen(async (reader, position) => {
      const horizon = await activityHorizon(reader.db);
      const client = (reader.driver as { client: postgres.Sql }).client;
      return client<Row[]>`select id, tx_id::text from activity where tx_id < ${horizon}::xid8 and (tx_id, id) > (${position.txId}::xid8, ${position.id}::bigint) order by tx_id, id`;
    });
  });

  it('nor when the horizon is read by the prelude of the read, as a request reads the feed', async () => {
    // As the compiled feed does: the prelude sets the horizon after the viewer's settings, and the read
    // (its own snapshot, later) compares with the setting. Staff: the role that reads every row.
    const staff: Viewer = { id: 'staff', name: 'Staff', email: '', roles: ['VIEWER'], organization: null };
    const text = `select coalesce(json_agg(json_build_array(id::text, tx_id::text) order by tx_id, id), '[]')::text from activity where ${committedBeforeText} and (tx_id, id) > ($1::xid8, $2::bigint)`;
    await everyRowSeen(async (reader, position) => {
      const [json] = (await reader.readerFor(staff)(text, [position.txId, position.id], { also: horizonInPrelude() })) ?? [];
      return (JSON.parse(columnText(json!)) as [string, string][]).map(([id, tx]) => ({ id, tx_id: tx }));
    });
  });
});
