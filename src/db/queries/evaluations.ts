import { count, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { nestedKeysetPages, type Page, type SortKey } from '../pagination.js';
import { type SupplierEvaluationRow, supplierEvaluations } from '../schema/index.js';
import { anyId } from '../any-id.js';

const newestFirst: SortKey<SupplierEvaluationRow> = { name: 'evaluated', expression: supplierEvaluations.evaluatedAt, cast: 'timestamptz', value: (r) => r.evaluatedAt.toISOString(), descending: true };

/** Supplier.evaluations for many suppliers in one statement, newest first. */
export function evaluationsOfSuppliers(db: Queryable, supplierIds: readonly string[], args: { first?: number | null; after?: string | null }): Promise<Map<string, Page<SupplierEvaluationRow>>> {
  const scoped = anyId(supplierEvaluations.supplierId, supplierIds);
  return nestedKeysetPages<SupplierEvaluationRow>({
    parentIds: supplierIds,
    args,
    sort: newestFirst,
    idColumn: supplierEvaluations.id,
    id: (r) => r.id,
    parentOf: (r) => r.supplierId,
    fetch: async (cursor, orderBy, limit) => {
      const ranked = db
        .select({ id: supplierEvaluations.id, rank: sql<number>`row_number() over (partition by ${supplierEvaluations.supplierId} order by ${sql.join(orderBy, sql`, `)})`.as('rank') })
        .from(supplierEvaluations)
        .where(cursor === undefined ? scoped : sql`${scoped} and ${cursor}`)
        .as('ranked');
      return db
        .select({ e: supplierEvaluations })
        .from(ranked)
        .innerJoin(supplierEvaluations, eq(supplierEvaluations.id, ranked.id))
        .where(sql`${ranked.rank} <= ${limit}`)
        .orderBy(ranked.rank)
        .then((rows) => rows.map((r) => r.e));
    },
    count: async () => {
      const rows = await db.select({ supplierId: supplierEvaluations.supplierId, n: count() }).from(supplierEvaluations).where(scoped).groupBy(supplierEvaluations.supplierId);
      return new Map(rows.map((r) => [r.supplierId, r.n]));
    },
  });
}

export function evaluationsByIds(db: Queryable, ids: readonly string[]): Promise<SupplierEvaluationRow[]> {
  return db.select().from(supplierEvaluations).where(anyId(supplierEvaluations.id, ids));
}
