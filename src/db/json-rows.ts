import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from './client.js';

/** A second table each row references, embedded under `as` (an inner join on `on`). */
export interface Embed<E extends PgTable, K extends string> {
  table: E;
  on: SQL;
  as: K;
}

export type RowWith<T extends PgTable, E extends PgTable, K extends string> = T['$inferSelect'] & { [P in K]: E['$inferSelect'] };

/**
 * The rows of `table` matching `where` as one JSON array expression, each row shaped exactly like
 * drizzle's `select()` rows once revived by `reviveJsonRows` (same keys, numerics and dates as
 * strings, timestamps as Date), optionally with the row of a second table it references embedded.
 * It is a self-contained subquery, so it may be a column of another select, correlated to it.
 */
export function jsonArray<T extends PgTable, E extends PgTable, K extends string>(table: T, where: SQL, orderBy: SQL, embed?: Embed<E, K>): SQL {
  const shape = shapeOf(table);
  if (embed === undefined) {
    return sql`(select coalesce(json_agg(json_build_object(${shape.pairs}) order by ${orderBy}), '[]'::json) from ${table} where ${where})`;
  }
  const inner = shapeOf(embed.table);
  return sql`(select coalesce(json_agg(json_build_object(${shape.pairs}, ${sql.raw(`'${embed.as}'`)}, json_build_object(${inner.pairs})) order by ${orderBy}), '[]'::json) from ${table} join ${embed.table} on ${embed.on} where ${where})`;
}

/** One row of `table` as a JSON object expression (null when none matches); revive with `reviveJsonRow`. */
export function jsonObject<T extends PgTable>(table: T, where: SQL): SQL {
  return sql`(select json_build_object(${shapeOf(table).pairs}) from ${table} where ${where})`;
}

/** Turns what `jsonObject` gave into a drizzle-shaped row, or null. */
export function reviveJsonRow<T extends PgTable>(table: T, raw: unknown): T['$inferSelect'] | null {
  if (raw === null || raw === undefined) return null;
  const row = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown>;
  reviveTimestamps(row, shapeOf(table).timestamps);
  return row as T['$inferSelect'];
}

/** Turns what `jsonArray` gave (parsed or as text) into drizzle-shaped rows, in place. */
export function reviveJsonRows<T extends PgTable>(table: T, raw: unknown): T['$inferSelect'][];
export function reviveJsonRows<T extends PgTable, E extends PgTable, K extends string>(table: T, raw: unknown, embed: Embed<E, K>): RowWith<T, E, K>[];
export function reviveJsonRows<T extends PgTable, E extends PgTable, K extends string>(table: T, raw: unknown, embed?: Embed<E, K>): unknown[] {
  const rows = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown>[];
  const timestamps = shapeOf(table).timestamps;
  const innerTimestamps = embed === undefined ? [] : shapeOf(embed.table).timestamps;
  for (const row of rows) {
    reviveTimestamps(row, timestamps);
    if (embed !== undefined) reviveTimestamps(row[embed.as] as Record<string, unknown>, innerTimestamps);
  }
  return rows;
}

/**
 * Rows of one table read as a single JSON array built by PostgreSQL. For the hottest batch loaders:
 * the driver parses one JSON value natively instead of drizzle mapping every cell.
 */
export async function jsonRows<T extends PgTable>(db: Queryable, table: T, where: SQL, orderBy: SQL): Promise<T['$inferSelect'][]> {
  return reviveJsonRows(table, await aggregate(db, jsonArray(table, where, orderBy)));
}

/** As jsonRows, each row with the row of a second table it references embedded under `as`. */
export async function jsonRowsWith<T extends PgTable, E extends PgTable, K extends string>(db: Queryable, table: T, embed: Embed<E, K>, where: SQL, orderBy: SQL): Promise<RowWith<T, E, K>[]> {
  return reviveJsonRows(table, await aggregate(db, jsonArray(table, where, orderBy, embed)), embed);
}

async function aggregate(db: Queryable, array: SQL): Promise<unknown> {
  const result = await db.execute<{ rows: unknown }>(sql`select ${array} as rows`);
  const list = Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows;
  return (list[0] as { rows: unknown }).rows;
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
