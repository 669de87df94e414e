import { and, count, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer.js';
import type { Queryable } from '../client.js';
import { keysetPage, type Page, type PageArgs, type SortKey } from '../pagination.js';
import { type NonconformanceHistoryRow, type NonconformanceRow, nonconformanceHistory, nonconformances } from '../schema/index.js';
import { partnerFilter, visibility } from '../scope.js';
import { anyId } from '../any-id.js';
import { type ChangedSince, changedSince } from './changed-since.js';

export interface NonconformanceFilter extends ChangedSince {
  status?: NonconformanceRow['status'][] | null;
  severity?: NonconformanceRow['severity'][] | null;
  supplierId?: string | null;
  customerId?: string | null;
  partId?: string | null;
  overdue?: boolean | null;
}

/** The SQL twin of isOverdue() in src/domain/nonconformances/lifecycle.ts. */
export function overdueCondition(now: Date): SQL {
  const at = now.toISOString();
  return sql`(${nonconformances.status} not in ('CLOSED', 'CANCELLED') and ((${nonconformances.containedAt} is null and ${nonconformances.containmentDueAt} < ${at}) or (${nonconformances.correctiveActionAt} is null and ${nonconformances.correctiveActionDueAt} < ${at})))`;
}

export function nonconformanceConditions(viewer: Viewer, filter: NonconformanceFilter | null | undefined, now: Date): SQL | undefined {
  const conditions: (SQL | undefined)[] = [visibility(viewer).nonconformances];
  conditions.push(...changedSince(nonconformances, filter));
  if (filter?.status?.length) conditions.push(inArray(nonconformances.status, filter.status));
  if (filter?.severity?.length) conditions.push(inArray(nonconformances.severity, filter.severity));
  const { supplierId, customerId } = partnerFilter(viewer, { supplierId: filter?.supplierId ?? null, customerId: filter?.customerId ?? null });
  if (supplierId) conditions.push(eq(nonconformances.supplierId, supplierId));
  if (customerId) conditions.push(eq(nonconformances.customerId, customerId));
  if (filter?.partId) conditions.push(eq(nonconformances.partId, filter.partId));
  if (filter?.overdue === true) conditions.push(overdueCondition(now));
  if (filter?.overdue === false) conditions.push(sql`not ${overdueCondition(now)}`);
  return and(...conditions);
}

export const nonconformanceSort: SortKey<NonconformanceRow> = { name: 'created', expression: nonconformances.createdAt, cast: 'timestamptz', value: (r) => r.createdAt.toISOString(), descending: true };

export function listNonconformances(db: Queryable, args: PageArgs, where: SQL | undefined): Promise<Page<NonconformanceRow>> {
  return keysetPage<NonconformanceRow>({
    args,
    sort: nonconformanceSort,
    idColumn: nonconformances.id,
    id: (r) => r.id,
    fetch: (cursor, orderBy, limit) =>
      db
        .select()
        .from(nonconformances)
        .where(and(where, cursor))
        .orderBy(...orderBy)
        .limit(limit),
    count: async () => (await db.select({ n: count() }).from(nonconformances).where(where))[0]!.n,
  });
}

export function nonconformancesByIds(db: Queryable, viewer: Viewer, ids: readonly string[]): Promise<NonconformanceRow[]> {
  return db
    .select()
    .from(nonconformances)
    .where(and(anyId(nonconformances.id, ids), visibility(viewer).nonconformances));
}

export function historyByNonconformanceIds(db: Queryable, ids: readonly string[]): Promise<NonconformanceHistoryRow[]> {
  return db
    .select()
    .from(nonconformanceHistory)
    .where(anyId(nonconformanceHistory.nonconformanceId, ids))
    .orderBy(nonconformanceHistory.at, nonconformanceHistory.id);
}

export function nonconformancesByInspectionIds(db: Queryable, viewer: Viewer, ids: readonly string[]): Promise<NonconformanceRow[]> {
  return db
    .select()
    .from(nonconformances)
    .where(and(anyId(nonconformances.inspectionId, ids), visibility(viewer).nonconformances));
}
