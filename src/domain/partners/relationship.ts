import type { ImportanceClass } from './importance.js';
import type { SupplierGrade } from './sourcing-advice.js';

export const relationshipTypes = ['STRATEGIC_PARTNERSHIP', 'PREFERRED', 'TRANSACTIONAL', 'DEVELOPMENT', 'PHASE_OUT'] as const;
export type RelationshipType = (typeof relationshipTypes)[number];

export interface RelationshipAdvice {
  importanceClass: ImportanceClass | null;
  grade: SupplierGrade | null;
  relationship: RelationshipType;
  actions: string[];
}

interface RelationshipRule {
  when: string;
  applies: (c: ImportanceClass | null, g: SupplierGrade | null) => boolean;
  relationship: RelationshipType;
  actions: string[];
}

/**
 * How to manage a supplier, from the importance of what it supplies and how well it performs; the
 * first row that applies decides. Key (class I) suppliers that perform call for a long-term,
 * mutually beneficial partnership; general (class III) ones for a simple buying relationship;
 * important (class II) ones depend on value, volume and the supplier's size; a C grade means
 * development and a D grade phase-out, whatever the class.
 */
export const relationshipTable: readonly RelationshipRule[] = [
  {
    when: 'graded D',
    applies: (_c, g) => g === 'D',
    relationship: 'PHASE_OUT',
    actions: ['Qualify a replacement and move volume away.', 'Keep incoming inspection tight until the last delivery.', 'Settle open nonconformances and claims.'],
  },
  {
    when: 'graded C',
    applies: (_c, g) => g === 'C',
    relationship: 'DEVELOPMENT',
    actions: ['Agree an improvement plan with measurable targets and dates.', 'Review progress monthly.', 'Look for an alternative source meanwhile.'],
  },
  {
    when: 'class I, graded A or B',
    applies: (c, g) => c === 'I' && (g === 'A' || g === 'B'),
    relationship: 'STRATEGIC_PARTNERSHIP',
    actions: ['Offer a long-term agreement and share forecasts.', 'Develop products and processes jointly.', 'Hold quarterly business reviews at management level.'],
  },
  {
    when: 'class I, not yet evaluated',
    applies: (c, g) => c === 'I' && g === null,
    relationship: 'DEVELOPMENT',
    actions: ['Evaluate the supplier before committing to a partnership.', 'Audit its process for the key parts.'],
  },
  {
    when: 'class II, graded A or B',
    applies: (c, g) => c === 'II' && (g === 'A' || g === 'B'),
    relationship: 'PREFERRED',
    actions: ['Give it preference for new parts of this class.', 'Weigh a partnership by spend, volume and the supplier’s size.'],
  },
  {
    when: 'class II, not yet evaluated',
    applies: (c, g) => c === 'II' && g === null,
    relationship: 'TRANSACTIONAL',
    actions: ['Evaluate the supplier to decide on preferred status.'],
  },
  {
    when: 'class III, or supplying nothing yet',
    applies: () => true,
    relationship: 'TRANSACTIONAL',
    actions: ['Buy on price and delivery; keep the administration light.'],
  },
];

export function adviseRelationship(importanceClass: ImportanceClass | null, grade: SupplierGrade | null): RelationshipAdvice {
  const rule = relationshipTable.find((r) => r.applies(importanceClass, grade))!;
  return { importanceClass, grade, relationship: rule.relationship, actions: rule.actions };
}
