import { describe, expect, it } from 'vitest';
import { importanceClassOf } from '../../src/domain/partners/importance.js';
import { adviseSourcing, type SourceFacts, sourcingAdviceTable, sourcingStatusAllowed } from '../../src/domain/partners/sourcing-advice.js';

const approved = (grade: SourceFacts['grade']): SourceFacts => ({ status: 'APPROVED', grade });

describe('importance class of a supplier', () => {
  it.each([
    [[], null],
    [['III'], 'III'],
    [['III', 'II'], 'II'],
    [['II', 'I', 'III'], 'I'],
    [['I', 'I'], 'I'],
  ] as const)('of parts %j is %s', (classes, expected) => {
    expect(importanceClassOf(classes)).toBe(expected);
  });
});

describe('sourcing advice table', () => {
  // One case per row of the table, in table order, plus the precedence between rows.
  const rows: [string, Parameters<typeof adviseSourcing>, string, number][] = [
    ['no designated supplier', ['I', []], 'SEEK_NEW_SUPPLIER', 0],
    ['a designated supplier is graded D', ['III', [approved('A'), approved('D')]], 'REPLACE_SUPPLIERS', 2],
    ['a class I or II part has a single designated supplier', ['I', [approved('A')]], 'DEVELOP_SECOND_SOURCE', 1],
    ['a designated supplier is graded C', ['II', [approved('B'), approved('C')]], 'IMPROVE_SUPPLIERS', 2],
    ['a designated supplier has not been evaluated yet', ['II', [approved('A'), approved(null)]], 'KEEP', 2],
    ['enough designated suppliers, all graded A or B', ['I', [approved('A'), approved('B')]], 'KEEP', 2],
  ];

  it('has a test for every row', () => {
    expect(rows.map((r) => r[0])).toEqual(sourcingAdviceTable.map((r) => r.when));
  });

  it.each(rows)('%s', (_when, args, action, count) => {
    const advice = adviseSourcing(...args);
    expect(advice.action).toBe(action);
    expect(advice.designatedSupplierCount).toBe(count);
    expect(advice.reason.length).toBeGreaterThan(10);
  });

  it.each([
    ['only trial or phasing-out sources count as none', 'II', [{ status: 'TRIAL', grade: 'A' }, { status: 'PHASING_OUT', grade: 'A' }], 'SEEK_NEW_SUPPLIER'],
    ['a D source is replaced even when it is the only one', 'I', [approved('D')], 'REPLACE_SUPPLIERS'],
    ['a single class III source graded A is enough', 'III', [approved('A')], 'KEEP'],
    ['a single class II source graded C needs a second source first', 'II', [approved('C')], 'DEVELOP_SECOND_SOURCE'],
    ['a single class III source graded C must improve', 'III', [approved('C')], 'IMPROVE_SUPPLIERS'],
    ['a D-graded trial source does not count', 'III', [approved('A'), { status: 'TRIAL', grade: 'D' }], 'KEEP'],
  ] as const)('%s', (_name, partClass, sources, action) => {
    expect(adviseSourcing(partClass, sources).action).toBe(action);
  });

  it('names the part class when asking for a second source', () => {
    expect(adviseSourcing('II', [approved('B')]).reason).toBe('A class II part has a single designated supplier: develop a second source.');
  });
});

describe('which suppliers may be designated', () => {
  it.each([
    ['CANDIDATE', 'APPROVED', false],
    ['APPROVED', 'APPROVED', true],
    ['CONDITIONAL', 'APPROVED', true],
    ['SUSPENDED', 'APPROVED', false],
    ['DISQUALIFIED', 'APPROVED', false],
    ['CANDIDATE', 'TRIAL', true],
    ['SUSPENDED', 'TRIAL', false],
    ['DISQUALIFIED', 'TRIAL', false],
    ['SUSPENDED', 'PHASING_OUT', true],
  ] as const)('a %s supplier as %s source: %s', (supplierStatus, sourcing, allowed) => {
    expect(sourcingStatusAllowed(supplierStatus, sourcing)).toBe(allowed);
  });
});
