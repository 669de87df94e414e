import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { suppliers } from '../src/db/schema/index.js';
import { freshPostgresDatabase, onPostgres } from './support/server.js';

// On PostgreSQL every statement with parameters is a named prepared statement on its connection:
// the second execution of a text is one round trip that reuses the parse. Checked inside a
// transaction, where all statements share one connection and pg_prepared_statements shows them.
describe.skipIf(!onPostgres)('prepared statements on PostgreSQL', () => {
  let database: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await freshPostgresDatabase();
    drop = fresh.drop;
    database = await openDatabase({ kind: 'postgres', url: fresh.url });
    await migrate(database);
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  it('prepare a parameterised select once per connection, in transactions and savepoints too', async () => {
    const lookup = (db: Database['db']) => db.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.code, 'NONE'));
    const prepared = await database.db.transaction(async (tx) => {
      await lookup(tx);
      await lookup(tx);
      await tx.transaction(async (savepoint) => {
        await savepoint.select({ n: suppliers.name }).from(suppliers).where(eq(suppliers.name, 'none'));
      });
      const rows = await tx.execute<{ statement: string }>(sql`select statement from pg_prepared_statements`);
      return (rows as unknown as { statement: string }[]).map((r) => r.statement);
    });
    expect(prepared.filter((s) => s.includes('"code" = $1'))).toHaveLength(1);
    expect(prepared.filter((s) => s.includes('"name" = $1'))).toHaveLength(1);
  });

  it('keep statements without parameters on the simple protocol (several statements at once)', async () => {
    const rows = await database.db.execute<{ n: number }>(sql.raw('select 1 as n; select 2 as n'));
    expect(rows).toBeDefined();
  });
});
