import type { ContractFilter as ContractConditions } from '../db/queries/contracts.js';
import type { DeliveryFilter as DeliveryConditions } from '../db/queries/deliveries.js';
import type { FeedbackFilter as FeedbackConditions } from '../db/queries/feedback.js';
import type { NonconformanceFilter as NonconformanceConditions } from '../db/queries/nonconformances.js';
import type { OrderFilter as OrderConditions } from '../db/queries/orders.js';
import type { QualityAgreementFilter as QualityAgreementConditions } from '../db/queries/quality.js';
import { fromGlobalId, idOfType, type NodeType } from '../domain/shared/ids.js';
import type { ContractFilter } from '../schema/contracts.js';
import type { DeliveryFilter } from '../schema/deliveries.js';
import type { FeedbackFilter } from '../schema/feedback.js';
import type { NonconformanceFilter } from '../schema/nonconformances.js';
import type { OrderFilter } from '../schema/orders.js';
import type { QualityAgreementFilter } from '../schema/quality.js';

/**
 * List filters as the API takes them (global ids) turned into the conditions of src/db/queries: one
 * decoding for every list, at the root and nested, on either read path. An id of the wrong type
 * matches nothing, never another row.
 */

/** An id that matches no row. */
export const NO_ROW = '00000000-0000-0000-0000-000000000000';

export function filterId(globalId: string | null | undefined, type: NodeType): string | null {
  if (globalId == null) return null;
  return idOfType(globalId, type) ?? NO_ROW;
}

export function filterPartner(globalId: string | null | undefined): { type: 'Supplier' | 'Customer'; id: string } | null {
  if (globalId == null) return null;
  const decoded = fromGlobalId(globalId);
  return decoded?.type === 'Supplier' || decoded?.type === 'Customer' ? { type: decoded.type, id: decoded.id } : { type: 'Supplier', id: NO_ROW };
}

/** Any record's id, for filters that take a subject of any type (the activity feed): activity rows are never subjects. */
export function filterAnyId(globalId: string | null | undefined): string | null {
  if (globalId == null) return null;
  const decoded = fromGlobalId(globalId);
  return decoded === null || decoded.type === 'Activity' ? NO_ROW : decoded.id;
}

export function decodeOrderFilter(filter: OrderFilter | null | undefined): OrderConditions | null {
  return filter ? { ...filter, partner: filterPartner(filter.partnerId) } : null;
}

export function decodeContractFilter(filter: ContractFilter | null | undefined): ContractConditions | null {
  return filter ? { ...filter, partner: filterPartner(filter.partnerId) } : null;
}

export function decodeDeliveryFilter(filter: DeliveryFilter | null | undefined): DeliveryConditions | null {
  return filter ? { ...filter, orderId: filterId(filter.orderId, 'Order'), partner: filterPartner(filter.partnerId) } : null;
}

export function decodeNonconformanceFilter(filter: NonconformanceFilter | null | undefined): NonconformanceConditions | null {
  if (!filter) return null;
  return { ...filter, supplierId: filterId(filter.supplierId, 'Supplier'), customerId: filterId(filter.customerId, 'Customer'), partId: filterId(filter.partId, 'Part') };
}

export function decodeFeedbackFilter(filter: FeedbackFilter | null | undefined): FeedbackConditions | null {
  return filter ? { ...filter, customerId: filterId(filter.customerId, 'Customer') } : null;
}

export function decodeQualityAgreementFilter(filter: QualityAgreementFilter | null | undefined): QualityAgreementConditions | null {
  return filter ? { supplierId: filterId(filter.supplierId, 'Supplier'), status: filter.status, updatedSince: filter.updatedSince, createdSince: filter.createdSince } : null;
}
