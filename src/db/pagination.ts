import { and, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { GraphQLError } from 'graphql';

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

function badInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

/** Checks first/last against the page-size limit; returns the direction and size asked for. */
export function pageWindow(args: PageArgs): { forward: boolean; size: number } {
  const { first, last } = args;
  if (first != null && last != null) throw badInput('first', 'Pass either first or last, not both.');
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw badInput(name, `${name} must be between 0 and ${MAX_PAGE_SIZE}; got ${value}.`);
    }
  }
  if (args.after != null && last != null) throw badInput('after', 'after goes with first; use before with last.');
  if (args.before != null && first != null) throw badInput('before', 'before goes with last; use after with first.');
  if (last != null || (args.before != null && first == null)) return { forward: false, size: last ?? DEFAULT_PAGE_SIZE };
  return { forward: true, size: first ?? DEFAULT_PAGE_SIZE };
}

export function encodeCursor(sortName: string, value: string | number, id: string): string {
  return Buffer.from(JSON.stringify([sortName, value, id]), 'utf8').toString('base64url');
}

function decodeCursor(argument: string, cursor: string, sortName: string): { value: string | number; id: string } {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 3 && decoded[0] === sortName && (typeof decoded[1] === 'string' || typeof decoded[1] === 'number') && typeof decoded[2] === 'string') {
      return { value: decoded[1], id: decoded[2] };
    }
  } catch {
    // fall through to the error below
  }
  throw badInput(argument, `${argument} is not a cursor of this list in this order.`);
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
    const cursor = decodeCursor(forward ? 'after' : 'before', cursorArg, q.sort.name);
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

/**
 * Pages of a child list for many parents at once (Supplier.contracts for a page of suppliers):
 * one statement ranks the children per parent with row_number(), so nested connections cost the
 * same for 5 parents as for 50.
 */
export async function nestedKeysetPages<Row>(q: {
  parentIds: readonly string[];
  args: { first?: number | null; after?: string | null };
  sort: SortKey<Row>;
  idColumn: AnyPgColumn;
  id: (row: Row) => string;
  parentOf: (row: Row) => string;
  /** Runs the ranked query: rows of every parent, at most `limit` per parent, in page order. */
  fetch: (cursor: SQL | undefined, orderBy: SQL[], limit: number) => Promise<Row[]>;
  count: () => Promise<Map<string, number>>;
}): Promise<Map<string, Page<Row>>> {
  const { size } = pageWindow({ first: q.args.first });
  let cursor: SQL | undefined;
  if (q.args.after != null) {
    const decoded = decodeCursor('after', q.args.after, q.sort.name);
    const value = sql`cast(${decoded.value} as ${sql.raw(q.sort.cast)})`;
    cursor = q.sort.descending
      ? sql`(${q.sort.expression}, ${q.idColumn}) < (${value}, cast(${decoded.id} as uuid))`
      : sql`(${q.sort.expression}, ${q.idColumn}) > (${value}, cast(${decoded.id} as uuid))`;
  }
  const direction = sql.raw(q.sort.descending ? 'desc' : 'asc');
  const rows = size === 0 ? [] : await q.fetch(cursor, [sql`${q.sort.expression} ${direction}`, sql`${q.idColumn} ${direction}`], size + 1);
  let counts: Promise<Map<string, number>> | undefined;
  const result = new Map<string, Page<Row>>();
  for (const parentId of q.parentIds) {
    const all = rows.filter((r) => q.parentOf(r) === parentId);
    const pageRows = all.slice(0, size);
    const edges = pageRows.map((node) => ({ cursor: encodeCursor(q.sort.name, q.sort.value(node), q.id(node)), node }));
    result.set(parentId, {
      edges,
      nodes: pageRows,
      pageInfo: { hasNextPage: all.length > size, hasPreviousPage: q.args.after != null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: async () => {
        counts ??= q.count();
        return (await counts).get(parentId) ?? 0;
      },
    });
  }
  return result;
}
