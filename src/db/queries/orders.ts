import { and, asc, count, eq, ilike, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer.js';
import type { OrderStatus } from '../../domain/orders/lifecycle.js';
import type { Queryable } from '../client.js';
import { keysetPage, type Page, type PageArgs, type SortKey } from '../pagination.js';
import { type OrderChangeRequestRow, type OrderLineChangeRow, type OrderLineRow, type OrderRow, orderChangeRequests, orderLineChanges, orderLines, orders } from '../schema/index.js';
import { visibility } from '../scope.js';
import { containsPattern } from './partners.js';
import { anyId } from '../any-id.js';
import { type ChangedSince, changedSince } from './changed-since.js';

/** An order with its total, summed exactly in SQL. */
export type OrderView = OrderRow & { total: string };

const orderColumns = {
  id: orders.id,
  number: orders.number,
  direction: orders.direction,
  status: orders.status,
  supplierId: orders.supplierId,
  customerId: orders.customerId,
  contractId: orders.contractId,
  currency: orders.currency,
  dueDate: orders.dueDate,
  issuedAt: orders.issuedAt,
  acknowledgedAt: orders.acknowledgedAt,
  createdById: orders.createdById,
  note: orders.note,
  version: orders.version,
  createdAt: orders.createdAt,
  updatedAt: orders.updatedAt,
  // Written out: drizzle leaves columns unqualified in a one-table select list, and the subquery
  // must name the outer orders row.
  total: sql<string>`(select coalesce(sum(ol.quantity * ol.unit_price), 0)::numeric(30,6)::text from order_lines ol where ol.order_id = "orders"."id")`,
};

export interface OrderFilter extends ChangedSince {
  direction?: 'PURCHASE' | 'SALES' | null;
  status?: OrderStatus[] | null;
  partner?: { type: 'Supplier' | 'Customer'; id: string } | null;
  dueBefore?: string | null;
  search?: string | null;
}

export type OrderSortField = 'NUMBER' | 'DUE_DATE' | 'CREATED_AT';

/** What a sort reads of a row: the order's own columns. */
type OrderSortRow = Pick<OrderRow, 'id' | 'number' | 'dueDate' | 'createdAt'>;

export const orderSorts: Record<OrderSortField, Omit<SortKey<OrderSortRow>, 'descending'>> = {
  NUMBER: { name: 'number', expression: orders.number, cast: 'text', value: (r) => r.number },
  DUE_DATE: { name: 'due', expression: orders.dueDate, cast: 'date', value: (r) => r.dueDate },
  CREATED_AT: { name: 'created', expression: orders.createdAt, cast: 'timestamptz', value: (r) => r.createdAt.toISOString() },
};

export function orderConditions(viewer: Viewer, filter: OrderFilter | null | undefined): SQL | undefined {
  const conditions: (SQL | undefined)[] = [visibility(viewer).orders];
  conditions.push(...changedSince(orders, filter));
  if (filter?.direction) conditions.push(eq(orders.direction, filter.direction));
  if (filter?.status?.length) conditions.push(inArray(orders.status, filter.status));
  if (filter?.partner) conditions.push(eq(filter.partner.type === 'Supplier' ? orders.supplierId : orders.customerId, filter.partner.id));
  // The due date is the earliest requested date: "a line requested on or before".
  if (filter?.dueBefore) conditions.push(lte(orders.dueDate, filter.dueBefore));
  const search = filter?.search?.trim();
  if (search) conditions.push(ilike(orders.number, containsPattern(search)));
  return and(...conditions);
}

export function listOrders(db: Queryable, args: PageArgs, where: SQL | undefined, order: { field: OrderSortField; descending: boolean }): Promise<Page<OrderView>> {
  return keysetPage<OrderView>({
    args,
    sort: { ...orderSorts[order.field], descending: order.descending },
    idColumn: orders.id,
    id: (r) => r.id,
    fetch: (cursor, orderBy, limit) =>
      db
        .select(orderColumns)
        .from(orders)
        .where(and(where, cursor))
        .orderBy(...orderBy)
        .limit(limit),
    count: async () => (await db.select({ n: count() }).from(orders).where(where))[0]!.n,
  });
}

export function ordersByIds(db: Queryable, viewer: Viewer, ids: readonly string[]): Promise<OrderView[]> {
  return db
    .select(orderColumns)
    .from(orders)
    .where(and(anyId(orders.id, ids), visibility(viewer).orders));
}

export function linesByOrderIds(db: Queryable, ids: readonly string[]): Promise<OrderLineRow[]> {
  return db
    .select()
    .from(orderLines)
    .where(anyId(orderLines.orderId, ids))
    .orderBy(orderLines.orderId, orderLines.lineNumber);
}

/** Lines by id, only those of orders the viewer may see. */
export async function linesByIds(db: Queryable, viewer: Viewer, ids: readonly string[]): Promise<OrderLineRow[]> {
  const rows = await db
    .select({ line: orderLines })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(and(anyId(orderLines.id, ids), visibility(viewer).orders));
  return rows.map((r) => r.line);
}

export function changeRequestsByOrderIds(db: Queryable, ids: readonly string[]): Promise<OrderChangeRequestRow[]> {
  return db
    .select()
    .from(orderChangeRequests)
    .where(anyId(orderChangeRequests.orderId, ids))
    .orderBy(asc(orderChangeRequests.createdAt), asc(orderChangeRequests.id));
}

export async function changeRequestsByIds(db: Queryable, viewer: Viewer, ids: readonly string[]): Promise<OrderChangeRequestRow[]> {
  const rows = await db
    .select({ request: orderChangeRequests })
    .from(orderChangeRequests)
    .innerJoin(orders, eq(orders.id, orderChangeRequests.orderId))
    .where(and(anyId(orderChangeRequests.id, ids), visibility(viewer).orders));
  return rows.map((r) => r.request);
}

/** In the order's line order. */
export async function lineChangesByRequestIds(db: Queryable, ids: readonly string[]): Promise<OrderLineChangeRow[]> {
  const rows = await db
    .select({ change: orderLineChanges })
    .from(orderLineChanges)
    .innerJoin(orderLines, eq(orderLines.id, orderLineChanges.lineId))
    .where(anyId(orderLineChanges.changeRequestId, ids))
    .orderBy(orderLines.lineNumber);
  return rows.map((r) => r.change);
}
