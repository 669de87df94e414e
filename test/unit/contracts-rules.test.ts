import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../src/auth/viewer.js';
import {
  approvalRefusal,
  type ContractStatus,
  contractStatuses,
  contractTransition,
  contractTransitions,
  initialContractStatus,
  mayManage,
  readContractStatus,
  signingParty,
} from '../../src/domain/contracts/lifecycle.js';
import { agreementStatuses, agreementTransitions, governingAgreement, readAgreementStatus, supersededBy } from '../../src/domain/quality/agreements.js';

const staff = (id: string, ...roles: Viewer['roles']): Viewer => ({ id, name: id, email: '', roles, organization: null });
const supplierUser: Viewer = { id: 's1', name: 's1', email: '', roles: ['SUPPLIER_USER'], organization: { type: 'Supplier', id: 'sup-1' } };

describe('contract lifecycle table', () => {
  it('reaches every status from DRAFT', () => {
    const seen = new Set<ContractStatus>([initialContractStatus]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const t of contractTransitions) {
        if (seen.has(t.from) && !seen.has(t.to)) {
          seen.add(t.to);
          grew = true;
        }
      }
    }
    expect([...seen].sort()).toEqual([...contractStatuses].sort());
  });

  it.each([
    ['DRAFT', 'submit', 'IN_REVIEW'],
    ['IN_REVIEW', 'approve', 'AWAITING_SIGNATURE'],
    ['AWAITING_SIGNATURE', 'activate', 'ACTIVE'],
    ['ACTIVE', 'terminate', 'TERMINATED'],
    ['DRAFT', 'approve', null],
    ['IN_REVIEW', 'submit', null],
    ['ACTIVE', 'approve', null],
    ['EXPIRED', 'terminate', null],
    ['EXPIRED', 'sign', null],
    ['TERMINATED', 'terminate', null],
    ['TERMINATED', 'sign', null],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(contractTransition(from, action)).toBe(to);
  });

  it('reads ACTIVE as EXPIRED from the day after effectiveTo', () => {
    expect(readContractStatus('ACTIVE', '2026-12-31', '2026-12-31')).toBe('ACTIVE');
    expect(readContractStatus('ACTIVE', '2026-12-31', '2027-01-01')).toBe('EXPIRED');
    expect(readContractStatus('ACTIVE', null, '2099-01-01')).toBe('ACTIVE');
    expect(readContractStatus('TERMINATED', '2020-01-01', '2027-01-01')).toBe('TERMINATED');
  });

  it('lets the owning department manage each type', () => {
    expect(mayManage(staff('b', 'BUYER'), 'SUPPLY')).toBe(true);
    expect(mayManage(staff('b', 'BUYER'), 'SALES')).toBe(false);
    expect(mayManage(staff('s', 'SALES'), 'SALES')).toBe(true);
    expect(mayManage(staff('s', 'SALES'), 'QUALITY_ASSURANCE')).toBe(false);
    expect(mayManage(staff('a', 'ADMIN'), 'TECHNICAL')).toBe(true);
    expect(mayManage(supplierUser, 'SUPPLY')).toBe(false);
  });

  it('never lets the drafter approve, and otherwise needs an approver role', () => {
    expect(approvalRefusal(staff('b1', 'BUYER'), 'SUPPLY', 'b1')).toMatch(/drafter/);
    expect(approvalRefusal(staff('a1', 'ADMIN'), 'SUPPLY', 'a1')).toMatch(/drafter/);
    expect(approvalRefusal(staff('b2', 'BUYER'), 'SUPPLY', 'b1')).toBeNull();
    expect(approvalRefusal(staff('a1', 'ADMIN'), 'SALES', 'x')).toBeNull();
    expect(approvalRefusal(staff('q1', 'QUALITY_ENGINEER'), 'QUALITY_ASSURANCE', 'b1')).toBeNull();
    expect(approvalRefusal(staff('q1', 'QUALITY_ENGINEER'), 'SUPPLY', 'b1')).toMatch(/approved by ADMIN or BUYER/);
    expect(approvalRefusal(staff('s1', 'SALES'), 'SUPPLY', 'b1')).not.toBeNull();
  });

  it('decides which party a user signs for', () => {
    const partner = { type: 'Supplier' as const, id: 'sup-1' };
    expect(signingParty(staff('b', 'BUYER'), 'SUPPLY', partner)).toBe('COMPANY');
    expect(signingParty(staff('a', 'ADMIN'), 'SUPPLY', partner)).toBeNull();
    expect(signingParty(staff('s', 'SALES'), 'SUPPLY', partner)).toBeNull();
    expect(signingParty(supplierUser, 'SUPPLY', partner)).toBe('PARTNER');
    expect(signingParty(supplierUser, 'SUPPLY', { type: 'Supplier', id: 'sup-2' })).toBeNull();
  });
});

describe('quality agreement rules', () => {
  it('reaches every stored status, and expiry is read from the calendar', () => {
    const reached = new Set(['DRAFT', ...agreementTransitions.map((t) => t.to)]);
    expect([...reached].sort()).toEqual([...agreementStatuses].sort());
    expect(readAgreementStatus('ACTIVE', '2026-06-30', '2026-07-01')).toBe('EXPIRED');
    expect(readAgreementStatus('SUPERSEDED', '2026-06-30', '2026-07-01')).toBe('SUPERSEDED');
  });

  it.each([
    ['all parts supersedes everything', [], [{ id: 'a', partIds: [] }, { id: 'b', partIds: ['x'] }], ['a', 'b']],
    ['the same parts are superseded', ['x', 'y'], [{ id: 'a', partIds: ['y', 'x'] }], ['a']],
    ['a subset is superseded', ['x', 'y'], [{ id: 'a', partIds: ['x'] }], ['a']],
    ['a wider agreement stays', ['x'], [{ id: 'a', partIds: ['x', 'y'] }], []],
    ['an all-parts agreement stays for a narrower one', ['x'], [{ id: 'a', partIds: [] }], []],
    ['other parts stay', ['x'], [{ id: 'a', partIds: ['z'] }], []],
  ])('%s', (_name, parts, active, expected) => {
    expect(supersededBy({ id: 'new', partIds: parts }, [...active, { id: 'new', partIds: parts }])).toEqual(expected);
  });

  it('picks the most recently activated agreement in effect covering the part', () => {
    const base = { status: 'ACTIVE' as const, effectiveFrom: null, effectiveTo: null };
    const general = { ...base, id: 'general', partIds: [], activatedAt: new Date('2026-01-01') };
    const specific = { ...base, id: 'specific', partIds: ['x'], activatedAt: new Date('2026-03-01') };
    const future = { ...base, id: 'future', partIds: [], effectiveFrom: '2027-01-01', activatedAt: new Date('2026-05-01') };
    const ended = { ...base, id: 'ended', partIds: ['y'], effectiveTo: '2026-02-01', activatedAt: new Date('2026-04-01') };
    const superseded = { ...base, id: 'old', status: 'SUPERSEDED' as const, partIds: ['z'], activatedAt: new Date('2026-06-01') };
    const all = [general, specific, future, ended, superseded];
    expect(governingAgreement(all, 'x', '2026-07-01')?.id).toBe('specific');
    expect(governingAgreement(all, 'y', '2026-07-01')?.id).toBe('general');
    expect(governingAgreement(all, 'z', '2026-07-01')?.id).toBe('general');
    expect(governingAgreement(all, 'y', '2027-02-01')?.id).toBe('future');
    expect(governingAgreement([specific], 'q', '2026-07-01')).toBeNull();
  });
});
