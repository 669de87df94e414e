import { and, eq, type SQL, sql } from 'drizzle-orm';
import { actorNameSql } from '../auth/actor-name.js';
import { activityHorizonOf, committedBefore, decodeActivityCursor, horizonInPrelude, horizonSetting } from '../db/queries/activity.js';
import { decodeTimelineCursor } from '../db/queries/timeline.js';
import { activity } from '../db/schema/index.js';
import { column, globalId, instant } from '../read/fields.js';
import { filterAnyId } from '../read/filters.js';
import { type ConnectionModel, oneOf, type RootModel, type Sort, type TableModel, table, value } from '../read/model.js';
import { base64url } from '../read/sql.js';
import { nodeModels } from '../read/registry.js';

/** Read model of the activity feed (see src/read/model.ts and src/db/queries/activity.ts). */

/** encodeActivityCursor in SQL. */
const activityCursor = base64url(sql`${activity.txId}::text || ':' || ${activity.id}::text`);

export const activityModel: TableModel = table({
  type: 'Activity',
  from: sql`${activity}`,
  scope: (env) => env.scope.activity,
  key: activity.id,
  fields: {
    id: globalId('Activity', activity.id),
    cursor: value(activityCursor),
    occurredAt: instant(activity.occurredAt),
    actor: value((env) => actorNameSql(env.viewer, { organizationId: activity.actorOrganizationId, name: activity.actorName }, { supplierId: activity.supplierId, customerId: activity.customerId })),
    kind: column(activity.kind),
    subject: oneOf(() =>
      Object.entries(nodeModels)
        .filter(([type]) => type !== 'Activity')
        .map(([type, model]) => ({ model, when: sql`${activity.subjectType} = ${sql.raw(`'${type}'`)}`, on: sql`${model.key!} = ${activity.subjectId}` })),
    ),
    summary: column(activity.summary),
  },
});

/** In commit-safe order (transaction, then id): the cursors of encodeActivityCursor. */
const feedOrder: Sort = {
  terms: [sql`${activity.txId}`, sql`${activity.id}`],
  descending: false,
  cursor: activityCursor,
  seek: (_argument, cursor) => {
    const position = decodeActivityCursor(cursor);
    return sql`(${activity.txId}, ${activity.id}) > (${position.txId}::xid8, ${position.id}::bigint)`;
  },
};

/** The feed below the horizon read just before (activityHorizon): nothing can appear before a row once shown. */
const activityConnection = (horizon: string | SQL): ConnectionModel => ({
  type: 'ActivityConnection',
  node: () => activityModel,
  where: (env, args) => and(env.scope.activity, committedBefore(horizon), args.subjectId == null ? undefined : eq(activity.subjectId, filterAnyId(args.subjectId as string)!)),
  sort: () => feedOrder,
  backward: false,
});

export const activityRoots: Record<string, RootModel> = {
  activity: {
    kind: 'connection',
    connection: () => activityConnection(horizonSetting),
    prelude: { set: horizonInPrelude, read: activityHorizonOf, given: activityConnection },
  },
};

/** Newest first by entry number: a customer's timeline (src/db/queries/timeline.ts writes the same cursors). */
const timelineOrder: Sort = {
  terms: [sql`${activity.id}`],
  descending: true,
  cursor: base64url(sql`'timeline:' || ${activity.id}::text`),
  seek: (_argument, cursor, greater) => {
    const id = decodeTimelineCursor(cursor);
    return greater ? sql`${activity.id} > ${id}` : sql`${activity.id} < ${id}`;
  },
};

/** A customer's file: the activity about its records (joined by the customer's `timeline` field). */
export const timelineConnection: ConnectionModel = {
  type: 'ActivityConnection',
  node: () => activityModel,
  where: (env) => env.scope.activity,
  sort: () => timelineOrder,
  backward: false,
};
