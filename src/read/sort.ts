import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { decodeCursor } from '../db/pagination.js';
import type { Sort } from './model.js';
import { base64url, literal } from './sql.js';

export type SortCast = 'text' | 'timestamptz' | 'date' | 'integer' | 'uuid';

/** The sort value as JSON text, as encodeCursor writes it (an instant as its ISO string, a date as YYYY-MM-DD). */
function valueJson(expression: SQL | AnyPgColumn, cast: SortCast): SQL {
  switch (cast) {
    case 'text':
      return sql`to_json(${expression})::text`;
    case 'date':
    case 'uuid':
      return sql`to_json(${expression}::text)::text`;
    case 'timestamptz':
      return sql`to_json(to_char(${expression} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text`;
    case 'integer':
      return sql`${expression}::text`;
  }
}

/**
 * A keyset order on one value and the row's uuid key, with the cursors of src/db/pagination.ts
 * (base64url of `["name", value, "uuid"]`): a cursor from either read path works on the other.
 */
export function keysetSort(name: string, expression: SQL | AnyPgColumn, cast: SortCast, key: AnyPgColumn, descending: boolean): Sort {
  return {
    terms: [sql`${expression}`, sql`${key}`],
    descending,
    cursor: base64url(sql`${literal(`["${name}",`)} || ${valueJson(expression, cast)} || ',"' || ${key}::text || '"]'`),
    seek: (argument, cursor, greater) => {
      const decoded = decodeCursor(argument, cursor, name, cast);
      const value = sql`cast(${decoded.value} as ${sql.raw(cast)})`;
      return greater ? sql`(${expression}, ${key}) > (${value}, cast(${decoded.id} as uuid))` : sql`(${expression}, ${key}) < (${value}, cast(${decoded.id} as uuid))`;
    },
  };
}

/** A keyset order from a list's sort declaration in src/db/queries (name, expression, cast). */
export const sortOf = (key: { name: string; expression: SQL | AnyPgColumn; cast: SortCast }, id: AnyPgColumn, descending: boolean): Sort => keysetSort(key.name, key.expression, key.cast, id, descending);
