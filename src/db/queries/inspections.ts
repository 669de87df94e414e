import { and, desc, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer.js';
import type { Queryable } from '../client.js';
import { type InspectionRow, type InspectionSwitchingRow, inspections, inspectionSwitching } from '../schema/index.js';
import { visibility } from '../scope.js';
import { anyId } from '../any-id.js';

export function inspectionsByIds(db: Queryable, viewer: Viewer, ids: readonly string[]): Promise<InspectionRow[]> {
  return db
    .select()
    .from(inspections)
    .where(and(anyId(inspections.id, ids), visibility(viewer).inspections));
}

/** Key of a delivery line: the delivery and the order line it carries. */
export const deliveryLineKey = (deliveryId: string, orderLineId: string) => `${deliveryId}:${orderLineId}`;

export function inspectionsByDeliveryLines(db: Queryable, viewer: Viewer, keys: readonly string[]): Promise<InspectionRow[]> {
  const pairs = keys.map((k) => {
    const [deliveryId, orderLineId] = k.split(':');
    return sql`(${deliveryId}::uuid, ${orderLineId}::uuid)`;
  });
  return db
    .select()
    .from(inspections)
    .where(and(sql`(${inspections.deliveryId}, ${inspections.orderLineId}) in (${sql.join(pairs, sql`, `)})`, visibility(viewer).inspections));
}

/** The switching state of every part of these suppliers that has one, most recently changed first. */
export function switchingStatesBySupplierIds(db: Queryable, supplierIds: readonly string[]): Promise<InspectionSwitchingRow[]> {
  return db
    .select()
    .from(inspectionSwitching)
    .where(anyId(inspectionSwitching.supplierId, supplierIds))
    .orderBy(desc(inspectionSwitching.updatedAt), inspectionSwitching.partId);
}
