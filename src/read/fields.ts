import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { NodeType } from '../domain/shared/ids.js';
import { type FieldModel, type Fields, list, type TableModel, table, value } from './model.js';
import { decimalOf, floatOf, globalIdOf, instantOf } from './sql.js';

/** Field builders for the common column kinds: the read model files declare with these. */

/** A column shown as it is stored: text, integers, booleans, enums, dates (YYYY-MM-DD), JSON. */
export const column = (c: AnyPgColumn | SQL): FieldModel => value(sql`${c}`);
export const globalId = (type: NodeType | 'Activity', c: AnyPgColumn): FieldModel => value(globalIdOf(type, c));
export const instant = (c: AnyPgColumn): FieldModel => value(instantOf(c));
export const decimal = (c: AnyPgColumn | SQL): FieldModel => value(decimalOf(c));
export const float = (c: AnyPgColumn | SQL): FieldModel => value(floatOf(c));
/** A member of a JSON value (jsonb), shown as it is stored. */
export const member = (json: SQL, name: string): FieldModel => value(sql`${json}->${sql.raw(`'${name}'`)}`);

/**
 * The elements of a JSON list kept in a column (a partner's contacts, a survey's certifications), as
 * rows named `alias` with their `value` and `position`; `listed` is the field that shows them in order.
 */
export function elementsOf(type: string, json: AnyPgColumn | SQL, alias: string, fields: (element: SQL) => Fields): { model: TableModel; listed: FieldModel } {
  const name = sql.raw(alias);
  const model = table({ type, from: sql`jsonb_array_elements(${json}) with ordinality as ${name}(value, position)`, scope: () => undefined, fields: fields(sql`${name}.value`) });
  return { model, listed: list(() => model, sql`true`, sql`${name}.position`) };
}
