import DataLoader from 'dataloader';
import { activityByIds } from './queries/activity.js';
import { filesBySubjectIds } from './queries/files.js';
import { deductionsByInvoiceIds, invoiceLinesByInvoiceIds, invoicesByIds, paymentsByInvoiceIds } from './queries/invoices.js';
import type { InvoiceDeductionRow, InvoiceLineRow, InvoicePaymentRow, InvoiceRow } from './schema/index.js';
import { capabilitiesBySupplierIds, partCapacitiesBySupplierIds } from './queries/capability.js';
import type { PartCapacityRow, SupplyCapabilityRow } from './schema/index.js';
import { certificatesBySupplierIds } from './queries/certificates.js';
import type { CertificateRow } from './schema/index.js';
import type { FileRow } from './schema/index.js';
import type { ActivityRow } from './schema/index.js';
import type { Viewer } from '../auth/viewer.js';
import { type ImportanceClass, importanceClassOf } from '../domain/partners/importance.js';
import type { Queryable } from './client.js';
import {
  customersByIds,
  partClassesBySupplierIds,
  latestSurveysBySupplierIds,
  partsByIds,
  partsOfVisibleRecords,
  type SourceRow,
  sourcesBy,
  suppliersByIds,
} from './queries/partners.js';
import type { ContractItemRow, ContractSignatureRow, ContractVersionRow, CustomerRow, PartRow, QualityAgreementRow, QualityAgreementSignatureRow, SupplierRow, SupplierSurveyRow } from './schema/index.js';
import {
  type ContractView,
  contractsByIds,
  itemsByVersionKeys,
  signaturesByVersionKeys,
  versionKey,
  versionsByContractIds,
  versionsByVersionKeys,
} from './queries/contracts.js';
import { agreementPartsByAgreementIds, agreementSignaturesByAgreementIds, qualityAgreementsByIds } from './queries/quality.js';
import { evaluationsByIds } from './queries/evaluations.js';
import type { SupplierEvaluationRow } from './schema/index.js';
import type { ScorecardFigures } from '../domain/performance/scorecard.js';
import { scorecardFigures } from './queries/performance.js';
import { deliveryLineKey, inspectionsByDeliveryLines, inspectionsByIds, switchingStatesBySupplierIds } from './queries/inspections.js';
import type { InspectionRow, InspectionSwitchingRow } from './schema/index.js';
import { historyByNonconformanceIds, nonconformancesByIds, nonconformancesByInspectionIds } from './queries/nonconformances.js';
import type { NonconformanceHistoryRow, NonconformanceRow } from './schema/index.js';
import { deliveriesByIds, deliveriesByOrderIds, deliveryEventsByDeliveryIds, deliveryLinesByDeliveryIds } from './queries/deliveries.js';
import {
  changeRequestsByIds,
  changeRequestsByOrderIds,
  lineChangesByRequestIds,
  linesByIds,
  linesByOrderIds,
  type OrderView,
  ordersByIds,
} from './queries/orders.js';
import { feedbackByIds } from './queries/feedback.js';
import { type SurveyView, surveysByCustomerIds, surveysByIds } from './queries/satisfaction.js';
import type { CustomerFeedbackRow } from './schema/index.js';
import type { DeliveryEventRow, DeliveryLineRow, DeliveryRow, OrderChangeRequestRow, OrderLineChangeRow, OrderLineRow } from './schema/index.js';

function byKey<Row, K>(rows: readonly Row[], key: (row: Row) => K): Map<K, Row> {
  return new Map(rows.map((r) => [key(r), r]));
}

function groupBy<Row, K>(rows: readonly Row[], key: (row: Row) => K): Map<K, Row[]> {
  const groups = new Map<K, Row[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

export interface LoaderOptions {
  /** Off for subscriptions, whose context outlives any single read. */
  cache: boolean;
  /** Today's calendar date in the company's time zone. */
  today: () => string;
  now: () => Date;
  timeZone: string;
}

/**
 * Per-request batch loaders: every nested read goes through one of these, so a page of N records
 * costs a constant number of statements. They apply the viewer's tenancy scope, so a record the
 * viewer may not see loads as null.
 */
export function createLoaders(db: Queryable, viewer: Viewer | null, options: LoaderOptions) {
  const scoped = <K, V>(batch: (viewer: Viewer, keys: readonly K[]) => Promise<(V | Error)[]>) =>
    new DataLoader<K, V>((keys) => (viewer === null ? Promise.resolve(keys.map(() => new Error('unauthenticated'))) : batch(viewer, keys)), {
      cache: options.cache,
      maxBatchSize: 1000,
    });

  const factories = {
    invoiceById: () =>
      scoped<string, InvoiceRow | null>(async (v, ids) => {
        const rows = byKey(await invoicesByIds(db, v, ids), (r) => r.id);
        return ids.map((id) => rows.get(id) ?? null);
      }),
    invoiceLinesByInvoiceId: () =>
      scoped<string, InvoiceLineRow[]>(async (_v, ids) => {
        const groups = groupBy(await invoiceLinesByInvoiceIds(db, ids), (r) => r.invoiceId);
        return ids.map((id) => groups.get(id) ?? []);
      }),
    deductionsByInvoiceId: () =>
      scoped<string, InvoiceDeductionRow[]>(async (_v, ids) => {
        const groups = groupBy(await deductionsByInvoiceIds(db, ids), (r) => r.invoiceId);
        return ids.map((id) => groups.get(id) ?? []);
      }),
    paymentsByInvoiceId: () =>
      scoped<string, InvoicePaymentRow[]>(async (_v, ids) => {
        const groups = groupBy(await paymentsByInvoiceIds(db, ids), (r) => r.invoiceId);
        return ids.map((id) => groups.get(id) ?? []);
      }),
    capabilityBySupplierId: () =>
      scoped<string, SupplyCapabilityRow | null>(async (_v, ids) => {
        const rows = byKey(await capabilitiesBySupplierIds(db, ids), (r) => r.supplierId);
        return ids.map((id) => rows.get(id) ?? null);
      }),
    partCapacitiesBySupplierId: () =>
      scoped<string, PartCapacityRow[]>(async (_v, ids) => {
        const groups = groupBy(await partCapacitiesBySupplierIds(db, ids), (r) => r.supplierId);
        return ids.map((id) => groups.get(id) ?? []);
      }),
    certificatesBySupplierId: () =>
      scoped<string, CertificateRow[]>(async (v, ids) => {
        const groups = groupBy(await certificatesBySupplierIds(db, v, ids), (r) => r.supplierId);
        return ids.map((id) => groups.get(id) ?? []);
      }),
    filesBySubjectId: () =>
      scoped<string, FileRow[]>(async (v, ids) => {
        const groups = groupBy(await filesBySubjectIds(db, v, ids), (r) => r.subjectId);
        return ids.map((id) => groups.get(id) ?? []);
      }),
    inspectionStatesBySupplierId: () =>
      scoped<string, InspectionSwitchingRow[]>(async (_v, ids) => {
        const groups = groupBy(await switchingStatesBySupplierIds(db, ids), (r) => r.supplierId);
        return ids.map((id) => groups.get(id) ?? []);
      }),
    activityById: () =>
      scoped<string, ActivityRow | null>(async (v, ids) => {
        const rows = byKey(await activityByIds(db, v, ids), (r) => String(r.id));
        return ids.map((id) => rows.get(id) ?? null);
      }),
    feedbackById: () =>
      scoped<string, CustomerFeedbackRow | null>(async (v, ids) => {
        const rows = byKey(await feedbackByIds(db, v, ids), (r) => r.id);
        return ids.map((id) => rows.get(id) ?? null);
      }),
    satisfactionByCustomerId: () =>
      scoped<string, SurveyView[]>(async (v, ids) => {
        const groups = groupBy(await surveysByCustomerIds(db, v, ids), (r) => r.customerId);
        return ids.map((id) => groups.get(id) ?? []);
      }),
    surveyById: () =>
      scoped<string, SurveyView | null>(async (v, ids) => {
        const rows = byKey(await surveysByIds(db, v, ids), (r) => r.id);
        return ids.map((id) => rows.get(id) ?? null);
      }),
    /** Unscoped: callers check that the evaluation's supplier is visible. */
    evaluationById: () =>
      scoped<string, SupplierEvaluationRow | null>(async (_v, ids) => {
        const rows = byKey(await evaluationsByIds(db, ids), (r) => r.id);
        return ids.map((id) => rows.get(id) ?? null);
      }),
    /** Keys: `${supplierId}|${from}|${to}`; suppliers asking for the same period share one statement. */
    scorecardByKey: () =>
      scoped<string, ScorecardFigures>(async (_v, keys) => {
        const results = new Map<string, ScorecardFigures>();
        for (const [period, group] of groupBy(keys, (k) => k.slice(k.indexOf('|') + 1))) {
          const [from, to] = period.split('|') as [string, string];
          const figures = await scorecardFigures(db, group.map((k) => k.slice(0, k.indexOf('|'))), from, to, options.timeZone, options.today());
          for (const k of group) results.set(k, figures.get(k.slice(0, k.indexOf('|')))!);
        }
        return keys.map((k) => results.get(k)!);
      }),
    inspectionById: () =>
      scoped<string, InspectionRow | null>(async (v, ids) => {
        const rows = byKey(await inspectionsByIds(db, v, ids), (r) => r.id);
        return ids.map((id) => rows.get(id) ?? null);
      }),
    /** Keys: deliveryLineKey(deliveryId, orderLineId). */
    inspectionByDeliveryLine: () =>
      scoped<string, InspectionRow | null>(async (v, keys) => {
        const rows = byKey(await inspectionsByDeliveryLines(db, v, keys), (r) => deliveryLineKey(r.deliveryId, r.orderLineId));
        return keys.map((k) => rows.get(k) ?? null);
      }),
    nonconformanceById: () =>
      scoped<string, NonconformanceRow | null>(async (v, ids) => {
        const rows = byKey(await nonconformancesByIds(db, v, ids), (r) => r.id);
        return ids.map((id) => rows.get(id) ?? null);
      }),
    nonconformanceByInspectionId: () =>
      scoped<string, NonconformanceRow | null>(async (v, ids) => {
        const rows = byKey(await nonconformancesByInspectionIds(db, v, ids), (r) => r.inspectionId!);
        return ids.map((id) => rows.get(id) ?? null);
      }),
    nonconformanceHistoryById: () =>
      scoped<string, NonconformanceHistoryRow[]>(async (_v, ids) => {
        const groups = groupBy(await historyByNonconformanceIds(db, ids), (r) => r.nonconformanceId);
        return ids.map((id) => groups.get(id) ?? []);
      }),
    contractById: () =>
      scoped<string, ContractView | null>(async (v, ids) => {
        const rows = byKey(await contractsByIds(db, v, ids), (r) => r.id);
        return ids.map((id) => rows.get(id) ?? null);
      }),
    /** Keys: versionKey(contractId, version). */
    contractItemsByVersion: () =>
      scoped<string, ContractItemRow[]>(async (_v, keys) => {
        const groups = groupBy(await itemsByVersionKeys(db, keys), (r) => versionKey(r.contractId, r.version));
        return keys.map((k) => groups.get(k) ?? []);
      }),
    contractSignaturesByVersion: () =>
      scoped<string, ContractSignatureRow[]>(async (_v, keys) => {
        const groups = groupBy(await signaturesByVersionKeys(db, keys), (r) => versionKey(r.contractId, r.version));
        return keys.map((k) => groups.get(k) ?? []);
      }),
    contractVersionByKey: () =>
      scoped<string, ContractVersionRow | null>(async (_v, keys) => {
        const rows = byKey(await versionsByVersionKeys(db, keys), (r) => versionKey(r.contractId, r.version));
        return keys.map((k) => rows.get(k) ?? null);
      }),
    contractRevisionsById: () =>
      scoped<string, ContractVersionRow[]>(async (_v, ids) => {
        const groups = groupBy(await versionsByContractIds(db, ids), (r) => r.contractId);
        return ids.map((id) => groups.get(id) ?? []);
      }),
    qualityAgreementById: () =>
      scoped<string, QualityAgreementRow | null>(async (v, ids) => {
        const rows = byKey(await qualityAgreementsByIds(db, v, ids), (r) => r.id);
        return ids.map((id) => rows.get(id) ?? null);
      }),
    agreementPartIdsById: () =>
      scoped<string, string[]>(async (_v, ids) => {
        const groups = groupBy(await agreementPartsByAgreementIds(db, ids), (r) => r.agreementId);
        return ids.map((id) => (groups.get(id) ?? []).map((r) => r.partId));
      }),
    agreementSignaturesById: () =>
      scoped<string, QualityAgreementSignatureRow[]>(async (_v, ids) => {
        const groups = groupBy(await agreementSignaturesByAgreementIds(db, ids), (r) => r.agreementId);
        return ids.map((id) => groups.get(id) ?? []);
      }),
    orderById: () =>
      scoped<string, OrderView | null>(async (v, ids) => {
        const rows = byKey(await ordersByIds(db, v, ids), (r) => r.id);
        return ids.map((id) => rows.get(id) ?? null);
      }),
    linesByOrderId: () =>
      scoped<string, OrderLineRow[]>(async (_v, ids) => {
        const groups = groupBy(await linesByOrderIds(db, ids), (r) => r.orderId);
        return ids.map((id) => groups.get(id) ?? []);
      }),
    orderLineById: () =>
      scoped<string, OrderLineRow | null>(async (v, ids) => {
        const rows = byKey(await linesByIds(db, v, ids), (r) => r.id);
        return ids.map((id) => rows.get(id) ?? null);
      }),
    changeRequestsByOrderId: () =>
      scoped<string, OrderChangeRequestRow[]>(async (_v, ids) => {
        const groups = groupBy(await changeRequestsByOrderIds(db, ids), (r) => r.orderId);
        return ids.map((id) => groups.get(id) ?? []);
      }),
    changeRequestById: () =>
      scoped<string, OrderChangeRequestRow | null>(async (v, ids) => {
        const rows = byKey(await changeRequestsByIds(db, v, ids), (r) => r.id);
        return ids.map((id) => rows.get(id) ?? null);
      }),
    lineChangesByRequestId: () =>
      scoped<string, OrderLineChangeRow[]>(async (_v, ids) => {
        const groups = groupBy(await lineChangesByRequestIds(db, ids), (r) => r.changeRequestId);
        return ids.map((id) => groups.get(id) ?? []);
      }),
    deliveriesByOrderId: () =>
      scoped<string, DeliveryRow[]>(async (_v, ids) => {
        const groups = groupBy(await deliveriesByOrderIds(db, ids), (r) => r.orderId);
        return ids.map((id) => groups.get(id) ?? []);
      }),
    deliveryById: () =>
      scoped<string, DeliveryRow | null>(async (v, ids) => {
        const rows = byKey(await deliveriesByIds(db, v, ids), (r) => r.id);
        return ids.map((id) => rows.get(id) ?? null);
      }),
    deliveryLinesByDeliveryId: () =>
      scoped<string, DeliveryLineRow[]>(async (_v, ids) => {
        const groups = groupBy(await deliveryLinesByDeliveryIds(db, ids), (r) => r.deliveryId);
        return ids.map((id) => groups.get(id) ?? []);
      }),
    deliveryEventsByDeliveryId: () =>
      scoped<string, DeliveryEventRow[]>(async (_v, ids) => {
        const groups = groupBy(await deliveryEventsByDeliveryIds(db, ids), (r) => r.deliveryId);
        return ids.map((id) => groups.get(id) ?? []);
      }),
    supplierById: () =>
      scoped<string, SupplierRow | null>(async (v, ids) => {
        const rows = byKey(await suppliersByIds(db, v, ids), (r) => r.id);
        return ids.map((id) => rows.get(id) ?? null);
      }),
    customerById: () =>
      scoped<string, CustomerRow | null>(async (v, ids) => {
        const rows = byKey(await customersByIds(db, v, ids), (r) => r.id);
        return ids.map((id) => rows.get(id) ?? null);
      }),
    /** Unscoped: only for the part of an order line, inspection or nonconformance the viewer sees. */
    partOfVisibleRecord: () =>
      scoped<string, PartRow | null>(async (_v, ids) => {
        const rows = byKey(await partsOfVisibleRecords(db, ids), (r) => r.id);
        return ids.map((id) => rows.get(id) ?? null);
      }),
    partById: () =>
      scoped<string, PartRow | null>(async (v, ids) => {
        const rows = byKey(await partsByIds(db, v, ids), (r) => r.id);
        return ids.map((id) => rows.get(id) ?? null);
      }),
    sourcesByPartId: () =>
      scoped<string, SourceRow[]>(async (v, ids) => {
        const groups = groupBy(await sourcesBy(db, v, 'partId', ids), (r) => r.partId);
        return ids.map((id) => groups.get(id) ?? []);
      }),
    sourcesBySupplierId: () =>
      scoped<string, SourceRow[]>(async (v, ids) => {
        const groups = groupBy(await sourcesBy(db, v, 'supplierId', ids), (r) => r.supplierId);
        return ids.map((id) => groups.get(id) ?? []);
      }),
    importanceBySupplierId: () =>
      scoped<string, ImportanceClass | null>(async (_v, ids) => {
        const groups = groupBy(await partClassesBySupplierIds(db, ids), (r) => r.supplierId);
        return ids.map((id) => importanceClassOf((groups.get(id) ?? []).map((r) => r.importanceClass)));
      }),
    latestSurveyBySupplierId: () =>
      scoped<string, SupplierSurveyRow | null>(async (_v, ids) => {
        const rows = byKey(await latestSurveysBySupplierIds(db, ids), (r) => r.supplierId);
        return ids.map((id) => rows.get(id) ?? null);
      }),
  };

  // Built on first use: a request touches a handful of the loaders, and creating all of them for
  // every request is garbage the collector pays for.
  const built: Partial<Record<keyof typeof factories, unknown>> = {};
  const loaders = {} as { [K in keyof typeof factories]: ReturnType<(typeof factories)[K]> };
  for (const key of Object.keys(factories) as (keyof typeof factories)[]) {
    Object.defineProperty(loaders, key, { enumerable: true, get: () => (built[key] ??= factories[key]()) });
  }
  return loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;
