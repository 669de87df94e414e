import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { ACTIVITY_WRITER_LOCK, activityHorizon } from '../src/db/queries/activity.js';
import { migrate } from '../src/db/migrate.js';
import { freshPostgresDatabase, onPostgres } from './support/server.js';

// The feed's horizon under truly concurrent writers: a reader that only ever moves forward, reading
// below the horizon, must see every committed activity row. Writers take the activity writers' lock
// first, as every service transaction does, and some stay open a few milliseconds after writing.
describe.runIf(onPostgres)('activity horizon', () => {
  let fresh: Awaited<ReturnType<typeof freshPostgresDatabase>>;

  beforeAll(async () => {
    fresh = await freshPostgresDatabase();
    const database = await openDatabase({ kind: 'postgres', url: fresh.url });
    await migrate(database);
    await database.close();
  });
  afterAll(() => fresh.drop());

  it('never lets a forward-only reader skip a row, with eight writers committing out of id order', async () => {
    const writers = postgres(fresh.url, { max: 8, onnotice: () => {} });
    const reader = await openDatabase({ kind: 'postgres', url: fresh.url });
    const readerClient = (reader.driver as { client: postgres.Sql }).client;
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
      const horizon = await activityHorizon(reader.db);
      const rows = await readerClient<{ id: string; tx_id: string }[]>`select id, tx_id::text from activity where tx_id < ${horizon}::xid8 and (tx_id, id) > (${position.txId}::xid8, ${position.id}::bigint) order by tx_id, id`;
      for (const row of rows) {
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
  });
});
