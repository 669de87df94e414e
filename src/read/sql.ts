import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * SQL that builds the API's JSON values exactly as graphql-js serialises them: global ids
 * (base64url of "Type:uuid", unpadded), instants as RFC 3339 UTC with milliseconds, decimals without
 * trailing zeros, dates as YYYY-MM-DD. The read models and the compiler build every response from these.
 */

type Operand = SQL | AnyPgColumn;

/** base64url of a text, unpadded, on one line (PostgreSQL's base64 breaks lines every 76 characters). */
export const base64url = (text: SQL): SQL => sql`rtrim(translate(encode(convert_to(${text}, 'UTF8'), 'base64'), '+/' || chr(10), '-_'), '=')`;

/** toGlobalId in SQL. The type name is a constant of the model, never client input. */
export const globalIdOf = (type: string, id: Operand): SQL => base64url(sql`${sql.raw(`'${type}:'`)} || ${id}::text`);

/** A timestamptz as the DateTime scalar sends it. */
export const instantOf = (column: Operand): SQL => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A numeric as the Decimal scalar sends it: a string without trailing zeros. */
export const decimalOf = (column: Operand): SQL => sql`trim_scale(${column})::text`;

/** A numeric column that the API shows as a Float. */
export const floatOf = (column: Operand): SQL => sql`${column}::float8`;

/** A text literal for a GraphQL name: response keys and type names are checked names, safe to inline. */
export const literal = (name: string): SQL => sql.raw(`'${name.replace(/'/g, "''")}'`);

/** json_build_object takes at most 100 arguments. */
const MAX_PAIRS = 50;

/**
 * A JSON object with these keys in this order. Wider objects are built in pieces and joined as text,
 * so that the key order (the query's) is kept: jsonb would sort the keys.
 */
export function jsonObject(pairs: readonly (readonly [string, SQL])[]): SQL {
  const pieces: SQL[] = [];
  for (let i = 0; i < pairs.length || i === 0; i += MAX_PAIRS) {
    const chunk = pairs.slice(i, i + MAX_PAIRS).map(([key, value]) => sql`${literal(key)}, ${value}`);
    pieces.push(sql`json_build_object(${sql.join(chunk, sql`, `)})`);
  }
  if (pieces.length === 1) return pieces[0]!;
  const [first, ...rest] = pieces;
  let text = sql`left(${first}::text, -1)`;
  for (const [index, piece] of rest.entries()) {
    text = index === rest.length - 1 ? sql`${text} || ',' || substr(${piece}::text, 2)` : sql`${text} || ',' || substr(left(${piece}::text, -1), 2)`;
  }
  return sql`(${text})::json`;
}

/** A JSON array of the rows' values in this order, never null. */
export const jsonArray = (value: SQL, orderBy: SQL): SQL => sql`coalesce(json_agg(${value} order by ${orderBy}), '[]'::json)`;
