import { and, count, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer.js';
import type { Queryable } from '../client.js';
import { keysetPage, type Page, type PageArgs, type SortKey } from '../pagination.js';
import { type CustomerFeedbackRow, customerFeedback } from '../schema/index.js';
import { visibility } from '../scope.js';
import { anyId } from '../any-id.js';
import { type ChangedSince, changedSince } from './changed-since.js';

export interface FeedbackFilter extends ChangedSince {
  kind?: CustomerFeedbackRow['kind'][] | null;
  status?: CustomerFeedbackRow['status'][] | null;
  customerId?: string | null;
  overdue?: boolean | null;
}

/** The SQL twin of isFeedbackOverdue() in src/domain/feedback/lifecycle.ts. */
export function overdueFeedbackCondition(now: Date): SQL {
  const at = now.toISOString();
  return sql`((${customerFeedback.status} = 'RECEIVED' and ${customerFeedback.acknowledgeBy} < ${at}) or (${customerFeedback.status} in ('RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS') and ${customerFeedback.resolveBy} < ${at}))`;
}

export function feedbackConditions(viewer: Viewer, filter: FeedbackFilter | null | undefined, now: Date): SQL | undefined {
  const conditions: (SQL | undefined)[] = [visibility(viewer).customerFeedback];
  conditions.push(...changedSince(customerFeedback, filter));
  if (filter?.kind?.length) conditions.push(inArray(customerFeedback.kind, filter.kind));
  if (filter?.status?.length) conditions.push(inArray(customerFeedback.status, filter.status));
  if (filter?.customerId) conditions.push(eq(customerFeedback.customerId, filter.customerId));
  if (filter?.overdue === true) conditions.push(overdueFeedbackCondition(now));
  if (filter?.overdue === false) conditions.push(sql`not ${overdueFeedbackCondition(now)}`);
  return and(...conditions);
}

export const feedbackSort: SortKey<CustomerFeedbackRow> = { name: 'received', expression: customerFeedback.receivedAt, cast: 'timestamptz', value: (r) => r.receivedAt.toISOString(), descending: true };

export function listFeedback(db: Queryable, args: PageArgs, where: SQL | undefined): Promise<Page<CustomerFeedbackRow>> {
  return keysetPage<CustomerFeedbackRow>({
    args,
    sort: feedbackSort,
    idColumn: customerFeedback.id,
    id: (r) => r.id,
    fetch: (cursor, orderBy, limit) =>
      db
        .select()
        .from(customerFeedback)
        .where(and(where, cursor))
        .orderBy(...orderBy)
        .limit(limit),
    count: async () => (await db.select({ n: count() }).from(customerFeedback).where(where))[0]!.n,
  });
}

export function feedbackByIds(db: Queryable, viewer: Viewer, ids: readonly string[]): Promise<CustomerFeedbackRow[]> {
  return db
    .select()
    .from(customerFeedback)
    .where(and(anyId(customerFeedback.id, ids), visibility(viewer).customerFeedback));
}

export async function overdueFeedbackCount(db: Queryable, now: Date): Promise<number> {
  const [row] = await db.select({ n: count() }).from(customerFeedback).where(overdueFeedbackCondition(now));
  return row!.n;
}
