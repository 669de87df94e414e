import { and, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { GraphQLError } from 'graphql';
import { type Message, msg } from '../i18n/message.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** A keyset sort: an expression that is never null, the SQL type of its cursor value, and a direction. */
export interface SortKey<Row> {
  /** Stable name, stored in cursors so that a cursor is only used with the order it came from. */
  name: string;
  expression: SQL | AnyPgColumn;
  /** Cast applied to the cursor value when it is compared. */
  cast: 'text' | 'timestamptz' | 'uuid' | 'integer' | 'date';
  value: (row: Row) => string | number;
  descending: boolean;
}

export interface Page<Row> {
  edges: { cursor: string; node: Row }[];
  nodes: Row[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Resolved only when the client asks for it: a count is a statement of its own. */
  totalCount: () => Promise<number>;
}

function badInput(argument: string, message: Message): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

/** Checks first/last against the page-size limit; returns the direction and size asked for. */
export function pageWindow(args: PageArgs): { forward: boolean; size: number } {
  const { first, last } = args;
  if (first != null && last != null) throw badInput('first', msg`Pass either first or last, not both.`);
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw badInput(name, msg`${name} must be between 0 and ${MAX_PAGE_SIZE}; got ${value}.`);
    }
  }
  if (args.after != null && last != null) throw badInput('after', msg`after goes with first; use before with last.`);
  if (args.before != null && first != null) throw badInput('before', msg`before goes with last; use after with first.`);
  if (last != null || (args.before != null && first == null)) return { forward: false, size: last ?? DEFAULT_PAGE_SIZE };
  return { forward: true, size: first ?? DEFAULT_PAGE_SIZE };
}

export function encodeCursor(sortName: string, value: string | number, id: string): string {
  return Buffer.from(JSON.stringify([sortName, value, id]), 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Whether a cursor's sort value can be cast as its sort reads it: a forged one must not reach the database's cast. */
function castable(value: string | number, cast: SortKey<unknown>['cast']): boolean {
  switch (cast) {
    case 'text':
      return typeof value === 'string';
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'date':
      return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
    case 'timestamptz':
      return typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;
  }
}

/** A cursor of this list in this order: its sort name, a value of the sort's type and a row id. */
export function decodeCursor(argument: string, cursor: string, sortName: string, cast: SortKey<unknown>['cast']): { value: string | number; id: string } {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === 3 &&
      decoded[0] === sortName &&
      (typeof decoded[1] === 'string' || typeof decoded[1] === 'number') &&
      castable(decoded[1], cast) &&
      typeof decoded[2] === 'string' &&
      UUID.test(decoded[2])
    ) {
      return { value: decoded[1], id: decoded[2] };
    }
  } catch {
    // fall through to the error below
  }
  throw badInput(argument, msg`${argument} is not a cursor of this list in this order.`);
}

export interface KeysetQuery<Row> {
  args: PageArgs;
  sort: SortKey<Row>;
  idColumn: AnyPgColumn;
  id: (row: Row) => string;
  /** Runs the page query with the given extra condition, order and limit. */
  fetch: (where: SQL | undefined, orderBy: SQL[], limit: number) => Promise<Row[]>;
  count: () => Promise<number>;
}

/**
 * Relay cursor pagination over a keyset (sort value, id): no OFFSET, so every page costs the same.
 * hasPreviousPage (going forward) and hasNextPage (going backward) report whether a cursor was
 * given, as the Relay specification allows.
 */
export async function keysetPage<Row>(q: KeysetQuery<Row>): Promise<Page<Row>> {
  const { forward, size } = pageWindow(q.args);
  const cursorArg = forward ? q.args.after : q.args.before;
  let where: SQL | undefined;
  if (cursorArg != null) {
    const cursor = decodeCursor(forward ? 'after' : 'before', cursorArg, q.sort.name, q.sort.cast);
    // Forward in ascending order, or backward in descending order, means "greater than".
    const greater = forward !== q.sort.descending;
    const value = sql`cast(${cursor.value} as ${sql.raw(q.sort.cast)})`;
    where = greater
      ? sql`(${q.sort.expression}, ${q.idColumn}) > (${value}, cast(${cursor.id} as uuid))`
      : sql`(${q.sort.expression}, ${q.idColumn}) < (${value}, cast(${cursor.id} as uuid))`;
  }
  const ascending = forward !== q.sort.descending;
  const direction = sql.raw(ascending ? 'asc' : 'desc');
  const orderBy = [sql`${q.sort.expression} ${direction}`, sql`${q.idColumn} ${direction}`];
  const rows = size === 0 ? [] : await q.fetch(where, orderBy, size + 1);
  const more = rows.length > size;
  const pageRows = rows.slice(0, size);
  if (!forward) pageRows.reverse();
  const edges = pageRows.map((node) => ({ cursor: encodeCursor(q.sort.name, q.sort.value(node), q.id(node)), node }));
  return {
    edges,
    nodes: pageRows,
    pageInfo: {
      hasNextPage: forward ? more : cursorArg != null,
      hasPreviousPage: forward ? cursorArg != null : more,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: q.count,
  };
}

export const whereAll = (...conditions: (SQL | undefined)[]): SQL | undefined => and(...conditions);
