import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from './client.js';

/**
 * Rows of one table read as a single JSON array built by PostgreSQL, shaped exactly like drizzle's
 * `select()` rows (same keys, numerics and dates as strings, timestamps as Date). For the hottest
 * batch loaders: the driver parses one JSON value natively instead of drizzle mapping every cell.
 */
export async function jsonRows<T extends PgTable>(db: Queryable, table: T, where: SQL, orderBy: SQL): Promise<T['$inferSelect'][]> {
  const shape = shapeOf(table);
  const rows = await aggregate(db, sql`select coalesce(json_agg(json_build_object(${shape.pairs}) order by ${orderBy}), '[]'::json) as rows from ${table} where ${where}`);
  for (const row of rows) reviveTimestamps(row, shape.timestamps);
  return rows as T['$inferSelect'][];
}

/**
 * As jsonRows, each row with the row of a second table it references embedded under `as` (an inner
 * join on `on`): a batch and what each of its rows points to, in one statement.
 */
export async function jsonRowsWith<T extends PgTable, E extends PgTable, K extends string>(
  db: Queryable,
  table: T,
  embed: { table: E; on: SQL; as: K },
  where: SQL,
  orderBy: SQL,
): Promise<(T['$inferSelect'] & { [P in K]: E['$inferSelect'] })[]> {
  const shape = shapeOf(table);
  const inner = shapeOf(embed.table);
  const rows = await aggregate(
    db,
    sql`select coalesce(json_agg(json_build_object(${shape.pairs}, ${sql.raw(`'${embed.as}'`)}, json_build_object(${inner.pairs})) order by ${orderBy}), '[]'::json) as rows from ${table} join ${embed.table} on ${embed.on} where ${where}`,
  );
  for (const row of rows) {
    reviveTimestamps(row, shape.timestamps);
    reviveTimestamps(row[embed.as] as Record<string, unknown>, inner.timestamps);
  }
  return rows as (T['$inferSelect'] & { [P in K]: E['$inferSelect'] })[];
}

async function aggregate(db: Queryable, query: SQL): Promise<Record<string, unknown>[]> {
  const result = await db.execute<{ rows: unknown }>(query);
  const list = Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows;
  const raw = (list[0] as { rows: unknown }).rows;
  return (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown>[];
}

function reviveTimestamps(row: Record<string, unknown>, keys: readonly string[]) {
  for (const key of keys) if (row[key] !== null) row[key] = new Date(row[key] as string);
}

const shapes = new WeakMap<PgTable, { pairs: SQL; timestamps: string[] }>();

function shapeOf(table: PgTable): { pairs: SQL; timestamps: string[] } {
  let shape = shapes.get(table);
  if (shape) return shape;
  const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  const timestamps: string[] = [];
  const pairs = columns.map(([key, column]) => {
    if (column.columnType === 'PgTimestamp') timestamps.push(key);
    // numeric keeps its exact text; everything else is JSON as PostgreSQL renders it.
    const value = column.columnType === 'PgNumeric' ? sql`${column}::text` : sql`${column}`;
    // Keys are this code's own field names, never input.
    return sql`${sql.raw(`'${key}'`)}, ${value}`;
  });
  shape = { pairs: sql.join(pairs, sql`, `), timestamps };
  shapes.set(table, shape);
  return shape;
}
