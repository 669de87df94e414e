import { describe, expect, it } from 'vitest';
import { adviseRelationship, relationshipTable } from '../../src/domain/partners/relationship.js';

describe('relationship advice table', () => {
  // One case per row, in table order.
  const rows = [
    ['graded D', 'I', 'D', 'PHASE_OUT'],
    ['graded C', 'I', 'C', 'DEVELOPMENT'],
    ['class I, graded A or B', 'I', 'B', 'STRATEGIC_PARTNERSHIP'],
    ['class I, not yet evaluated', 'I', null, 'DEVELOPMENT'],
    ['class II, graded A or B', 'II', 'A', 'PREFERRED'],
    ['class II, not yet evaluated', 'II', null, 'TRANSACTIONAL'],
    ['class III, or supplying nothing yet', 'III', 'A', 'TRANSACTIONAL'],
  ] as const;

  it('has a test for every row', () => {
    expect(rows.map((r) => r[0])).toEqual(relationshipTable.map((r) => r.when));
  });

  it.each(rows)('%s', (_when, importanceClass, grade, relationship) => {
    const advice = adviseRelationship(importanceClass, grade);
    expect(advice).toMatchObject({ importanceClass, grade, relationship });
    expect(advice.actions.length).toBeGreaterThan(0);
  });

  it.each([
    ['III', 'D', 'PHASE_OUT'],
    ['II', 'C', 'DEVELOPMENT'],
    ['I', 'A', 'STRATEGIC_PARTNERSHIP'],
    [null, null, 'TRANSACTIONAL'],
    [null, 'D', 'PHASE_OUT'],
  ] as const)('class %s graded %s: %s', (c, g, relationship) => {
    expect(adviseRelationship(c, g).relationship).toBe(relationship);
  });
});
