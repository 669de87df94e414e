import { type Message, msg } from '../../i18n/message.js';
/**
 * Delivery (advance shipping notice) status events. IN_TRANSIT and DELAYED may repeat (position and
 * arrival-estimate updates); RECEIVED is booked by receiveDelivery; CANCELLED only before arrival.
 */
export const deliveryStatuses = ['PLANNED', 'DISPATCHED', 'IN_TRANSIT', 'DELAYED', 'ARRIVED', 'RECEIVED', 'CANCELLED'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export const deliveryTransitions: Readonly<Record<DeliveryStatus, readonly DeliveryStatus[]>> = {
  PLANNED: ['DISPATCHED', 'CANCELLED'],
  DISPATCHED: ['IN_TRANSIT', 'DELAYED', 'ARRIVED', 'CANCELLED'],
  IN_TRANSIT: ['IN_TRANSIT', 'DELAYED', 'ARRIVED', 'CANCELLED'],
  DELAYED: ['DELAYED', 'IN_TRANSIT', 'ARRIVED', 'CANCELLED'],
  ARRIVED: ['RECEIVED'],
  RECEIVED: [],
  CANCELLED: [],
};

/** Statuses from which a receipt may be booked (arrival is implied by the receipt). */
export const receivableStatuses: readonly DeliveryStatus[] = ['DISPATCHED', 'IN_TRANSIT', 'DELAYED', 'ARRIVED'];

export interface EventFacts {
  from: DeliveryStatus;
  to: DeliveryStatus;
  estimatedArrival: Date | null;
}

/** Null when the event may be recorded; otherwise why not. RECEIVED comes only from receiveDelivery. */
export function checkDeliveryEvent(e: EventFacts): { field: 'status' | 'estimatedArrival'; message: Message } | null {
  if (e.to === 'RECEIVED') return { field: 'status', message: msg`A delivery is received with receiveDelivery, which books the quantities.` };
  if (!deliveryTransitions[e.from].includes(e.to)) {
    const next = deliveryTransitions[e.from].filter((s) => s !== 'RECEIVED');
    return { field: 'status', message: next.length === 0 ? msg`A ${e.from} delivery takes no more events.` : msg`A ${e.from} delivery can move to ${next.join(', ')}, not ${e.to}.` };
  }
  if (e.to === 'DELAYED' && e.estimatedArrival === null) return { field: 'estimatedArrival', message: msg`A DELAYED event must give the new estimatedArrival.` };
  return null;
}
