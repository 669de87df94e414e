import { describe, expect, it } from 'vitest';
import { dueDateOf, invoiceTransition, isOverdue, lineAmount, matchLine, outstanding } from '../../src/domain/invoices/rules.js';

describe('invoice rules', () => {
  const none = { pricePercent: 0, quantityPercent: 0 };

  it('matches a line three ways, with tolerances', () => {
    expect(matchLine({ quantity: '40', unitPrice: '2.5' }, { unitPrice: '2.50', accepted: '100', invoiced: '60' }, none)).toEqual({ status: 'MATCHED', reasons: [] });
    expect(matchLine({ quantity: '41', unitPrice: '2.5' }, { unitPrice: '2.50', accepted: '100', invoiced: '60' }, none)).toEqual({ status: 'EXCEPTION', reasons: ['QUANTITY_ABOVE_ACCEPTED'] });
    expect(matchLine({ quantity: '41', unitPrice: '2.55' }, { unitPrice: '2.50', accepted: '100', invoiced: '60' }, { pricePercent: 2, quantityPercent: 2.5 })).toEqual({ status: 'MATCHED', reasons: [] });
    expect(matchLine({ quantity: '40', unitPrice: '2.56' }, { unitPrice: '2.50', accepted: '100', invoiced: '60' }, { pricePercent: 2, quantityPercent: 0 })).toEqual({ status: 'EXCEPTION', reasons: ['PRICE_ABOVE_ORDER'] });
    expect(matchLine({ quantity: '1', unitPrice: '2.5' }, { unitPrice: '2.5', accepted: '0', invoiced: '0' }, none).reasons).toEqual(['NOTHING_ACCEPTED']);
  });

  it('moves through the transition table only', () => {
    expect(invoiceTransition('SUBMITTED', 'approve')).toBe('APPROVED');
    expect(invoiceTransition('DISPUTED', 'approve')).toBe('APPROVED');
    expect(invoiceTransition('SUBMITTED', 'pay')).toBeNull();
    expect(invoiceTransition('APPROVED', 'payInFull')).toBe('PAID');
    expect(invoiceTransition('PAID', 'dispute')).toBeNull();
    expect(invoiceTransition('PARTIALLY_PAID', 'dispute')).toBeNull();
  });

  it('computes amounts, due dates and overdue exactly', () => {
    expect(lineAmount('3', '0.333333')).toBe('0.999999');
    expect(dueDateOf('2026-12-02', 45, 30)).toBe('2027-01-16');
    expect(dueDateOf('2026-12-02', null, 30)).toBe('2027-01-01');
    const invoice = { status: 'APPROVED' as const, dueDate: '2027-01-16', gross: '150', deductionTotal: '25', paidTotal: '100' };
    expect(outstanding(invoice)).toBe('25');
    expect(isOverdue(invoice, '2027-01-16')).toBe(false);
    expect(isOverdue(invoice, '2027-01-17')).toBe(true);
    expect(isOverdue({ ...invoice, paidTotal: '125' }, '2027-01-17')).toBe(false);
    expect(isOverdue({ ...invoice, status: 'DISPUTED' }, '2027-01-17')).toBe(false);
  });
});
