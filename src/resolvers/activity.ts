import { customerTimeline } from '../db/queries/timeline.js';
import { Customer } from '../schema/partners.js';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { actorNameFor } from '../auth/actor-name.js';
import type { Context } from '../context.js';
import { filterAnyId } from '../read/filters.js';
import { encodeActivityCursor, listActivity } from '../db/queries/activity.js';
import type { ActivityRow } from '../db/schema/index.js';
import { Activity, ActivityConnection } from '../schema/activity.js';
import { Node } from '../schema/common.js';
import { loadNodeOfType } from './node.js';
import { toGlobalId } from '../domain/shared/ids.js';


@Resolver(() => Activity)
export class ActivityResolver {
  @Authorized()
  @Query(() => ActivityConnection, { description: 'The activity the viewer may see, oldest first after the cursor; optionally about one subject.' })
  async activity(
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('subjectId', () => ID, { nullable: true }) subjectId: string | null,
    @Ctx() ctx: Context,
  ) {
    const subject = filterAnyId(subjectId);
    const { rows, hasNextPage, totalCount } = await listActivity(ctx.db, ctx.viewer!, { first, after, subjectId: subject });
    const edges = rows.map((row) => ({ cursor: encodeActivityCursor(row), node: row }));
    return {
      edges,
      nodes: rows,
      pageInfo: { hasNextPage, hasPreviousPage: after != null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount,
    };
  }

  @FieldResolver(() => ID)
  id(@Root() row: ActivityRow) {
    return toGlobalId('Activity', String(row.id));
  }

  @FieldResolver(() => String)
  cursor(@Root() row: ActivityRow) {
    return encodeActivityCursor(row);
  }

  /** A partner sees its own and staff users by name, another partner's users only as that partner's role. */
  @FieldResolver(() => String)
  actor(@Root() row: ActivityRow, @Ctx() ctx: Context) {
    return actorNameFor(ctx.viewer, { organizationId: row.actorOrganizationId, name: row.actorName }, row);
  }

  @FieldResolver(() => Node, { nullable: true })
  subject(@Root() row: ActivityRow, @Ctx() ctx: Context) {
    return loadNodeOfType(ctx, row.subjectType, row.subjectId);
  }
}

@Resolver(() => Customer)
export class CustomerTimelineResolver {
  @FieldResolver(() => ActivityConnection, {
    description:
      "The customer's file: every change to its sales orders and their deliveries, its feedback and satisfaction surveys, the nonconformances raised for it and the files attached to them, newest first, as the viewer may see them.",
  })
  timeline(
    @Root() row: { id: string },
    @Arg('first', () => Int, { nullable: true, description: 'Page size, at most 100 (20 when not given).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'A cursor of this timeline: the entries older than it.' }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return customerTimeline(ctx.db, ctx.viewer!, row.id, { first, after });
  }
}
