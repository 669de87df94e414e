import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CostReport, costExtensionJson } from '../../src/limits/admission.js';

/** Numbers of every kind a double can be, JSON's awkward ones included (-0, NaN, infinities, exponents). */
const number = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 1e21, 1e-7, 0.1, Number.MAX_SAFE_INTEGER, Number.NaN, Number.POSITIVE_INFINITY));

const report: fc.Arbitrary<CostReport> = fc.record({
  requested: number,
  maximum: number,
  budget: fc.option(fc.record({ capacity: number, remaining: number, restorePerSecond: number }), { nil: null }),
});

describe('costExtensionJson', () => {
  it('writes what JSON.stringify writes of { cost }', () => {
    fc.assert(
      fc.property(report, (r) => {
        expect(costExtensionJson(r)).toBe(JSON.stringify({ cost: r }));
      }),
      { numRuns: 2_000 },
    );
  });

  it('writes a report without a budget', () => {
    expect(costExtensionJson({ requested: 3, maximum: 5000, budget: null })).toBe('{"cost":{"requested":3,"maximum":5000,"budget":null}}');
  });
});
