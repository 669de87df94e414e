import { sql } from 'drizzle-orm';
import { executeRows } from '../../src/db/client.js';
import type { TestServer } from './server.js';

/**
 * Every table's row count in one statement, read as the owner (past row-level security): a failed
 * request must leave them as they were. The budgets table changes on every request by design, and
 * webhook deliveries and their dispatch cursor are written in the background as activity commits.
 */
export async function rowCounter(server: TestServer): Promise<() => Promise<Record<string, number>>> {
  const rows = await executeRows<{ name: string }>(
    server.database.db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('request_budgets', 'webhook_deliveries', 'webhook_dispatch') order by 1`,
  );
  const select = sql.join(
    rows.map((r) => sql`(select count(*)::int from ${sql.identifier(r.name)}) as ${sql.identifier(r.name)}`),
    sql`, `,
  );
  return async () => (await executeRows<Record<string, number>>(server.database.db, sql`select ${select}`))[0]!;
}
