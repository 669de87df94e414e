import { and, count, type SQL } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { keysetPage, type Page, type PageArgs, type SortKey } from '../pagination.js';
import { type SupplierEvaluationRow, supplierEvaluations } from '../schema/index.js';
import { anyId } from '../any-id.js';

export const evaluationSort: SortKey<SupplierEvaluationRow> = { name: 'evaluated', expression: supplierEvaluations.evaluatedAt, cast: 'timestamptz', value: (r) => r.evaluatedAt.toISOString(), descending: true };

export function listEvaluations(db: Queryable, args: PageArgs, where: SQL | undefined): Promise<Page<SupplierEvaluationRow>> {
  return keysetPage<SupplierEvaluationRow>({
    args,
    sort: evaluationSort,
    idColumn: supplierEvaluations.id,
    id: (r) => r.id,
    fetch: (cursor, orderBy, limit) =>
      db
        .select()
        .from(supplierEvaluations)
        .where(and(where, cursor))
        .orderBy(...orderBy)
        .limit(limit),
    count: async () => (await db.select({ n: count() }).from(supplierEvaluations).where(where))[0]!.n,
  });
}

export function evaluationsByIds(db: Queryable, ids: readonly string[]): Promise<SupplierEvaluationRow[]> {
  return db.select().from(supplierEvaluations).where(anyId(supplierEvaluations.id, ids));
}
