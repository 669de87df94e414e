import { date, doublePrecision, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from './columns.js';
import { supplierGrade, suppliers } from './partners.js';

export interface RewardPenaltyValue {
  kind: 'REWARD' | 'PENALTY';
  reason: string;
  amount: string | null;
}

/** A supplier's evaluation for a period; the latest one's grade is the supplier's grade. */
export const supplierEvaluations = pgTable(
  'supplier_evaluations',
  {
    id: id(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    qualityScore: doublePrecision('quality_score').notNull(),
    deliveryScore: doublePrecision('delivery_score').notNull(),
    serviceScore: doublePrecision('service_score').notNull(),
    priceScore: doublePrecision('price_score').notNull(),
    technicalScore: doublePrecision('technical_score').notNull(),
    totalScore: doublePrecision('total_score').notNull(),
    grade: supplierGrade('grade').notNull(),
    rewardsAndPenalties: jsonb('rewards_and_penalties').$type<RewardPenaltyValue[]>().notNull(),
    evaluatedByName: text('evaluated_by_name').notNull(),
    evaluatedAt: instant('evaluated_at').notNull(),
    notes: text('notes'),
  },
  (t) => [index('supplier_evaluations_supplier_idx').on(t.supplierId, t.evaluatedAt, t.id)],
);

export type SupplierEvaluationRow = typeof supplierEvaluations.$inferSelect;
