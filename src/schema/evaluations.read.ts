import { and, eq, sql } from 'drizzle-orm';
import { evaluationSort } from '../db/queries/evaluations.js';
import { supplierEvaluations, suppliers } from '../db/schema/index.js';
import { column, decimal, elementsOf, globalId, instant, member } from '../read/fields.js';
import { type ConnectionModel, object, type TableModel, table } from '../read/model.js';
import { sortOf } from '../read/sort.js';
import { supplierModel } from './partners.read.js';

/** Read model of supplier evaluations (see src/read/model.ts). */

const rewardsAndPenalties = elementsOf('RewardPenalty', supplierEvaluations.rewardsAndPenalties, 'reward', (reward) => ({
  kind: member(reward, 'kind'),
  reason: member(reward, 'reason'),
  amount: decimal(sql`(${reward}->>'amount')::numeric`),
}));

export const evaluationModel: TableModel = table({
  type: 'SupplierEvaluation',
  from: sql`${supplierEvaluations}`,
  key: supplierEvaluations.id,
  // An evaluation is visible with its supplier.
  scope: (env) => (env.scope.suppliers === undefined ? undefined : sql`exists (select 1 from ${suppliers} where ${and(eq(suppliers.id, supplierEvaluations.supplierId), env.scope.suppliers)})`),
  fields: {
    id: globalId('SupplierEvaluation', supplierEvaluations.id),
    supplier: object(() => supplierModel, eq(suppliers.id, supplierEvaluations.supplierId)),
    from: column(supplierEvaluations.periodFrom),
    to: column(supplierEvaluations.periodTo),
    qualityScore: column(supplierEvaluations.qualityScore),
    deliveryScore: column(supplierEvaluations.deliveryScore),
    serviceScore: column(supplierEvaluations.serviceScore),
    priceScore: column(supplierEvaluations.priceScore),
    technicalScore: column(supplierEvaluations.technicalScore),
    totalScore: column(supplierEvaluations.totalScore),
    grade: column(supplierEvaluations.grade),
    rewardsAndPenalties: rewardsAndPenalties.listed,
    evaluatedBy: column(supplierEvaluations.evaluatedByName),
    evaluatedAt: instant(supplierEvaluations.evaluatedAt),
    notes: column(supplierEvaluations.notes),
  },
});

export const evaluationConnection: ConnectionModel = {
  type: 'SupplierEvaluationConnection',
  node: () => evaluationModel,
  where: (env) => evaluationModel.scope(env),
  sort: () => sortOf(evaluationSort, supplierEvaluations.id, evaluationSort.descending),
  backward: true,
};
