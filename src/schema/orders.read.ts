import { eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { fileListOf } from './files.read.js';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { orderConditions, type OrderSortField, orderSorts } from '../db/queries/orders.js';
import { contracts, customers, deliveries, orderChangeRequests, orderLineChanges, orderLines, orders, parts, suppliers } from '../db/schema/index.js';
import { column, decimal, globalId, instant } from '../read/fields.js';
import { decodeOrderFilter } from '../read/filters.js';
import { type ConnectionModel, list, object, oneOf, type ReadEnv, type RootModel, type TableModel, table, value } from '../read/model.js';
import { sortOf } from '../read/sort.js';
import { whereAll } from '../db/pagination.js';
import { contractModel } from './contracts.read.js';
import { deliveryModel } from './deliveries.read.js';
import type { OrderFilter, OrderOrder } from './orders.js';
import { customerModel, partModel, supplierModel } from './partners.read.js';

/** Read models of orders, their lines and change requests (see src/read/model.ts). */

/** Rows that belong to an order are visible with it. */
export const ofVisibleOrder = (orderId: AnyPgColumn) => (env: ReadEnv) =>
  env.scope.orders === undefined ? undefined : sql`exists (select 1 from ${orders} where ${whereAll(eq(orders.id, orderId), env.scope.orders)})`;

export const orderLineModel: TableModel = table({
  type: 'OrderLine',
  from: sql`${orderLines}`,
  key: orderLines.id,
  scope: ofVisibleOrder(orderLines.orderId),
  fields: {
    id: globalId('OrderLine', orderLines.id),
    lineNumber: column(orderLines.lineNumber),
    part: object(() => partModel, eq(parts.id, orderLines.partId), { implied: 'a part on a visible order line is visible (scope.ts: partOnVisibleOrder)' }),
    quantity: decimal(orderLines.quantity),
    unitPrice: decimal(orderLines.unitPrice),
    requestedDate: column(orderLines.requestedDate),
    confirmedQuantity: decimal(orderLines.confirmedQuantity),
    confirmedDate: column(orderLines.confirmedDate),
    deliveredQuantity: decimal(orderLines.deliveredQuantity),
    acceptedQuantity: decimal(orderLines.acceptedQuantity),
  },
});

const lineChangeModel: TableModel = table({
  type: 'LineChange',
  from: sql`${orderLineChanges}`,
  // Visible with the changed line's order.
  scope: (env) => (env.scope.orders === undefined ? undefined : sql`exists (select 1 from ${orderLines} join ${orders} on ${orders.id} = ${orderLines.orderId} where ${orderLines.id} = ${orderLineChanges.lineId} and ${env.scope.orders})`),
  fields: {
    line: object(() => orderLineModel, eq(orderLines.id, orderLineChanges.lineId), { implied: 'a changed line belongs to the change request’s order' }),
    quantity: decimal(orderLineChanges.quantity),
    requestedDate: column(orderLineChanges.requestedDate),
    unitPrice: decimal(orderLineChanges.unitPrice),
  },
});

export const changeRequestModel: TableModel = table({
  type: 'OrderChangeRequest',
  from: sql`${orderChangeRequests}`,
  key: orderChangeRequests.id,
  scope: ofVisibleOrder(orderChangeRequests.orderId),
  fields: {
    id: globalId('OrderChangeRequest', orderChangeRequests.id),
    order: object(() => orderModel, eq(orders.id, orderChangeRequests.orderId), { implied: 'a change request is visible with its order' }),
    requestedBy: column(orderChangeRequests.requestedBy),
    reason: column(orderChangeRequests.reason),
    changes: list(() => lineChangeModel, eq(orderLineChanges.changeRequestId, orderChangeRequests.id), sql`(select ${orderLines.lineNumber} from ${orderLines} where ${orderLines.id} = ${orderLineChanges.lineId})`, {
      implied: 'a change request’s line changes are visible with it',
    }),
    status: column(orderChangeRequests.status),
    respondBy: instant(orderChangeRequests.respondBy),
    decidedAt: instant(orderChangeRequests.decidedAt),
    decisionNote: column(orderChangeRequests.decisionNote),
    createdAt: instant(orderChangeRequests.createdAt),
  },
});

export const orderModel: TableModel = table({
  type: 'Order',
  from: sql`${orders}`,
  key: orders.id,
  scope: (env) => env.scope.orders,
  fields: {
    files: fileListOf('Order', orders.id),
    id: globalId('Order', orders.id),
    number: column(orders.number),
    direction: column(orders.direction),
    status: column(orders.status),
    partner: oneOf(() => [
      { model: supplierModel, when: isNotNull(orders.supplierId), on: eq(suppliers.id, orders.supplierId) },
      { model: customerModel, when: isNull(orders.supplierId), on: eq(customers.id, orders.customerId) },
    ]),
    contract: object(() => contractModel, eq(contracts.id, orders.contractId)),
    currency: column(orders.currency),
    // As OrderView.total: the exact sum over the lines.
    total: value(sql`(select trim_scale(coalesce(sum(${orderLines.quantity} * ${orderLines.unitPrice}), 0)::numeric(30,6))::text from ${orderLines} where ${orderLines.orderId} = ${orders.id})`),
    dueDate: column(orders.dueDate),
    lines: list(() => orderLineModel, eq(orderLines.orderId, orders.id), sql`${orderLines.lineNumber}`, { implied: 'an order’s lines are visible with it' }),
    issuedAt: instant(orders.issuedAt),
    acknowledgedAt: instant(orders.acknowledgedAt),
    changeRequests: list(() => changeRequestModel, eq(orderChangeRequests.orderId, orders.id), sql`${orderChangeRequests.createdAt}, ${orderChangeRequests.id}`, {
      implied: 'an order’s change requests are visible with it',
    }),
    deliveries: list(() => deliveryModel, eq(deliveries.orderId, orders.id), sql`${deliveries.createdAt}, ${deliveries.number}`, { implied: 'deliveries of a visible order are visible: they carry its partner (scope.ts: deliveryOfPartner)' }),
    version: column(orders.version),
    createdAt: instant(orders.createdAt),
    updatedAt: instant(orders.updatedAt),
  },
});

export const orderConnection: ConnectionModel = {
  type: 'OrderConnection',
  node: () => orderModel,
  where: (env, args) => orderConditions(env.viewer, decodeOrderFilter(args.filter as OrderFilter | null)),
  sort: (args) => {
    const order = args.orderBy as OrderOrder | null | undefined;
    return sortOf(orderSorts[(order?.field ?? 'DUE_DATE') as OrderSortField], orders.id, order?.direction === 'DESC');
  },
  backward: true,
};

export const orderRoots: Record<string, RootModel> = {
  orders: { kind: 'connection', connection: () => orderConnection },
};
