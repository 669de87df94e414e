import { describe, expect, it } from 'vitest';
import { decideLot, lotSizeOf } from '../../src/domain/quality/inspection.js';

const plan = { sampleSize: 125, acceptNumber: 3, rejectNumber: 4 };

describe('deciding a lot', () => {
  it.each([
    [0, 'ACCEPTED'],
    [3, 'ACCEPTED'],
    [4, 'REJECTED'],
    [125, 'REJECTED'],
  ])('%i defects in 125 with Ac 3 / Re 4: %s', (defects, result) => {
    expect(decideLot(defects, plan)).toEqual({ result });
  });

  it.each([
    [-1, 'defectsFound must be a whole number of at least 0.'],
    [1.5, 'defectsFound must be a whole number of at least 0.'],
    [126, 'defectsFound cannot exceed the sample of 125.'],
  ])('refuses %s', (defects, error) => {
    expect(decideLot(defects, plan)).toEqual({ error });
  });

  it.each([
    ['500', 500],
    ['12.5', 13],
    ['0.2', 1],
  ])('counts a received %s as a lot of %i items', (received, size) => {
    expect(lotSizeOf(received)).toBe(size);
  });
});
