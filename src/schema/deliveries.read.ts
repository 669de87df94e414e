import { and, eq, sql } from 'drizzle-orm';
import { fileListOf } from './files.read.js';
import { deliveryConditions, deliverySort } from '../db/queries/deliveries.js';
import { deliveries, deliveryEvents, deliveryLines, files, inspections, orderLines, orders, parts } from '../db/schema/index.js';
import { partModel } from './partners.read.js';
import { column, decimal, globalId, instant } from '../read/fields.js';
import { decodeDeliveryFilter } from '../read/filters.js';
import { type ConnectionModel, list, object, type RootModel, type TableModel, table, value } from '../read/model.js';
import { sortOf } from '../read/sort.js';
import type { DeliveryFilter } from './deliveries.js';
import { inspectionModel } from './quality.read.js';
import { orderLineModel, orderModel } from './orders.read.js';

/** Read models of deliveries (advance shipping notices), their lines and status events (see src/read/model.ts). */

const deliveryEventModel: TableModel = table({
  type: 'DeliveryEvent',
  from: sql`${deliveryEvents}`,
  scope: () => undefined,
  fields: {
    id: globalId('DeliveryEvent', deliveryEvents.id),
    status: column(deliveryEvents.status),
    occurredAt: instant(deliveryEvents.occurredAt),
    location: column(deliveryEvents.location),
    note: column(deliveryEvents.note),
    estimatedArrival: instant(deliveryEvents.estimatedArrival),
  },
});

const deliveryLineModel: TableModel = table({
  type: 'DeliveryLine',
  from: sql`${deliveryLines}`,
  // Visible with its delivery, whose partner it carries.
  scope: (env) => env.scope.deliveryLines,
  fields: {
    inspection: object(() => inspectionModel, and(eq(inspections.deliveryId, deliveryLines.deliveryId), eq(inspections.orderLineId, deliveryLines.orderLineId))!),
    lotNumber: column(deliveryLines.lotNumber),
    orderLine: object(() => orderLineModel, eq(orderLines.id, deliveryLines.orderLineId), { implied: 'a delivered line belongs to the delivery’s order' }),
    quantity: decimal(deliveryLines.quantity),
    receivedQuantity: decimal(deliveryLines.receivedQuantity),
  },
});

/** A required document no file on the delivery answers (the rule of src/domain/quality/delivery-documents.ts). */
const unanswered = sql`not exists (select 1 from ${files} where ${files.subjectType} = 'Delivery' and ${files.subjectId} = ${deliveries.id} and ${files.kind} = required.value->>'kind' and (${files.partId} is null or ${files.partId} = (required.value->>'partId')::uuid))`;

const missingDocumentModel = table({
  type: 'MissingDocument',
  from: sql`jsonb_array_elements(${deliveries.requiredDocuments}) as required(value)`,
  scope: () => undefined,
  fields: {
    part: object(() => partModel, sql`${parts.id} = (required.value->>'partId')::uuid`),
    kind: column(sql`required.value->>'kind'`),
    qualityAgreement: column(sql`required.value->>'agreement'`),
    policy: column(sql`required.value->>'policy'`),
  },
});

export const deliveryModel: TableModel = table({
  type: 'Delivery',
  from: sql`${deliveries}`,
  key: deliveries.id,
  scope: (env) => env.scope.deliveries,
  fields: {
    missingDocuments: list(() => missingDocumentModel, unanswered, sql`(required.value->>'partNumber') collate "C", (required.value->>'kind') collate "C"`),
    onHold: value(sql`exists (select 1 from jsonb_array_elements(${deliveries.requiredDocuments}) as required(value) where required.value->>'policy' = 'HOLD' and ${unanswered})`),
    files: fileListOf('Delivery', deliveries.id),
    id: globalId('Delivery', deliveries.id),
    number: column(deliveries.number),
    order: object(() => orderModel, eq(orders.id, deliveries.orderId), { implied: 'the order of a visible delivery: the delivery carries its partner (scope.ts: deliveryOfPartner)' }),
    status: column(deliveries.status),
    carrier: column(deliveries.carrier),
    trackingNumber: column(deliveries.trackingNumber),
    shippedAt: instant(deliveries.shippedAt),
    estimatedArrival: instant(deliveries.estimatedArrival),
    arrivedAt: instant(deliveries.arrivedAt),
    receivedAt: instant(deliveries.receivedAt),
    // In the order's line order.
    lines: list(() => deliveryLineModel, eq(deliveryLines.deliveryId, deliveries.id), sql`(select ${orderLines.lineNumber} from ${orderLines} where ${orderLines.id} = ${deliveryLines.orderLineId})`, {
      implied: 'a delivery’s lines are visible with it',
    }),
    events: list(() => deliveryEventModel, eq(deliveryEvents.deliveryId, deliveries.id), sql`${deliveryEvents.occurredAt}, ${deliveryEvents.recordedAt}, ${deliveryEvents.id}`),
    createdAt: instant(deliveries.createdAt),
    updatedAt: instant(deliveries.updatedAt),
  },
});

export const deliveryConnection: ConnectionModel = {
  type: 'DeliveryConnection',
  node: () => deliveryModel,
  where: (env, args) => deliveryConditions(env.viewer, decodeDeliveryFilter(args.filter as DeliveryFilter | null), env.now),
  sort: () => sortOf(deliverySort, deliveries.id, deliverySort.descending),
  backward: true,
};

export const deliveryRoots: Record<string, RootModel> = {
  deliveries: { kind: 'connection', connection: () => deliveryConnection },
};
