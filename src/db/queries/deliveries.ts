import { and, asc, count, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer.js';
import type { DeliveryStatus } from '../../domain/deliveries/lifecycle.js';
import type { Queryable } from '../client.js';
import { keysetPage, type Page, type PageArgs, type SortKey } from '../pagination.js';
import { type DeliveryEventRow, type DeliveryLineRow, type DeliveryRow, deliveries, deliveryEvents, deliveryLines, orderLines } from '../schema/index.js';
import { visibility } from '../scope.js';
import { anyId } from '../any-id.js';
import { type ChangedSince, changedSince } from './changed-since.js';

export interface DeliveryFilter extends ChangedSince {
  orderId?: string | null;
  partner?: { type: 'Supplier' | 'Customer'; id: string } | null;
  status?: DeliveryStatus[] | null;
  late?: boolean | null;
}

/** Not yet arrived (nor cancelled). */
export const underway: readonly DeliveryStatus[] = ['PLANNED', 'DISPATCHED', 'IN_TRANSIT', 'DELAYED'];

/** Late: the estimated arrival has passed and the delivery has not arrived. */
export function lateCondition(now: Date): SQL {
  return sql`(${deliveries.status} in ('PLANNED', 'DISPATCHED', 'IN_TRANSIT', 'DELAYED') and ${deliveries.estimatedArrival} < ${now.toISOString()})`;
}

export function deliveryConditions(viewer: Viewer, filter: DeliveryFilter | null | undefined, now: Date): SQL | undefined {
  const conditions: (SQL | undefined)[] = [visibility(viewer).deliveries];
  conditions.push(...changedSince(deliveries, filter));
  if (filter?.orderId) conditions.push(eq(deliveries.orderId, filter.orderId));
  if (filter?.partner) conditions.push(eq(filter.partner.type === 'Supplier' ? deliveries.supplierId : deliveries.customerId, filter.partner.id));
  if (filter?.status?.length) conditions.push(inArray(deliveries.status, filter.status));
  if (filter?.late === true) conditions.push(lateCondition(now));
  if (filter?.late === false) conditions.push(sql`not ${lateCondition(now)}`);
  return and(...conditions);
}

/** Newest first. */
export const deliverySort: SortKey<DeliveryRow> = { name: 'created', expression: deliveries.createdAt, cast: 'timestamptz', value: (r) => r.createdAt.toISOString(), descending: true };

export function listDeliveries(db: Queryable, args: PageArgs, where: SQL | undefined): Promise<Page<DeliveryRow>> {
  return keysetPage<DeliveryRow>({
    args,
    sort: deliverySort,
    idColumn: deliveries.id,
    id: (r) => r.id,
    fetch: (cursor, orderBy, limit) =>
      db
        .select()
        .from(deliveries)
        .where(and(where, cursor))
        .orderBy(...orderBy)
        .limit(limit),
    count: async () => (await db.select({ n: count() }).from(deliveries).where(where))[0]!.n,
  });
}

export function deliveriesByIds(db: Queryable, viewer: Viewer, ids: readonly string[]): Promise<DeliveryRow[]> {
  return db
    .select()
    .from(deliveries)
    .where(and(anyId(deliveries.id, ids), visibility(viewer).deliveries));
}

export function deliveriesByOrderIds(db: Queryable, ids: readonly string[]): Promise<DeliveryRow[]> {
  return db
    .select()
    .from(deliveries)
    .where(anyId(deliveries.orderId, ids))
    .orderBy(deliveries.createdAt, deliveries.number);
}

/** In the order's line order. */
export async function deliveryLinesByDeliveryIds(db: Queryable, ids: readonly string[]): Promise<DeliveryLineRow[]> {
  const rows = await db
    .select({ line: deliveryLines })
    .from(deliveryLines)
    .innerJoin(orderLines, eq(orderLines.id, deliveryLines.orderLineId))
    .where(anyId(deliveryLines.deliveryId, ids))
    .orderBy(orderLines.lineNumber);
  return rows.map((r) => r.line);
}

export function deliveryEventsByDeliveryIds(db: Queryable, ids: readonly string[]): Promise<DeliveryEventRow[]> {
  return db
    .select()
    .from(deliveryEvents)
    .where(anyId(deliveryEvents.deliveryId, ids))
    .orderBy(asc(deliveryEvents.occurredAt), asc(deliveryEvents.recordedAt), asc(deliveryEvents.id));
}

export function deliveryEventsByIds(db: Queryable, ids: readonly string[]): Promise<DeliveryEventRow[]> {
  return db
    .select()
    .from(deliveryEvents)
    .where(anyId(deliveryEvents.id, ids));
}

