import { and, count, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer.js';
import type { ImportanceClass } from '../../domain/partners/importance.js';
import type { SupplierGrade } from '../../domain/partners/sourcing-advice.js';
import type { SupplierStatus } from '../../domain/partners/supplier-status.js';
import type { Queryable } from '../client.js';
import { keysetPage, type Page, type PageArgs, type SortKey } from '../pagination.js';
import { type CustomerRow, customers, type PartRow, parts, type SourcedPartRow, type SupplierRow, type SupplierSurveyRow, sourcedParts, supplierSurveys, suppliers } from '../schema/index.js';
import { visibility } from '../scope.js';
import { anyId } from '../any-id.js';
import { type ChangedSince, changedSince } from './changed-since.js';

/** `%term%` for ILIKE, with the pattern characters in the term taken literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The most important class among the parts a supplier is designated for (enum order: I < II < III). */
export const supplierImportance = sql`(select min(${parts.importanceClass}) from ${sourcedParts} join ${parts} on ${parts.id} = ${sourcedParts.partId} where ${sourcedParts.supplierId} = ${suppliers.id})`;

export interface SupplierFilter extends ChangedSince {
  status?: SupplierStatus[] | null;
  grade?: SupplierGrade[] | null;
  importanceClass?: ImportanceClass[] | null;
  search?: string | null;
}

export type SupplierSortField = 'CODE' | 'NAME' | 'GRADE' | 'CREATED_AT';

export const supplierSorts: Record<SupplierSortField, Omit<SortKey<SupplierRow>, 'descending'>> = {
  CODE: { name: 'code', expression: suppliers.code, cast: 'text', value: (r) => r.code },
  NAME: { name: 'name', expression: suppliers.name, cast: 'text', value: (r) => r.name },
  // Suppliers without a grade sort after D.
  GRADE: { name: 'grade', expression: sql`coalesce(${suppliers.grade}::text, '~')`, cast: 'text', value: (r) => r.grade ?? '~' },
  CREATED_AT: { name: 'created', expression: suppliers.createdAt, cast: 'timestamptz', value: (r) => r.createdAt.toISOString() },
};

export function supplierConditions(viewer: Viewer, filter: SupplierFilter | null | undefined): SQL | undefined {
  const conditions: (SQL | undefined)[] = [visibility(viewer).suppliers];
  conditions.push(...changedSince(suppliers, filter));
  if (filter?.status?.length) conditions.push(inArray(suppliers.status, filter.status));
  if (filter?.grade?.length) conditions.push(inArray(suppliers.grade, filter.grade));
  if (filter?.importanceClass?.length) {
    conditions.push(sql`${supplierImportance}::text in (${sql.join(filter.importanceClass.map((c) => sql`${c}`), sql`, `)})`);
  }
  const search = filter?.search?.trim();
  if (search) conditions.push(or(ilike(suppliers.code, containsPattern(search)), ilike(suppliers.name, containsPattern(search))));
  return and(...conditions);
}

export function listSuppliers(
  db: Queryable,
  viewer: Viewer,
  args: PageArgs,
  filter: SupplierFilter | null | undefined,
  order: { field: SupplierSortField; descending: boolean },
): Promise<Page<SupplierRow>> {
  const where = supplierConditions(viewer, filter);
  return keysetPage<SupplierRow>({
    args,
    sort: { ...supplierSorts[order.field], descending: order.descending },
    idColumn: suppliers.id,
    id: (r) => r.id,
    fetch: (cursor, orderBy, limit) =>
      db
        .select()
        .from(suppliers)
        .where(and(where, cursor))
        .orderBy(...orderBy)
        .limit(limit),
    count: async () => (await db.select({ n: count() }).from(suppliers).where(where))[0]!.n,
  });
}

export interface CustomerFilter extends ChangedSince {
  search?: string | null;
}

export function customerConditions(viewer: Viewer, filter: CustomerFilter | null | undefined): SQL | undefined {
  const conditions: (SQL | undefined)[] = [visibility(viewer).customers];
  conditions.push(...changedSince(customers, filter));
  const search = filter?.search?.trim();
  if (search) conditions.push(or(ilike(customers.code, containsPattern(search)), ilike(customers.name, containsPattern(search))));
  return and(...conditions);
}

export const customerSort: Omit<SortKey<CustomerRow>, 'descending'> = { name: 'name', expression: customers.name, cast: 'text', value: (r) => r.name };

export function listCustomers(db: Queryable, viewer: Viewer, args: PageArgs, filter: CustomerFilter | null | undefined): Promise<Page<CustomerRow>> {
  const where = customerConditions(viewer, filter);
  return keysetPage<CustomerRow>({
    args,
    sort: { ...customerSort, descending: false },
    idColumn: customers.id,
    id: (r) => r.id,
    fetch: (cursor, orderBy, limit) =>
      db
        .select()
        .from(customers)
        .where(and(where, cursor))
        .orderBy(...orderBy)
        .limit(limit),
    count: async () => (await db.select({ n: count() }).from(customers).where(where))[0]!.n,
  });
}

export interface PartFilter extends ChangedSince {
  importanceClass?: ImportanceClass[] | null;
  search?: string | null;
}

export function partConditions(viewer: Viewer, filter: PartFilter | null | undefined): SQL | undefined {
  const conditions: (SQL | undefined)[] = [visibility(viewer).parts];
  conditions.push(...changedSince(parts, filter));
  if (filter?.importanceClass?.length) conditions.push(inArray(parts.importanceClass, filter.importanceClass));
  const search = filter?.search?.trim();
  if (search) conditions.push(or(ilike(parts.partNumber, containsPattern(search)), ilike(parts.description, containsPattern(search))));
  return and(...conditions);
}

export const partSort: Omit<SortKey<PartRow>, 'descending'> = { name: 'number', expression: parts.partNumber, cast: 'text', value: (r) => r.partNumber };

export function listParts(db: Queryable, viewer: Viewer, args: PageArgs, filter: PartFilter | null | undefined): Promise<Page<PartRow>> {
  const where = partConditions(viewer, filter);
  return keysetPage<PartRow>({
    args,
    sort: { ...partSort, descending: false },
    idColumn: parts.id,
    id: (r) => r.id,
    fetch: (cursor, orderBy, limit) =>
      db
        .select()
        .from(parts)
        .where(and(where, cursor))
        .orderBy(...orderBy)
        .limit(limit),
    count: async () => (await db.select({ n: count() }).from(parts).where(where))[0]!.n,
  });
}

// ---------------------------------------------------------------- batch reads for the loaders

export function suppliersByIds(db: Queryable, viewer: Viewer, ids: readonly string[]): Promise<SupplierRow[]> {
  return db
    .select()
    .from(suppliers)
    .where(and(anyId(suppliers.id, ids), visibility(viewer).suppliers));
}

export function customersByIds(db: Queryable, viewer: Viewer, ids: readonly string[]): Promise<CustomerRow[]> {
  return db
    .select()
    .from(customers)
    .where(and(anyId(customers.id, ids), visibility(viewer).customers));
}

export function partsByIds(db: Queryable, viewer: Viewer, ids: readonly string[]): Promise<PartRow[]> {
  return db
    .select()
    .from(parts)
    .where(and(anyId(parts.id, ids), visibility(viewer).parts));
}

/**
 * Parts by id without the viewer's scope, for parts reached through a record the viewer may see
 * (an order line, an inspection, a nonconformance): the scope grants exactly those parts, so
 * checking it again per part would only cost the database work.
 */
export function partsOfVisibleRecords(db: Queryable, ids: readonly string[]): Promise<PartRow[]> {
  return db.select().from(parts).where(anyId(parts.id, ids));
}

/** A sourcing row with what the sourcing advice needs to know of its supplier. */
export type SourceRow = SourcedPartRow & { supplierStatus: SupplierStatus; supplierGrade: SupplierGrade | null };

const sourceColumns = {
  partId: sourcedParts.partId,
  supplierId: sourcedParts.supplierId,
  status: sourcedParts.status,
  sharePercent: sourcedParts.sharePercent,
  approvedAt: sourcedParts.approvedAt,
  createdAt: sourcedParts.createdAt,
  updatedAt: sourcedParts.updatedAt,
  supplierStatus: suppliers.status,
  supplierGrade: suppliers.grade,
};

export function sourcesBy(db: Queryable, viewer: Viewer, key: 'partId' | 'supplierId', ids: readonly string[]): Promise<SourceRow[]> {
  return db
    .select(sourceColumns)
    .from(sourcedParts)
    .innerJoin(suppliers, eq(suppliers.id, sourcedParts.supplierId))
    .where(and(anyId(sourcedParts[key], ids), visibility(viewer).sourcedParts))
    .orderBy(sourcedParts.createdAt, suppliers.code, sourcedParts.partId);
}

/** The distinct classes of the parts each supplier is designated for. */
export async function partClassesBySupplierIds(db: Queryable, ids: readonly string[]): Promise<{ supplierId: string; importanceClass: ImportanceClass }[]> {
  return db
    .selectDistinct({ supplierId: sourcedParts.supplierId, importanceClass: parts.importanceClass })
    .from(sourcedParts)
    .innerJoin(parts, eq(parts.id, sourcedParts.partId))
    .where(anyId(sourcedParts.supplierId, ids));
}

export async function latestSurveysBySupplierIds(db: Queryable, ids: readonly string[]): Promise<SupplierSurveyRow[]> {
  return db
    .selectDistinctOn([supplierSurveys.supplierId])
    .from(supplierSurveys)
    .where(anyId(supplierSurveys.supplierId, ids))
    .orderBy(supplierSurveys.supplierId, sql`${supplierSurveys.surveyedAt} desc`, sql`${supplierSurveys.id} desc`);
}
