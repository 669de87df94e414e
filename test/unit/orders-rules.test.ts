import { describe, expect, it } from 'vitest';
import { checkDeliveryEvent, type DeliveryStatus, deliveryStatuses, deliveryTransitions, receivableStatuses } from '../../src/domain/deliveries/lifecycle.js';
import { add, compare, fromUnits, multiply, normalize, subtract, toUnits } from '../../src/domain/shared/decimal.js';
import { linePrice, type OrderStatus, orderStatuses, orderTransition, orderTransitions } from '../../src/domain/orders/lifecycle.js';

describe('order lifecycle table', () => {
  it('reaches every status from DRAFT', () => {
    const seen = new Set<OrderStatus>(['DRAFT']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const t of orderTransitions) {
        if (seen.has(t.from) && !seen.has(t.to)) {
          seen.add(t.to);
          grew = true;
        }
      }
    }
    expect([...seen].sort()).toEqual([...orderStatuses].sort());
  });

  it('leaves CLOSED and CANCELLED final', () => {
    expect(orderTransitions.filter((t) => t.from === 'CLOSED' || t.from === 'CANCELLED')).toEqual([]);
  });

  it.each([
    ['DRAFT', 'issue', 'ISSUED'],
    ['ISSUED', 'acknowledge', 'ACKNOWLEDGED'],
    ['ISSUED', 'reject', 'REJECTED'],
    ['ACKNOWLEDGED', 'receivePart', 'PARTIALLY_DELIVERED'],
    ['ACKNOWLEDGED', 'receiveAll', 'DELIVERED'],
    ['PARTIALLY_DELIVERED', 'receiveAll', 'DELIVERED'],
    ['DELIVERED', 'close', 'CLOSED'],
    ['PARTIALLY_DELIVERED', 'shortClose', 'CLOSED'],
    ['ACKNOWLEDGED', 'cancel', 'CANCELLED'],
    ['DRAFT', 'acknowledge', null],
    ['ISSUED', 'ship', null],
    ['PARTIALLY_DELIVERED', 'cancel', null],
    ['DELIVERED', 'cancel', null],
    ['DELIVERED', 'requestChange', null],
    ['REJECTED', 'acknowledge', null],
    ['CLOSED', 'requestChange', null],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(orderTransition(from, action)).toBe(to);
  });

  it.each([
    [null, '7.25', { price: '7.25' }],
    ['7.25', '7.25', { price: '7.25' }],
    ['7.250', '7.25', { price: '7.250' }],
    ['8', null, { price: '8' }],
    [null, null, { error: 'Give a unit price: no active contract prices this part.' }],
    ['8', '7.25', { error: 'The active contract prices this part at 7.25; leave the price out or change the contract.' }],
  ])('prices a line given %s with contract price %s', (given, contract, expected) => {
    expect(linePrice(given, contract)).toEqual(expected);
  });
});

describe('delivery events', () => {
  it('reach every status from PLANNED, and RECEIVED and CANCELLED are final', () => {
    const seen = new Set<DeliveryStatus>(['PLANNED']);
    const queue: DeliveryStatus[] = ['PLANNED'];
    while (queue.length > 0) {
      for (const next of deliveryTransitions[queue.shift()!]) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    expect([...seen].sort()).toEqual([...deliveryStatuses].sort());
    expect(deliveryTransitions.RECEIVED).toEqual([]);
    expect(deliveryTransitions.CANCELLED).toEqual([]);
  });

  it.each([
    ['PLANNED', 'DISPATCHED', null, null],
    ['DISPATCHED', 'IN_TRANSIT', null, null],
    ['IN_TRANSIT', 'IN_TRANSIT', null, null],
    ['IN_TRANSIT', 'DELAYED', new Date('2027-01-01'), null],
    ['IN_TRANSIT', 'DELAYED', null, 'estimatedArrival'],
    ['DELAYED', 'IN_TRANSIT', null, null],
    ['DELAYED', 'ARRIVED', null, null],
    ['ARRIVED', 'CANCELLED', null, 'status'],
    ['PLANNED', 'ARRIVED', null, 'status'],
    ['ARRIVED', 'RECEIVED', null, 'status'],
    ['RECEIVED', 'IN_TRANSIT', null, 'status'],
    ['CANCELLED', 'DISPATCHED', null, 'status'],
  ] as const)('%s -> %s (estimated arrival %s) refused on: %s', (from, to, estimatedArrival, field) => {
    expect(checkDeliveryEvent({ from, to, estimatedArrival })?.field ?? null).toBe(field);
  });

  it('books receipts only for deliveries on their way or arrived', () => {
    expect(receivableStatuses).toEqual(['DISPATCHED', 'IN_TRANSIT', 'DELAYED', 'ARRIVED']);
  });
});

describe('exact decimals', () => {
  it.each([
    ['12.500000', '12.5'],
    ['0.000000', '0'],
    ['-3.10', '-3.1'],
    ['100', '100'],
  ])('normalises %s to %s', (value, expected) => {
    expect(normalize(value)).toBe(expected);
  });

  it('adds, subtracts, compares and multiplies without floats', () => {
    expect(add('0.1', '0.2')).toBe('0.3');
    expect(subtract('100', '58.25')).toBe('41.75');
    expect(compare('10.000001', '10')).toBe(1);
    expect(compare('9.99', '10')).toBe(-1);
    expect(compare('7.250', '7.25')).toBe(0);
    expect(multiply('12.5', '3')).toBe('37.5');
    expect(multiply('0.333333', '0.000003')).toBe('0.000001');
    expect(multiply('123456789012.123456', '1000')).toBe('123456789012123.456');
    expect(fromUnits(toUnits('-0.5'))).toBe('-0.5');
  });

  it('refuses what is not a decimal', () => {
    expect(() => toUnits('1e5')).toThrow(RangeError);
    expect(() => toUnits('1.1234567')).toThrow(RangeError);
  });
});
