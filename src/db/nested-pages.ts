import { and, count, eq, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { anyId } from './any-id.js';
import type { Queryable } from './client.js';
import { nestedKeysetPages, type Page, type SortKey } from './pagination.js';

/**
 * A nested connection over one table's rows (Supplier.nonconformances, Customer.feedback, ...) for
 * many parents in one statement: the first rows of each parent by the sort, numbered per parent
 * with row_number(), and the total per parent when asked.
 */
export function nestedRowPages<Row extends { id: string }>(
  db: Queryable,
  q: {
    table: PgTable;
    idColumn: AnyPgColumn;
    /** The column naming the parent; `parentOf` reads it from a row. */
    parentColumn: AnyPgColumn;
    parentOf: (row: Row) => string;
    parentIds: readonly string[];
    args: { first?: number | null; after?: string | null };
    sort: SortKey<Row>;
    where: SQL | undefined;
  },
): Promise<Map<string, Page<Row>>> {
  const scoped = and(q.where, anyId(q.parentColumn, q.parentIds));
  return nestedKeysetPages<Row>({
    parentIds: q.parentIds,
    args: q.args,
    sort: q.sort,
    idColumn: q.idColumn,
    id: (r) => r.id,
    parentOf: q.parentOf,
    fetch: async (cursor, orderBy, limit) => {
      const ranked = db
        .select({ id: q.idColumn, rank: sql<number>`row_number() over (partition by ${q.parentColumn} order by ${sql.join(orderBy, sql`, `)})`.as('rank') })
        .from(q.table)
        .where(and(scoped, cursor))
        .as('ranked');
      const rows = await db
        .select({ row: q.table })
        .from(ranked)
        .innerJoin(q.table, eq(q.idColumn, ranked.id))
        .where(sql`${ranked.rank} <= ${limit}`)
        .orderBy(ranked.rank);
      // drizzle types the selected table only for a concrete table; the caller's Row is its row type.
      return rows.map((r) => r.row as unknown as Row);
    },
    count: async () => {
      const rows = await db.select({ parentId: q.parentColumn, n: count() }).from(q.table).where(scoped).groupBy(q.parentColumn);
      return new Map(rows.map((r) => [r.parentId as string, r.n]));
    },
  });
}
