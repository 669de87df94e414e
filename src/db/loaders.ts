import DataLoader from 'dataloader';
import type { Viewer } from '../auth/viewer.js';
import { type ImportanceClass, importanceClassOf } from '../domain/partners/importance.js';
import type { Queryable } from './client.js';
import {
  customersByIds,
  partClassesBySupplierIds,
  latestSurveysBySupplierIds,
  partsByIds,
  type SourceRow,
  sourcesBy,
  suppliersByIds,
} from './queries/partners.js';
import type { CustomerRow, PartRow, SupplierRow, SupplierSurveyRow } from './schema/index.js';

function byKey<Row, K>(rows: readonly Row[], key: (row: Row) => K): Map<K, Row> {
  return new Map(rows.map((r) => [key(r), r]));
}

function groupBy<Row, K>(rows: readonly Row[], key: (row: Row) => K): Map<K, Row[]> {
  const groups = new Map<K, Row[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

export interface LoaderOptions {
  /** Off for subscriptions, whose context outlives any single read. */
  cache: boolean;
}

/**
 * Per-request batch loaders: every nested read goes through one of these, so a page of N records
 * costs a constant number of statements. They apply the viewer's tenancy scope, so a record the
 * viewer may not see loads as null.
 */
export function createLoaders(db: Queryable, viewer: Viewer | null, options: LoaderOptions = { cache: true }) {
  const scoped = <K, V>(batch: (viewer: Viewer, keys: readonly K[]) => Promise<(V | Error)[]>) =>
    new DataLoader<K, V>((keys) => (viewer === null ? Promise.resolve(keys.map(() => new Error('unauthenticated'))) : batch(viewer, keys)), {
      cache: options.cache,
      maxBatchSize: 1000,
    });

  return {
    supplierById: scoped<string, SupplierRow | null>(async (v, ids) => {
      const rows = byKey(await suppliersByIds(db, v, ids), (r) => r.id);
      return ids.map((id) => rows.get(id) ?? null);
    }),
    customerById: scoped<string, CustomerRow | null>(async (v, ids) => {
      const rows = byKey(await customersByIds(db, v, ids), (r) => r.id);
      return ids.map((id) => rows.get(id) ?? null);
    }),
    partById: scoped<string, PartRow | null>(async (v, ids) => {
      const rows = byKey(await partsByIds(db, v, ids), (r) => r.id);
      return ids.map((id) => rows.get(id) ?? null);
    }),
    sourcesByPartId: scoped<string, SourceRow[]>(async (v, ids) => {
      const groups = groupBy(await sourcesBy(db, v, 'partId', ids), (r) => r.partId);
      return ids.map((id) => groups.get(id) ?? []);
    }),
    sourcesBySupplierId: scoped<string, SourceRow[]>(async (v, ids) => {
      const groups = groupBy(await sourcesBy(db, v, 'supplierId', ids), (r) => r.supplierId);
      return ids.map((id) => groups.get(id) ?? []);
    }),
    importanceBySupplierId: scoped<string, ImportanceClass | null>(async (_v, ids) => {
      const groups = groupBy(await partClassesBySupplierIds(db, ids), (r) => r.supplierId);
      return ids.map((id) => importanceClassOf((groups.get(id) ?? []).map((r) => r.importanceClass)));
    }),
    latestSurveyBySupplierId: scoped<string, SupplierSurveyRow | null>(async (_v, ids) => {
      const rows = byKey(await latestSurveysBySupplierIds(db, ids), (r) => r.supplierId);
      return ids.map((id) => rows.get(id) ?? null);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
