import { fromGlobalId, idOfType, type NodeType } from '../domain/shared/ids.js';
import type { OrderFilter } from '../schema/orders.js';

/** An id that matches no row: a filter naming an id of the wrong type finds nothing, never something else. */
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

/** An order filter as the queries take it: the partner's global id decoded. */
export function decodeOrderFilter(filter: OrderFilter | null | undefined) {
  return filter ? { ...filter, partner: filterPartner(filter.partnerId) } : filter;
}
