import { z } from 'zod';
import { nonNegativeDecimal, optionalText, positiveDecimal } from '../shared/validation.js';
import { idempotencyKey } from '../orders/validation.js';
import { deliveryStatuses } from './lifecycle.js';
import { msg } from '../../i18n/message.js';

const instant = z
  .date()
  .nullish()
  .transform((v) => v ?? null);

export const createDeliveryInput = z.object({
  orderId: z.string(),
  carrier: optionalText('Carrier', 100),
  trackingNumber: optionalText('Tracking number', 100),
  estimatedArrival: instant,
  lines: z
    .array(z.object({ orderLineId: z.string(), quantity: positiveDecimal('Quantity'), lotNumber: optionalText('Lot number', 100) }))
    .min(1, msg`A delivery ships at least one line.`)
    .max(250)
    .refine((ls) => new Set(ls.map((l) => l.orderLineId)).size === ls.length, msg`Each order line appears once per delivery.`),
  documentIds: z
    .array(z.string())
    .max(100, msg`At most 100 documents.`)
    .nullish()
    .transform((v) => v ?? []),
  idempotencyKey,
});

export const recordDeliveryEventInput = z.object({
  deliveryId: z.string(),
  status: z.enum(deliveryStatuses),
  occurredAt: instant,
  location: optionalText('Location', 200),
  note: optionalText('Note', 1000),
  estimatedArrival: instant,
  idempotencyKey,
});

export const receiveDeliveryInput = z.object({
  deliveryId: z.string(),
  lines: z
    .array(z.object({ orderLineId: z.string(), receivedQuantity: nonNegativeDecimal('Received quantity') }))
    .min(1, msg`Book at least one received line.`)
    .max(250)
    .refine((ls) => new Set(ls.map((l) => l.orderLineId)).size === ls.length, msg`Each order line appears once.`),
});
