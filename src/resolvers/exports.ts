import { and, eq, like, type SQL } from 'drizzle-orm';
import { Arg, Authorized, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { type Context, serviceContext } from '../context.js';
import { bulkExportConditions } from '../db/queries/exports.js';
import { decodeActivityCursor, encodeActivityCursor } from '../db/queries/activity.js';
import { keysetPage } from '../db/pagination.js';
import { visibility } from '../db/scope.js';
import { activity, type ActivityRow, type BulkExportRow, bulkExports } from '../db/schema/index.js';
import { startBulkExport } from '../domain/integration/bulk-export-service.js';
import { toGlobalId } from '../domain/shared/ids.js';
import { currentDownloadLink } from '../integration/exports/links.js';
import type { HubEvent } from '../realtime/hub.js';
import { filterId } from '../read/filters.js';
import { BulkExport, BulkExportConnection, BulkExportListFilter, BulkExportUpdate, StartBulkExportInput, StartBulkExportPayload } from '../schema/exports.js';
import { payload } from './payload.js';
import { DateTimeScalar } from '../schema/common.js';

@Resolver(() => BulkExport)
export class BulkExportResolver {
  @Authorized()
  @Query(() => BulkExportConnection, { description: "The viewer's own bulk exports, newest first (each is kept until its expiresAt)." })
  bulkExports(
    @Arg('first', () => Int, { nullable: true, description: 'Page size, at most 100 (20 when not given).' }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('filter', () => BulkExportListFilter, { nullable: true }) filter: BulkExportListFilter | null,
    @Ctx() ctx: Context,
  ) {
    const where = bulkExportConditions(ctx.viewer!, filter ? { ...filter, ids: filter.ids?.map((id) => filterId(id, 'BulkExport')!) } : null);
    return keysetPage<BulkExportRow>({
      args: { first, after },
      sort: { name: 'created', expression: bulkExports.createdAt, cast: 'timestamptz', value: (r) => r.createdAt.toISOString(), descending: true },
      idColumn: bulkExports.id,
      id: (r) => r.id,
      fetch: (cursor, orderBy, limit) =>
        ctx.db
          .select()
          .from(bulkExports)
          .where(and(where, cursor))
          .orderBy(...orderBy)
          .limit(limit),
      count: async () => (await ctx.db.$count(bulkExports, where)) as number,
    });
  }

  @Authorized()
  @Mutation(() => StartBulkExportPayload, {
    description:
      'Starts writing a list, as the viewer sees it, to a JSONL or CSV file in the background. Follow it with bulkExportUpdated or bulkExports, then download it from downloadUrl. At most 3 of a user wait or run at once.',
  })
  async startBulkExport(@Arg('input', () => StartBulkExportInput) input: StartBulkExportInput, @Ctx() ctx: Context) {
    const result = await startBulkExport(serviceContext(ctx), { ...input, filter: input.filter as Record<string, unknown> | null | undefined });
    if (result.ok && result.value.status === 'QUEUED') await ctx.exports.enqueue(result.value.id);
    return payload(ctx, 'bulkExport', result);
  }

  @Authorized()
  @Subscription(() => BulkExportUpdate, {
    description: "Steps of one of the viewer's exports: started, every tenth of the way, completed or failed; `after` replays what was recorded after that cursor first.",
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      const a = args as { id: string; after?: string | null };
      const id = filterId(a.id, 'BulkExport')!;
      const after = a.after == null ? null : decodeActivityCursor(a.after);
      const where: SQL | undefined = and(eq(activity.subjectType, 'BulkExport'), eq(activity.subjectId, id), like(activity.kind, 'BULK\\_EXPORT\\_%'));
      return ctx.hub.subscribe({ viewer: ctx.viewer!, where, matches: (row: ActivityRow) => row.subjectType === 'BulkExport' && row.subjectId === id, after });
    },
  })
  async bulkExportUpdated(@Root() event: HubEvent, @Arg('id', () => ID, { description: 'The export (its id from startBulkExport).' }) _id: string,
    @Arg('after', () => String, { nullable: true, description: 'An activity cursor: replay what was recorded after it first.' }) _after: string | null,
    @Ctx() ctx: Context) {
    // The export as it is now, if the viewer is its requester.
    const [row] = await ctx.db
      .select()
      .from(bulkExports)
      .where(and(eq(bulkExports.id, event.row.subjectId), visibility(ctx.viewer!).bulkExports));
    return { cursor: encodeActivityCursor(event.row), occurredAt: event.row.occurredAt, kind: event.row.kind, bulkExport: row ?? null };
  }

  @FieldResolver(() => ID)
  id(@Root() row: BulkExportRow) {
    return toGlobalId('BulkExport', row.id);
  }

  @FieldResolver(() => Float, { nullable: true })
  progress(@Root() row: BulkExportRow) {
    if (row.status === 'COMPLETED') return 1;
    return row.expectedRowCount ? Math.min(1, row.rowCount / row.expectedRowCount) : null;
  }

  @FieldResolver(() => String, { nullable: true })
  downloadUrl(@Root() row: BulkExportRow, @Ctx() ctx: Context) {
    return row.status === 'COMPLETED' ? currentDownloadLink(row.id, ctx.now().getTime()).path : null;
  }

  @FieldResolver(() => DateTimeScalar, { nullable: true })
  downloadUrlExpiresAt(@Root() row: BulkExportRow, @Ctx() ctx: Context) {
    return row.status === 'COMPLETED' ? currentDownloadLink(row.id, ctx.now().getTime()).expiresAt : null;
  }
}
