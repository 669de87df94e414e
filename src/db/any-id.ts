import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * `column = any($1::uuid[])`: one array parameter, however many ids. Batch loaders send lists of
 * every length; with one statement text the driver prepares it once and PostgreSQL plans it once,
 * where `in ($1, ..., $n)` would be a new statement per length, built parameter by parameter.
 */
export function anyId(column: AnyPgColumn | SQL.Aliased, ids: readonly string[]): SQL {
  return sql`${column} = any(${sql.param([...ids])}::uuid[])`;
}
