import { compare } from '../shared/decimal.js';
import { type Message, msg } from '../../i18n/message.js';

/**
 * Order lifecycle. A draft is issued to the partner, who acknowledges (possibly confirming other
 * quantities or dates) or rejects it; receipts move it to PARTIALLY_DELIVERED and DELIVERED; it is
 * closed when fully delivered, or short-closed by staff with a reason; it can be cancelled until
 * something has been received.
 */
export const orderStatuses = ['DRAFT', 'ISSUED', 'ACKNOWLEDGED', 'REJECTED', 'PARTIALLY_DELIVERED', 'DELIVERED', 'CLOSED', 'CANCELLED'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export type OrderAction = 'issue' | 'acknowledge' | 'reject' | 'receivePart' | 'receiveAll' | 'close' | 'shortClose' | 'cancel' | 'requestChange' | 'ship';

export const orderTransitions: readonly { from: OrderStatus; action: OrderAction; to: OrderStatus }[] = [
  { from: 'DRAFT', action: 'issue', to: 'ISSUED' },
  { from: 'ISSUED', action: 'acknowledge', to: 'ACKNOWLEDGED' },
  { from: 'ISSUED', action: 'reject', to: 'REJECTED' },
  { from: 'ACKNOWLEDGED', action: 'receivePart', to: 'PARTIALLY_DELIVERED' },
  { from: 'ACKNOWLEDGED', action: 'receiveAll', to: 'DELIVERED' },
  { from: 'PARTIALLY_DELIVERED', action: 'receivePart', to: 'PARTIALLY_DELIVERED' },
  { from: 'PARTIALLY_DELIVERED', action: 'receiveAll', to: 'DELIVERED' },
  { from: 'DELIVERED', action: 'close', to: 'CLOSED' },
  { from: 'ACKNOWLEDGED', action: 'shortClose', to: 'CLOSED' },
  { from: 'PARTIALLY_DELIVERED', action: 'shortClose', to: 'CLOSED' },
  { from: 'DRAFT', action: 'cancel', to: 'CANCELLED' },
  { from: 'ISSUED', action: 'cancel', to: 'CANCELLED' },
  { from: 'ACKNOWLEDGED', action: 'cancel', to: 'CANCELLED' },
  { from: 'REJECTED', action: 'cancel', to: 'CANCELLED' },
  // Not moves, but the statuses in which these may happen (the status stays).
  { from: 'ISSUED', action: 'requestChange', to: 'ISSUED' },
  { from: 'ACKNOWLEDGED', action: 'requestChange', to: 'ACKNOWLEDGED' },
  { from: 'PARTIALLY_DELIVERED', action: 'requestChange', to: 'PARTIALLY_DELIVERED' },
  { from: 'ACKNOWLEDGED', action: 'ship', to: 'ACKNOWLEDGED' },
  { from: 'PARTIALLY_DELIVERED', action: 'ship', to: 'PARTIALLY_DELIVERED' },
];

export function orderTransition(from: OrderStatus, action: OrderAction): OrderStatus | null {
  return orderTransitions.find((t) => t.from === from && t.action === action)?.to ?? null;
}

/** Open orders: issued and not yet finished. */
export const openOrderStatuses: readonly OrderStatus[] = ['ISSUED', 'ACKNOWLEDGED', 'PARTIALLY_DELIVERED'];

/** Partners see an order from its issue on, never a draft. */
export const partnerVisibleOrderStatuses: readonly OrderStatus[] = orderStatuses.filter((s) => s !== 'DRAFT');

/**
 * The price of a new line: the active contract's price when the order gives none; a given price
 * must equal the contract's, unless the contract prices nothing for that part.
 */
export function linePrice(given: string | null, contractPrice: string | null): { price: string } | { error: Message } {
  if (given === null) return contractPrice === null ? { error: msg`Give a unit price: no active contract prices this part.` } : { price: contractPrice };
  if (contractPrice !== null && compare(given, contractPrice) !== 0) {
    return { error: msg`The active contract prices this part at ${contractPrice}; leave the price out or change the contract.` };
  }
  return { price: given };
}
