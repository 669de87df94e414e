import { and, count, eq, type SQL, sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import type { Viewer } from '../../auth/viewer.js';
import { PgDialect } from 'drizzle-orm/pg-core';
import { columnText, executeRows, type Queryable, type RowReader } from '../client.js';
import { MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE } from '../pagination.js';
import { activity, type ActivityRow } from '../schema/index.js';
import { visibility } from '../scope.js';
import { msg } from '../../i18n/message.js';

/**
 * Activity is read in commit-safe order. Ids are handed out before commit, so id 11 can commit
 * before id 10; a reader that moved past 11 would never see 10. The feed therefore orders by
 * (writing transaction, id) and shows only rows of transactions older than every transaction that
 * may still add activity (the horizon below): once shown, nothing can appear before a row.
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
  // A transaction id is an unsigned 64-bit number, a row id a safe integer (identity columns start at 1).
  if (!match || BigInt(match[1]!) >= 2n ** 64n || BigInt(match[2]!) > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new GraphQLError(msg`after is not an activity cursor.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
  }
  return { txId: match[1]!, id: Number(match[2]) };
}

/**
 * Every transaction that may write activity holds this shared advisory lock from its first statement
 * (src/domain/shared/service.ts), before it has a transaction id. Other transactions, in this
 * database or any other on the cluster (a long report, an export, a migration), never hold it, so
 * they do not hold the feed back.
 */
export const ACTIVITY_WRITER_LOCK = { classId: 727_274, objId: 2 } as const;

export const takeActivityWriterLock = sql`select pg_advisory_xact_lock_shared(${sql.raw(String(ACTIVITY_WRITER_LOCK.classId))}, ${sql.raw(String(ACTIVITY_WRITER_LOCK.objId))})`;

const TWO_32 = '4294967296';
const TWO_31 = '2147483648';

/**
 * The activity horizon: every activity row of a transaction below it is committed (or rolled back)
 * by the time this statement has run, so a later statement sees all of them. It is the oldest
 * transaction id among the activity writers in flight, and never above the statement snapshot's
 * xmax: pg_stat_activity reads one backend after another, so a writer read while it had no id yet
 * may have been given one, below another writer's, before the read ended; any id given after the
 * snapshot is at or above xmax. pg_stat_activity reports 32-bit ids; they are widened with the
 * epoch of xmax: an in-flight id is within 2^31 of it, above (given after the snapshot's latest
 * completed transaction) or below.
 * Run it as a statement of its own (or a read's prelude: horizonInPrelude), before the read it
 * bounds: a writer that commits between this statement's snapshot and its read of the locks is then
 * visible to the read.
 */
const horizonStatement = sql`

    with s as (select pg_snapshot_xmax(pg_current_snapshot())::text::numeric as xmax),
    writers as (
      select a.backend_xid::text::numeric as xid
      from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.granted
        and l.database = (select oid from pg_database where datname = current_database())
        and l.classid = ${sql.raw(String(ACTIVITY_WRITER_LOCK.classId))} and l.objid = ${sql.raw(String(ACTIVITY_WRITER_LOCK.objId))} and l.objsubid = 2
        and a.backend_xid is not null
    )
    select least(
      s.xmax,
      (
        select min(s.xmax - mod(s.xmax, ${sql.raw(TWO_32)}) + w.xid + case
          when w.xid - mod(s.xmax, ${sql.raw(TWO_32)}) > ${sql.raw(TWO_31)} then -${sql.raw(TWO_32)}
          when mod(s.xmax, ${sql.raw(TWO_32)}) - w.xid > ${sql.raw(TWO_31)} then ${sql.raw(TWO_32)}
          else 0 end)
        from writers w
      )
    )::text as horizon
    from s`;

export async function activityHorizon(db: Queryable): Promise<string> {
  const [row] = await executeRows<{ horizon: string }>(db, horizonStatement);
  return row!.horizon;
}

/** The statement's text, made once: it has no parameters. */
let horizonText: string | undefined;
const horizonTextOf = () => (horizonText ??= new PgDialect().sqlToQuery(horizonStatement).sql);

/** The setting a read's prelude puts the horizon in, for the read's conditions (`horizonSetting`). */
const HORIZON_SETTING = 'scm.activity_horizon';

/**
 * The horizon read by a statement's prelude (src/db/tenancy.ts) into a setting, as a select-list
 * item: the prelude is a statement of its own, run just before the read in the same implicit
 * transaction, and in READ COMMITTED the read takes its own snapshot after it. A writer that
 * committed between the prelude's snapshot and its read of the locks is visible to the read, as it
 * is when the horizon is read by a statement of its own, and one round trip is saved.
 */
export const horizonInPrelude = (): string => `set_config('${HORIZON_SETTING}', (${horizonTextOf()}), true)`;

/** The horizon the statement's prelude set (horizonInPrelude). */
export const horizonSetting = sql.raw(`current_setting('${HORIZON_SETTING}')::xid8`);

/** The horizon read by a statement of its own through a request's row reader (an export reads it before its snapshot). */
export async function activityHorizonOf(reader: RowReader): Promise<string> {
  const value = (await reader(horizonTextOf(), []))?.[0];
  if (value === null || value === undefined) throw new Error('the activity horizon was not read');
  return columnText(value);
}

/** Rows below the horizon (see activityHorizon): a value read before, or the prelude's setting (horizonSetting). */
export function committedBefore(horizon: string | SQL): SQL {
  return typeof horizon === 'string' ? sql`${activity.txId} < ${horizon}::xid8` : sql`${activity.txId} < ${horizon}`;
}

export function afterCursor(cursor: ActivityCursor | null): SQL | undefined {
  return cursor === null ? undefined : sql`(${activity.txId}, ${activity.id}) > (${cursor.txId}::xid8, ${cursor.id}::bigint)`;
}

export async function listActivity(
  db: Queryable,
  viewer: Viewer,
  args: { first?: number | null; after?: string | null; subjectId?: string | null },
): Promise<{ rows: ActivityRow[]; hasNextPage: boolean; totalCount: () => Promise<number> }> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (first < 0 || first > MAX_PAGE_SIZE) {
    throw new GraphQLError(msg`first must be between 0 and ${MAX_PAGE_SIZE}; got ${first}.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
  }
  const cursor = args.after == null ? null : decodeActivityCursor(args.after);
  const horizon = await activityHorizon(db);
  const matching = and(visibility(viewer).activity, committedBefore(horizon), args.subjectId ? eq(activity.subjectId, args.subjectId) : undefined);
  const totalCount = async () => (await db.select({ n: count() }).from(activity).where(matching))[0]!.n;
  if (first === 0) return { rows: [], hasNextPage: false, totalCount };
  const rows = await db
    .select()
    .from(activity)
    .where(and(matching, afterCursor(cursor)))
    .orderBy(activity.txId, activity.id)
    .limit(first + 1);
  return { rows: rows.slice(0, first), hasNextPage: rows.length > first, totalCount };
}

/** Activity rows by id, those the viewer may see. */
export function activityByIds(db: Queryable, viewer: Viewer, ids: readonly string[]): Promise<ActivityRow[]> {
  return db
    .select()
    .from(activity)
    .where(and(sql`${activity.id} = any(${`{${ids.join(',')}}`}::bigint[])`, visibility(viewer).activity));
}
