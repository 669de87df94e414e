import { and, asc, count, eq, ilike, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer.js';
import type { OrderStatus } from '../../domain/orders/lifecycle.js';
import type { Queryable } from '../client.js';
import { keysetPage, nestedKeysetPages, type Page, type PageArgs, type SortKey } from '../pagination.js';
import { type CustomerRow, customers, type DeliveryRow, deliveries, type OrderChangeRequestRow, type OrderLineChangeRow, type OrderLineRow, type OrderRow, orderChangeRequests, orderLineChanges, orderLines, orders, type PartRow, parts, type SupplierRow, suppliers } from '../schema/index.js';
import { visibility } from '../scope.js';
import { containsPattern } from './partners.js';
import { anyId } from '../any-id.js';
import { type Embed, jsonArray, jsonObject, jsonRowsWith, reviveJsonRow, reviveJsonRows } from '../json-rows.js';

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

export interface OrderFilter {
  direction?: 'PURCHASE' | 'SALES' | null;
  status?: OrderStatus[] | null;
  partner?: { type: 'Supplier' | 'Customer'; id: string } | null;
  dueBefore?: string | null;
  search?: string | null;
}

export type OrderSortField = 'NUMBER' | 'DUE_DATE' | 'CREATED_AT';

/** What a sort reads of a row: the order's own columns. */
type OrderSortRow = Pick<OrderRow, 'id' | 'number' | 'dueDate' | 'createdAt'>;

const orderSorts: Record<OrderSortField, Omit<SortKey<OrderSortRow>, 'descending'>> = {
  NUMBER: { name: 'number', expression: orders.number, cast: 'text', value: (r) => r.number },
  DUE_DATE: { name: 'due', expression: orders.dueDate, cast: 'date', value: (r) => r.dueDate },
  CREATED_AT: { name: 'created', expression: orders.createdAt, cast: 'timestamptz', value: (r) => r.createdAt.toISOString() },
};

export function orderConditions(viewer: Viewer, filter: OrderFilter | null | undefined): SQL | undefined {
  const conditions: (SQL | undefined)[] = [visibility(viewer).orders];
  if (filter?.direction) conditions.push(eq(orders.direction, filter.direction));
  if (filter?.status?.length) conditions.push(inArray(orders.status, filter.status));
  if (filter?.partner) conditions.push(eq(filter.partner.type === 'Supplier' ? orders.supplierId : orders.customerId, filter.partner.id));
  // The due date is the earliest requested date: "a line requested on or before".
  if (filter?.dueBefore) conditions.push(lte(orders.dueDate, filter.dueBefore));
  const search = filter?.search?.trim();
  if (search) conditions.push(ilike(orders.number, containsPattern(search)));
  return and(...conditions);
}

/**
 * What a read of orders brings along in the same statement: the lines (with their parts), the
 * deliveries and the partner, each as one JSON value per order. A page of orders and everything its
 * fields show is then one statement; `relatedOf` hands the related rows to the loaders.
 */
export interface OrderRelations {
  lines: boolean;
  deliveries: boolean;
  partner: boolean;
}

export const noRelations: OrderRelations = { lines: false, deliveries: false, partner: false };

/** An order as read with relations; the related rows are taken off by `relatedOf`. */
export type OrderWithRelations = OrderView & { related?: RelatedJson };
interface RelatedJson {
  lines?: unknown;
  deliveries?: unknown;
  supplier?: unknown;
  customer?: unknown;
}

export interface RelatedRows {
  order: OrderView;
  lines?: OrderLineWithPart[];
  deliveries?: DeliveryRow[];
  /** Present when the partner was asked for: the supplier or customer row, or null if not visible. */
  supplier?: SupplierRow | null;
  customer?: CustomerRow | null;
}

const linePart: Embed<typeof parts, 'linePart'> = { table: parts, on: eq(parts.id, orderLines.partId), as: 'linePart' };

/** The same for every viewer: an order's lines and deliveries are visible with the order. */
const linesOfOrder = sql`'lines', ${jsonArray(orderLines, eq(orderLines.orderId, orders.id), sql`${orderLines.lineNumber}`, linePart)}`;
const deliveriesOfOrder = sql`'deliveries', ${jsonArray(deliveries, eq(deliveries.orderId, orders.id), sql`${deliveries.createdAt}, ${deliveries.number}`)}`;

function orderColumnsWith(viewer: Viewer, relations: OrderRelations) {
  if (!relations.lines && !relations.deliveries && !relations.partner) return orderColumns;
  const pairs: SQL[] = [];
  if (relations.lines) pairs.push(linesOfOrder);
  if (relations.deliveries) pairs.push(deliveriesOfOrder);
  if (relations.partner) {
    const scope = visibility(viewer);
    pairs.push(sql`'supplier', ${jsonObject(suppliers, and(eq(suppliers.id, orders.supplierId), scope.suppliers)!)}`);
    pairs.push(sql`'customer', ${jsonObject(customers, and(eq(customers.id, orders.customerId), scope.customers)!)}`);
  }
  return { ...orderColumns, related: sql<RelatedJson>`json_build_object(${sql.join(pairs, sql`, `)})` };
}

/** Takes the related rows off orders read with relations, shaped as their loaders give them. */
export function relatedOf(rows: readonly OrderWithRelations[], relations: OrderRelations): RelatedRows[] {
  return rows.map((order) => {
    const related = order.related;
    delete order.related;
    const out: RelatedRows = { order };
    if (related === undefined) return out;
    if (relations.lines) out.lines = reviveJsonRows(orderLines, related.lines, linePart);
    if (relations.deliveries) out.deliveries = reviveJsonRows(deliveries, related.deliveries);
    if (relations.partner) {
      if (order.supplierId !== null) out.supplier = reviveJsonRow(suppliers, related.supplier);
      if (order.customerId !== null) out.customer = reviveJsonRow(customers, related.customer);
    }
    return out;
  });
}

export function listOrders(
  db: Queryable,
  viewer: Viewer,
  args: PageArgs,
  where: SQL | undefined,
  order: { field: OrderSortField; descending: boolean },
  relations: OrderRelations = noRelations,
): Promise<Page<OrderWithRelations>> {
  return keysetPage<OrderWithRelations>({
    args,
    sort: { ...orderSorts[order.field], descending: order.descending },
    idColumn: orders.id,
    id: (r) => r.id,
    fetch: (cursor, orderBy, limit) =>
      db
        .select(orderColumnsWith(viewer, relations))
        .from(orders)
        .where(and(where, cursor))
        .orderBy(...orderBy)
        .limit(limit),
    count: async () => (await db.select({ n: count() }).from(orders).where(where))[0]!.n,
  });
}

/** A page row of `listOrderJson`: the sort columns and each requested JSON text. */
export type OrderJsonRow = OrderSortRow & { json: Record<string, string> };

/**
 * A page of orders, each given as JSON text built by PostgreSQL from the expressions in `json` (one
 * per name; see src/compiled-reads), with the same keyset pagination as listOrders.
 */
export function listOrderJson(
  db: Queryable,
  args: PageArgs,
  where: SQL | undefined,
  order: { field: OrderSortField; descending: boolean },
  json: Record<string, SQL>,
): Promise<Page<OrderJsonRow>> {
  const names = Object.keys(json);
  const columns = Object.fromEntries(names.map((name, i) => [`j${i}`, sql<string>`${json[name]!}::text`]));
  return keysetPage<OrderJsonRow>({
    args,
    sort: { ...orderSorts[order.field], descending: order.descending },
    idColumn: orders.id,
    id: (r) => r.id,
    fetch: async (cursor, orderBy, limit) => {
      const rows = await db
        .select({ id: orders.id, number: orders.number, dueDate: orders.dueDate, createdAt: orders.createdAt, ...columns })
        .from(orders)
        .where(and(where, cursor))
        .orderBy(...orderBy)
        .limit(limit);
      return rows.map((row) => {
        const texts = row as unknown as Record<string, string>;
        return { id: row.id, number: row.number, dueDate: row.dueDate, createdAt: row.createdAt, json: Object.fromEntries(names.map((name, i) => [name, texts[`j${i}`]!])) };
      });
    },
    count: async () => (await db.select({ n: count() }).from(orders).where(where))[0]!.n,
  });
}

/**
 * Per database, viewer and selection: the by-id statement, built once. Viewers are cached with their
 * token, so a portal user's repeated reads reuse it; only the id changes.
 */
const orderJsonStatements = new WeakMap<Queryable, WeakMap<Viewer, WeakMap<SQL, { execute: (values: { id: string }) => Promise<{ json: string }[]> }>>>();

/** One order as JSON text built from `json`, or null when absent or not visible to the viewer. */
export async function orderJsonById(db: Queryable, viewer: Viewer, id: string, json: SQL): Promise<string | null> {
  let byViewer = orderJsonStatements.get(db);
  if (!byViewer) {
    byViewer = new WeakMap();
    orderJsonStatements.set(db, byViewer);
  }
  let bySelection = byViewer.get(viewer);
  if (!bySelection) {
    bySelection = new WeakMap();
    byViewer.set(viewer, bySelection);
  }
  let statement = bySelection.get(json);
  if (!statement) {
    statement = db
      .select({ json: sql<string>`${json}::text` })
      .from(orders)
      .where(and(sql`${orders.id} = ${sql.placeholder('id')}::uuid`, visibility(viewer).orders))
      .prepare('order_json_by_id');
    bySelection.set(json, statement);
  }
  const rows = await statement.execute({ id });
  return rows[0]?.json ?? null;
}

/** Supplier.orders and Customer.orders for many partners in one statement, by due date. */
export function ordersOfPartners(
  db: Queryable,
  side: 'supplier' | 'customer',
  partnerIds: readonly string[],
  args: { first?: number | null; after?: string | null },
  where: SQL | undefined,
): Promise<Map<string, Page<OrderView>>> {
  const partnerColumn = side === 'supplier' ? orders.supplierId : orders.customerId;
  const scoped = and(where, anyId(partnerColumn, partnerIds));
  return nestedKeysetPages<OrderView>({
    parentIds: partnerIds,
    args,
    sort: { ...orderSorts.DUE_DATE, descending: false },
    idColumn: orders.id,
    id: (r) => r.id,
    parentOf: (r) => (side === 'supplier' ? r.supplierId! : r.customerId!),
    fetch: async (cursor, orderBy, limit) => {
      const ranked = db
        .select({ id: orders.id, rank: sql<number>`row_number() over (partition by ${partnerColumn} order by ${sql.join(orderBy, sql`, `)})`.as('rank') })
        .from(orders)
        .where(and(scoped, cursor))
        .as('ranked');
      return db
        .select(orderColumns)
        .from(ranked)
        .innerJoin(orders, eq(orders.id, ranked.id))
        .where(sql`${ranked.rank} <= ${limit}`)
        .orderBy(ranked.rank);
    },
    count: async () => {
      const rows = await db.select({ partnerId: partnerColumn, n: count() }).from(orders).where(scoped).groupBy(partnerColumn);
      return new Map(rows.map((r) => [r.partnerId!, r.n]));
    },
  });
}

export function ordersByIds(db: Queryable, viewer: Viewer, ids: readonly string[], relations: OrderRelations = noRelations): Promise<OrderWithRelations[]> {
  return db
    .select(orderColumnsWith(viewer, relations))
    .from(orders)
    .where(and(anyId(orders.id, ids), visibility(viewer).orders));
}

/** An order line with its part, read together: nearly every read of a line shows its part. */
export type OrderLineWithPart = OrderLineRow & { linePart: PartRow };

export function linesByOrderIds(db: Queryable, ids: readonly string[]): Promise<OrderLineWithPart[]> {
  return jsonRowsWith(db, orderLines, linePart, anyId(orderLines.orderId, ids), sql`${orderLines.orderId}, ${orderLines.lineNumber}`);
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

export function lineChangesByRequestIds(db: Queryable, ids: readonly string[]): Promise<OrderLineChangeRow[]> {
  return db
    .select()
    .from(orderLineChanges)
    .where(anyId(orderLineChanges.changeRequestId, ids));
}
