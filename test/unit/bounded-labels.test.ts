import { describe, expect, it } from 'vitest';
import { BoundedLabels } from '../../src/observability/metrics.js';

describe('operation names as metric labels', () => {
  it('keeps the first names up to the capacity, then counts any new one as "other"', () => {
    const labels = new BoundedLabels(2);
    expect([labels.of('A'), labels.of('B'), labels.of('C'), labels.of('A'), labels.of('B')]).toEqual(['A', 'B', 'other', 'A', 'B']);
  });

  it('names operations without a name "anonymous" and malformed or overlong names "other"', () => {
    const labels = new BoundedLabels(10);
    expect([labels.of(undefined), labels.of(null), labels.of(''), labels.of('名前'), labels.of('a b'), labels.of(`Q${'x'.repeat(64)}`), labels.of(`Q${'x'.repeat(63)}`)]).toEqual(['anonymous', 'anonymous', 'anonymous', 'other', 'other', 'other', `Q${'x'.repeat(63)}`]);
  });
});
