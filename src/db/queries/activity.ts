import { and, eq, type SQL, sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import type { Viewer } from '../../auth/viewer.js';
import type { Queryable } from '../client.js';
import { MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE } from '../pagination.js';
import { activity, type ActivityRow } from '../schema/index.js';
import { visibility } from '../scope.js';

/**
 * Activity is read in commit-safe order. Ids are handed out before commit, so id 11 can commit
 * before id 10; a reader that moved past 11 would never see 10. The feed therefore orders by
 * (writing transaction, id) and shows only rows of transactions older than every transaction still
 * in flight (pg_snapshot_xmin): once shown, nothing can appear before a row.
 */
export interface ActivityCursor {
  txId: string;
  id: number;
}

export function encodeActivityCursor(row: Pick<ActivityRow, 'txId' | 'id'>): string {
  return Buffer.from(`${row.txId}:${row.id}`, 'utf8').toString('base64url');
}

export function decodeActivityCursor(cursor: string): ActivityCursor {
  const match = /^(\d{1,20}):(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new GraphQLError('after is not an activity cursor.', { extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
  return { txId: match[1]!, id: Number(match[2]) };
}

export const committedBeforeInFlight = sql`${activity.txId} < pg_snapshot_xmin(pg_current_snapshot())`;

export function afterCursor(cursor: ActivityCursor | null): SQL | undefined {
  return cursor === null ? undefined : sql`(${activity.txId}, ${activity.id}) > (${cursor.txId}::xid8, ${cursor.id}::bigint)`;
}

export async function listActivity(
  db: Queryable,
  viewer: Viewer,
  args: { first?: number | null; after?: string | null; subjectId?: string | null },
): Promise<{ rows: ActivityRow[]; hasNextPage: boolean }> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (first < 0 || first > MAX_PAGE_SIZE) {
    throw new GraphQLError(`first must be between 0 and ${MAX_PAGE_SIZE}; got ${first}.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
  }
  const cursor = args.after == null ? null : decodeActivityCursor(args.after);
  if (first === 0) return { rows: [], hasNextPage: false };
  const rows = await db
    .select()
    .from(activity)
    .where(and(visibility(viewer).activity, committedBeforeInFlight, afterCursor(cursor), args.subjectId ? eq(activity.subjectId, args.subjectId) : undefined))
    .orderBy(activity.txId, activity.id)
    .limit(first + 1);
  return { rows: rows.slice(0, first), hasNextPage: rows.length > first };
}
