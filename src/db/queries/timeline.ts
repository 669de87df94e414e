import { and, count, desc, eq, lt } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import type { Viewer } from '../../auth/viewer.js';
import { msg } from '../../i18n/message.js';
import type { Queryable } from '../client.js';
import { type Page, pageWindow } from '../pagination.js';
import { type ActivityRow, activity } from '../schema/index.js';
import { visibility } from '../scope.js';

/**
 * A customer's file: every activity entry about its records (sales orders and their deliveries,
 * feedback, satisfaction surveys, nonconformances raised for it, files attached), newest first,
 * under the activity scope of src/db/scope.ts. Cursors are the entry's number.
 */
export const encodeTimelineCursor = (id: number): string => Buffer.from(`timeline:${id}`, 'utf8').toString('base64url');

export function decodeTimelineCursor(cursor: string): number {
  const match = /^timeline:(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match === null) throw new GraphQLError(msg`after is not a cursor of this timeline.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
  return Number(match[1]);
}

export async function customerTimeline(db: Queryable, viewer: Viewer, customerId: string, args: { first?: number | null; after?: string | null }): Promise<Page<ActivityRow>> {
  const { size } = pageWindow({ first: args.first ?? null, last: null });
  const matching = and(eq(activity.customerId, customerId), visibility(viewer).activity);
  const before = args.after == null ? undefined : lt(activity.id, decodeTimelineCursor(args.after));
  const rows =
    size === 0
      ? []
      : await db
          .select()
          .from(activity)
          .where(and(matching, before))
          .orderBy(desc(activity.id))
          .limit(size + 1);
  const page = rows.slice(0, size);
  const edges = page.map((row) => ({ cursor: encodeTimelineCursor(row.id), node: row }));
  return {
    edges,
    nodes: page,
    pageInfo: { hasNextPage: rows.length > size, hasPreviousPage: args.after != null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: async () => (await db.select({ n: count() }).from(activity).where(matching))[0]!.n,
  };
}
