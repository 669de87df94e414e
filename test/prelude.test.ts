import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/client.js';
import { type Prelude, SETTINGS_SQL } from '../src/db/tenancy.js';
import { freshPostgresDatabase, onPostgres } from './support/server.js';

/**
 * A statement outside a use case carries the viewer's settings as its prelude (src/db/prelude.ts,
 * patches/postgres+3.4.9.patch): both run in one implicit transaction. What must hold: the statement
 * sees the settings, nothing of them is left on the connection afterwards, a failed prelude means
 * the statement does not run, a failed statement takes the settings with it, and a query that would
 * send the prelude outside the extended protocol is refused instead of running without it.
 */
describe.runIf(onPostgres)('a statement with a prelude', () => {
  let fresh: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let database: Database;
  // One connection: what a statement leaves behind is what the next one finds.
  let one: postgres.Sql;
  type Options = { prepare?: boolean; simple?: boolean; prelude?: Prelude };
  const run = (text: string, args: unknown[], options: Options) => (one.unsafe as unknown as (t: string, a: unknown[], o: Options) => Promise<Record<string, unknown>[]>)(text, args, options);
  const settings = (org: string): Prelude => ({ text: SETTINGS_SQL, parameters: ['supplier', org] });
  const org = '6a7c0d52-4f4e-4f52-9b8e-0a9c3c2a1b10';
  const viewerOf = "select current_user as role, current_setting('scm.viewer_kind', true) as kind, current_setting('scm.viewer_org', true) as org";
  const nobody = async () => expect(await run(`${viewerOf} where $1::int = 1`, [1], { prepare: true })).toEqual([{ role: 'postgres', kind: '', org: '' }]);

  beforeAll(async () => {
    fresh = await freshPostgresDatabase();
    // The migrations make the application role the settings switch to.
    database = await openDatabase({ kind: 'postgres', url: fresh.url, pool: { size: 1, connectTimeoutMs: 2_000, acquireTimeoutMs: 2_000, statementTimeoutMs: 10_000 } });
    await database.db.execute('create table prelude_probe (n int)' as never);
    await database.db.execute('grant insert, select on prelude_probe to scm_application' as never);
    one = postgres(fresh.url, { max: 1, onnotice: () => {} });
  }, 60_000);
  afterAll(async () => {
    await one?.end();
    await database?.close();
    await fresh?.drop();
  });

  it('runs the statement under the settings, the first time (described first) and prepared, and leaves nothing behind', async () => {
    for (let i = 0; i < 3; i++) {
      expect(await run(`${viewerOf} where $1::int = 1`, [1], { prepare: true, prelude: settings(org) })).toEqual([{ role: 'scm_application', kind: 'supplier', org }]);
      await nobody();
    }
    // Without parameters too, and as raw columns: the prelude's own row is never one of the statement's.
    const raw = await (one.unsafe(viewerOf, [], { prepare: true, simple: false, prelude: settings(org) } as never) as unknown as postgres.PendingQuery<postgres.Row[]>).raw();
    expect(raw.map((row) => (row as unknown as Buffer[]).map(String))).toEqual([['scm_application', 'supplier', org]]);
    await nobody();
  });

  it('does not run the statement when the prelude fails, and reports the prelude\'s error', async () => {
    const failing: Prelude = { text: "select set_config('role', $1, true)", parameters: ['no_such_role'] };
    await expect(run('insert into prelude_probe select $1::int', [1], { prepare: true, prelude: failing })).rejects.toMatchObject({ code: '22023' });
    expect(await run('select count(*)::int as n from prelude_probe where $1::int = 1', [1], { prepare: true })).toEqual([{ n: 0 }]);
    await nobody();
    // Failed in its Bind, after its Parse: prepared again under another name, and it works after.
    expect(await run(`${viewerOf} where $1::int = 1`, [1], { prepare: true, prelude: { ...failing, parameters: ['scm_application'] } })).toMatchObject([{ role: 'scm_application' }]);
    // Failed in its Parse: the same.
    const unparsable: Prelude = { text: 'select set_config(', parameters: [] };
    await expect(run(`${viewerOf} where $1::int = 1`, [1], { prepare: true, prelude: unparsable })).rejects.toMatchObject({ code: '42601' });
    await expect(run(`${viewerOf} where $1::int = 1`, [1], { prepare: true, prelude: unparsable })).rejects.toMatchObject({ code: '42601' });
    await nobody();
  });

  it('prepares the prelude once per connection', async () => {
    const text = "select set_config('scm.viewer_kind', $1, true) /* once */";
    for (let i = 0; i < 3; i++) expect(await run(`${viewerOf} where $1::int = 1`, [1], { prepare: true, prelude: { text, parameters: ['customer'] } })).toMatchObject([{ kind: 'customer' }]);
    expect(await run('select count(*)::int as n from pg_prepared_statements where statement = $1', [text], { prepare: true })).toEqual([{ n: 1 }]);
  });

  it('takes the settings away with a statement that fails, and writes nothing', async () => {
    await expect(run('insert into prelude_probe select 1 / ($1::int - 1)', [1], { prepare: true, prelude: settings(org) })).rejects.toMatchObject({ code: '22012' });
    expect(await run('select count(*)::int as n from prelude_probe where $1::int = 1', [1], { prepare: true })).toEqual([{ n: 0 }]);
    await nobody();
    // A write under the settings is committed with them: the statement and its prelude are one transaction.
    await run('insert into prelude_probe select $1::int', [7], { prepare: true, prelude: settings(org) });
    expect(await run('select n from prelude_probe where $1::int = 1', [1], { prepare: true })).toEqual([{ n: 7 }]);
  });

  it('refuses a query that would send the prelude without the extended protocol', async () => {
    await expect(run(viewerOf, [], { simple: true, prelude: settings(org) })).rejects.toMatchObject({ code: 'PRELUDE_NEEDS_PREPARE' });
    await expect(run(`${viewerOf} where $1::int = 1`, [1], { prepare: false, prelude: settings(org) })).rejects.toMatchObject({ code: 'PRELUDE_NEEDS_PREPARE' });
    await nobody();
  });
});
