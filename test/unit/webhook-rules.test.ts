import { describe, expect, it } from 'vitest';
import { endpointSees, endpointWants, failedTooLong, retryDelayMs, webhookUrlProblem } from '../../src/domain/integration/webhook-rules.js';

describe('webhookUrlProblem', () => {
  it.each(['https://erp.example.com/hooks/scm', 'http://127.0.0.1:9000/x?y=1', 'https://[2001:db8::1]/h'])('accepts %s', (url) => {
    expect(webhookUrlProblem(url)).toBeNull();
  });
  it.each([
    ['erp.example.com/hooks', 'Give an absolute URL such as https://erp.example.com/hooks/scm.'],
    ['ftp://erp.example.com/', 'A webhook URL is https:// (or http://).'],
    ['javascript:alert(1)', 'A webhook URL is https:// (or http://).'],
    ['https://user:pw@erp.example.com/', 'A webhook URL carries no user name or password; deliveries are signed instead.'],
    ['https://erp.example.com/#x', 'A webhook URL has no #fragment.'],
    [`https://erp.example.com/${'a'.repeat(2000)}`, 'The URL is longer than 2000 characters.'],
  ])('refuses %s', (url, message) => {
    expect(webhookUrlProblem(url)).toBe(message);
  });
});

describe('endpointSees', () => {
  const company = { supplierId: null, customerId: null };
  const supplier = { supplierId: 's1', customerId: null };
  const customer = { supplierId: null, customerId: 'c1' };
  it('gives the company every event, internal steps included', () => {
    expect(endpointSees(company, { supplierId: 's1', customerId: null, partnerVisible: false })).toBe(true);
    expect(endpointSees(company, { supplierId: null, customerId: null, partnerVisible: true })).toBe(true);
  });
  it('gives a partner only visible events about itself', () => {
    expect(endpointSees(supplier, { supplierId: 's1', customerId: null, partnerVisible: true })).toBe(true);
    expect(endpointSees(supplier, { supplierId: 's1', customerId: null, partnerVisible: false })).toBe(false);
    expect(endpointSees(supplier, { supplierId: 's2', customerId: null, partnerVisible: true })).toBe(false);
    expect(endpointSees(supplier, { supplierId: null, customerId: 's1', partnerVisible: true })).toBe(false);
    expect(endpointSees(customer, { supplierId: 's1', customerId: 'c1', partnerVisible: true })).toBe(true);
    expect(endpointSees(customer, { supplierId: null, customerId: 'c2', partnerVisible: true })).toBe(false);
    expect(endpointSees(customer, { supplierId: null, customerId: null, partnerVisible: true })).toBe(false);
  });
});

describe('endpointWants and failedTooLong', () => {
  it('wants every kind when it names none, else the kinds it names', () => {
    expect(endpointWants([], 'ORDER_ISSUED')).toBe(true);
    expect(endpointWants(['ORDER_ISSUED'], 'ORDER_ISSUED')).toBe(true);
    expect(endpointWants(['ORDER_ISSUED'], 'DELIVERY_CREATED')).toBe(false);
  });
  it('turns an endpoint off once it has failed for the configured time, not before', () => {
    const since = new Date('2026-03-01T00:00:00Z');
    expect(failedTooLong(null, new Date('2026-03-09T00:00:00Z'), 86_400_000)).toBe(false);
    expect(failedTooLong(since, new Date('2026-03-01T23:59:59Z'), 86_400_000)).toBe(false);
    expect(failedTooLong(since, new Date('2026-03-02T00:00:00Z'), 86_400_000)).toBe(true);
  });
});

describe('retryDelayMs', () => {
  it('doubles from the first delay and stops growing at six hours', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 10))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(retryDelayMs(12, 10)).toBe(10_000 * 2 ** 11);
    expect(retryDelayMs(13, 10)).toBe(6 * 3_600_000);
    expect(retryDelayMs(40, 10)).toBe(6 * 3_600_000);
    // The waits after the first 14 failed attempts add up to about a day (23.4 h).
    const total = Array.from({ length: 14 }, (_, i) => retryDelayMs(i + 1, 10)).reduce((a, b) => a + b, 0);
    expect(total / 3_600_000).toBeCloseTo(23.375, 3);
  });
});
