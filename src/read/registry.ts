import type { NodeType } from '../domain/shared/ids.js';
import { activityModel, activityRoots, timelineConnection } from '../schema/activity.read.js';
import { eq } from 'drizzle-orm';
import { activity, customers, supplierSurveys, supplyCapabilities } from '../db/schema/index.js';
import { connection, object } from './model.js';
import { supplyCapabilityModel, supplyCapabilityOf } from '../schema/capability.read.js';
import { contractModel, contractRoots } from '../schema/contracts.read.js';
import { dashboardRoots } from '../schema/dashboard.read.js';
import { deliveryModel, deliveryRoots } from '../schema/deliveries.read.js';
import { evaluationModel } from '../schema/evaluations.read.js';
import { feedbackModel, feedbackRoots } from '../schema/feedback.read.js';
import { nonconformanceModel, nonconformanceRoots } from '../schema/nonconformances.read.js';
import { changeRequestModel, orderModel, orderRoots } from '../schema/orders.read.js';
import { customerModel, partModel, partnerRoots, supplierModel, supplierSurveyModel } from '../schema/partners.read.js';
import { inspectionModel, qualityAgreementModel, qualityRoots } from '../schema/quality.read.js';
import { surveyModel } from '../schema/satisfaction.read.js';
import { viewerRoots } from '../schema/viewer.read.js';
import { webhookRoots } from '../schema/webhooks.read.js';
import { bulkExportRoots } from '../schema/exports.read.js';
import { invoiceModel, invoiceRoots } from '../schema/invoices.read.js';
import type { Expr, InlineModel, RootModel, TableModel } from './model.js';

/** The read model of every type that implements Node: what `node`, `nodes` and activity subjects read. */
export const nodeModels: Partial<Record<NodeType, TableModel>> = {
  get Supplier() {
    return supplierModel;
  },
  get Customer() {
    return customerModel;
  },
  get Part() {
    return partModel;
  },
  get Contract() {
    return contractModel;
  },
  get QualityAgreement() {
    return qualityAgreementModel;
  },
  get Order() {
    return orderModel;
  },
  get OrderChangeRequest() {
    return changeRequestModel;
  },
  get Delivery() {
    return deliveryModel;
  },
  get Nonconformance() {
    return nonconformanceModel;
  },
  get Inspection() {
    return inspectionModel;
  },
  get SupplierEvaluation() {
    return evaluationModel;
  },
  get CustomerFeedback() {
    return feedbackModel;
  },
  get SatisfactionSurvey() {
    return surveyModel;
  },
  get Invoice() {
    return invoiceModel;
  },
  get Activity() {
    return activityModel;
  },
};

/**
 * A customer's file (Customer.timeline) is the activity feed's model under the customer's: joined
 * here, because the activity model reads this registry (its subjects are any node) and the partner
 * models are read by it, so neither module may import the other.
 */
customerModel.fields.timeline = connection(() => timelineConnection, eq(activity.customerId, customers.id));
/** Likewise a supplier's capability, whose parts' model is the partner models'. */
supplierModel.fields.supplyCapability = supplyCapabilityOf();
/** And the same capability as a survey's evidence: the supplier's current one. */
supplierSurveyModel.fields.supplyCapability = object(() => supplyCapabilityModel, eq(supplyCapabilities.supplierId, supplierSurveys.supplierId));

/** What answers each field of Query. */
export const rootModels: Record<string, RootModel> = {
  ...activityRoots,
  ...contractRoots,
  ...dashboardRoots,
  ...deliveryRoots,
  ...feedbackRoots,
  ...nonconformanceRoots,
  ...orderRoots,
  ...partnerRoots,
  ...qualityRoots,
  ...viewerRoots,
  ...webhookRoots,
  ...bulkExportRoots,
  ...invoiceRoots,
  node: { kind: 'node' },
  nodes: { kind: 'nodes' },
};

/** A relation that does not check its target's scope, claiming the parent's visibility implies it. */
export interface ImpliedReach {
  parent: TableModel;
  field: string;
  target: TableModel;
  on: Expr;
  claim: string;
}

/** Every implied reach of the read models, for test/tenancy-implied.test.ts to check on real data. */
export function impliedReaches(): ImpliedReach[] {
  const seen = new Set<TableModel | InlineModel>();
  const reaches: ImpliedReach[] = [];
  const visit = (model: TableModel | InlineModel) => {
    if (seen.has(model)) return;
    seen.add(model);
    for (const [name, field] of Object.entries(model.fields)) {
      if (field.kind === 'object' || field.kind === 'list') {
        const target = field.target();
        if (field.implied !== undefined && model.kind === 'table') reaches.push({ parent: model, field: name, target, on: field.on, claim: field.implied });
        visit(target);
      } else if (field.kind === 'inline') visit(field.target());
      else if (field.kind === 'oneOf') for (const branch of field.branches()) visit(branch.model);
      else if (field.kind === 'connection') visit(field.connection().node());
    }
  };
  for (const model of Object.values(nodeModels)) visit(model);
  for (const root of Object.values(rootModels)) {
    if (root.kind === 'connection') visit(root.connection().node());
    if (root.kind === 'inline') visit(root.target());
  }
  return reaches;
}
