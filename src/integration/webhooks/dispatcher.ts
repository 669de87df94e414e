import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { type Db, executeRows } from '../../db/client.js';
import { activityHorizon, afterCursor, committedBefore } from '../../db/queries/activity.js';
import { type ActivityRow, activity, type WebhookEndpointRow, webhookDeliveries, webhookDispatch, webhookEndpoints } from '../../db/schema/index.js';
import { endpointSees, endpointWants } from '../../domain/integration/webhook-rules.js';

/** Activity rows turned into deliveries per pass. */
const BATCH = 500;

/**
 * Whether a pass may have anything to do: the cursor row is missing, or the newest activity row lies
 * past it (committed, though perhaps not yet below the horizon; the pass then finds nothing and the
 * next asks again). One statement with no lock, so that the passes of idle instances cost one index
 * probe each instead of a transaction: the newest row is read backwards from the feed's index and
 * then compared, since a comparison with the cursor inside the scan would read the whole feed.
 */
export const activityPastCursorQuery = sql`
    select not exists (select 1 from ${webhookDispatch})
      or exists (
        select 1 from ${webhookDispatch},
          lateral (select ${activity.txId} as tx_id, ${activity.id} as id from ${activity} order by ${activity.txId} desc, ${activity.id} desc limit 1) newest
        where (newest.tx_id, newest.id) > (${webhookDispatch.txId}, ${webhookDispatch.activityId})) as due`;

async function activityPastCursor(db: Db): Promise<boolean> {
  const [row] = await executeRows<{ due: boolean }>(db, activityPastCursorQuery);
  return row?.due !== false;
}

/** The (endpoint, subject) pairs that got new deliveries: each needs its delivery job. */
export interface Dispatched {
  endpointId: string;
  subjectId: string;
}

/** The events an endpoint's payload document subscribes to; null when it has none (every event it may see). */
export type EndpointFilter = (endpoint: WebhookEndpointRow) => Promise<((row: ActivityRow) => boolean) | null>;

/**
 * Turns committed activity into pending deliveries, in feed order, for every active endpoint that
 * wants the kind, whose owner may see the row, and whose payload document (if any) subscribes to it. One instance at a time (the cursor row is locked;
 * others skip), and the cursor moves in the same transaction as the deliveries it produced, so an
 * instance that dies mid-pass loses nothing and duplicates nothing.
 */
export async function dispatchActivity(db: Db, filterOf: EndpointFilter = async () => null): Promise<Dispatched[]> {
  if (!(await activityPastCursor(db))) return [];
  return db.transaction(async (tx) => {
    const [cursor] = await tx.select().from(webhookDispatch).for('update', { skipLocked: true });
    if (cursor === undefined) {
      // No row yet (the first pass ever), or another instance is dispatching.
      await tx.insert(webhookDispatch).values({ singleton: true, txId: '0', activityId: 0 }).onConflictDoNothing();
      return [];
    }
    const horizon = await activityHorizon(tx);
    const endpoints = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.active, true));
    if (endpoints.length === 0) {
      // Nobody listens: the cursor jumps to the newest committed row (an endpoint only gets what follows its registration).
      const [head] = await tx.select({ txId: activity.txId, id: activity.id }).from(activity).where(committedBefore(horizon)).orderBy(desc(activity.txId), desc(activity.id)).limit(1);
      if (head !== undefined && (BigInt(head.txId) > BigInt(cursor.txId) || (head.txId === cursor.txId && head.id > cursor.activityId))) {
        await tx.update(webhookDispatch).set({ txId: head.txId, activityId: head.id }).where(eq(webhookDispatch.singleton, true));
      }
      return [];
    }
    const rows = await tx
      .select()
      .from(activity)
      .where(and(committedBefore(horizon), afterCursor({ txId: cursor.txId, id: cursor.activityId })))
      .orderBy(asc(activity.txId), asc(activity.id))
      .limit(BATCH);
    if (rows.length === 0) return [];
    const filters = new Map(await Promise.all(endpoints.map(async (e) => [e.id, await filterOf(e)] as const)));
    const deliveries = rows.flatMap((row) =>
      endpoints
        .filter((e) => BigInt(row.txId) > BigInt(e.createdTxId) && endpointWants(e.eventKinds, row.kind) && endpointSees(e, row) && (filters.get(e.id)?.(row) ?? true))
        .map((e) => ({ endpointId: e.id, activityId: row.id, txId: row.txId, subjectId: row.subjectId, kind: row.kind })),
    );
    const last = rows.at(-1)!;
    await tx.update(webhookDispatch).set({ txId: last.txId, activityId: last.id }).where(eq(webhookDispatch.singleton, true));
    if (deliveries.length === 0) return [];
    await tx.insert(webhookDeliveries).values(deliveries).onConflictDoNothing();
    const pairs = new Map(deliveries.map((d) => [`${d.endpointId}:${d.subjectId}`, { endpointId: d.endpointId, subjectId: d.subjectId }]));
    return [...pairs.values()];
  });
}

/** Every (endpoint, subject) with pending deliveries on an active endpoint: jobs lost with an instance are sent again. */
export async function pendingPairs(db: Db): Promise<Dispatched[]> {
  return db
    .selectDistinct({ endpointId: webhookDeliveries.endpointId, subjectId: webhookDeliveries.subjectId })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(and(eq(webhookDeliveries.status, 'PENDING'), eq(webhookEndpoints.active, true)));
}
