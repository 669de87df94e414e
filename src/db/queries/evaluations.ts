
import type { Queryable } from '../client.js';
import { type Page, type SortKey } from '../pagination.js';
import { type SupplierEvaluationRow, supplierEvaluations } from '../schema/index.js';
import { anyId } from '../any-id.js';
import { nestedRowPages } from '../nested-pages.js';

const newestFirst: SortKey<SupplierEvaluationRow> = { name: 'evaluated', expression: supplierEvaluations.evaluatedAt, cast: 'timestamptz', value: (r) => r.evaluatedAt.toISOString(), descending: true };

/** Supplier.evaluations for many suppliers in one statement, newest first. */
export function evaluationsOfSuppliers(db: Queryable, supplierIds: readonly string[], args: { first?: number | null; after?: string | null }): Promise<Map<string, Page<SupplierEvaluationRow>>> {
  return nestedRowPages<SupplierEvaluationRow>(db, {
    table: supplierEvaluations,
    idColumn: supplierEvaluations.id,
    parentColumn: supplierEvaluations.supplierId,
    parentOf: (r) => r.supplierId,
    parentIds: supplierIds,
    args,
    sort: newestFirst,
    where: undefined,
  });
}

export function evaluationsByIds(db: Queryable, ids: readonly string[]): Promise<SupplierEvaluationRow[]> {
  return db.select().from(supplierEvaluations).where(anyId(supplierEvaluations.id, ids));
}
