import { and, eq, sql } from 'drizzle-orm';
import { fileListOf } from './files.read.js';
import { GraphQLError } from 'graphql';
import { qualityAgreementConditions, qualityAgreementSort, readAgreementStatusOf } from '../db/queries/quality.js';
import { deliveries, inspectionSwitching, inspections, nonconformances, parts, qualityAgreementParts, qualityAgreementSignatures, qualityAgreements, suppliers } from '../db/schema/index.js';
import { type InspectionLevel, type InspectionSeverity, samplingPlan } from '../domain/quality/sampling.js';
import { column, float, globalId, instant } from '../read/fields.js';
import { decodeQualityAgreementFilter } from '../read/filters.js';
import { type ConnectionModel, inline, inlineModel, list, object, type RootModel, type TableModel, table, value } from '../read/model.js';
import { sortOf } from '../read/sort.js';
import { deliveryModel } from './deliveries.read.js';
import { nonconformanceModel } from './nonconformances.read.js';
import { partModel, supplierModel } from './partners.read.js';
import type { QualityAgreementFilter } from './quality.js';

/** Read models of quality agreements, incoming inspections and ISO 2859-1 switching (see src/read/model.ts). */

const agreementSignatureModel = table({
  type: 'Signature',
  from: sql`${qualityAgreementSignatures}`,
  scope: () => undefined,
  fields: { party: column(qualityAgreementSignatures.party), signedBy: column(qualityAgreementSignatures.signedByName), signedAt: instant(qualityAgreementSignatures.signedAt) },
});

export const qualityAgreementModel: TableModel = table({
  type: 'QualityAgreement',
  from: sql`${qualityAgreements}`,
  key: qualityAgreements.id,
  scope: (env) => env.scope.qualityAgreements,
  fields: {
    files: fileListOf('QualityAgreement', qualityAgreements.id),
    id: globalId('QualityAgreement', qualityAgreements.id),
    number: column(qualityAgreements.number),
    supplier: object(() => supplierModel, eq(suppliers.id, qualityAgreements.supplierId)),
    status: value((env) => readAgreementStatusOf(env.today)),
    effectiveFrom: column(qualityAgreements.effectiveFrom),
    effectiveTo: column(qualityAgreements.effectiveTo),
    aql: float(qualityAgreements.aql),
    inspectionLevel: column(qualityAgreements.inspectionLevel),
    targetPpm: column(qualityAgreements.targetPpm),
    containmentHours: column(qualityAgreements.containmentHours),
    correctiveActionDays: column(qualityAgreements.correctiveActionDays),
    sourceInspection: column(qualityAgreements.sourceInspection),
    requiredDeliveryDocuments: column(qualityAgreements.requiredDeliveryDocuments),
    missingDocuments: column(qualityAgreements.missingDocuments),
    parts: list(
      () => partModel,
      sql`exists (select 1 from ${qualityAgreementParts} where ${qualityAgreementParts.agreementId} = ${qualityAgreements.id} and ${qualityAgreementParts.partId} = ${parts.id})`,
      sql`${parts.partNumber}`,
      { implied: 'the parts a supplier’s signed-for agreement names (scope.ts: quality_agreement_parts)' },
    ),
    signatures: list(() => agreementSignatureModel, eq(qualityAgreementSignatures.agreementId, qualityAgreements.id), sql`${qualityAgreementSignatures.signedAt}, ${qualityAgreementSignatures.party}`),
    version: column(qualityAgreements.version),
    createdAt: instant(qualityAgreements.createdAt),
    updatedAt: instant(qualityAgreements.updatedAt),
  },
});

/** The plan an inspection was opened with, as stored at receipt. */
const inspectionPlanModel = inlineModel('SamplingPlan', {
  lotSize: column(inspections.lotSize),
  aql: float(inspections.aql),
  inspectionLevel: column(inspections.inspectionLevel),
  codeLetter: column(inspections.codeLetter),
  sampleSize: column(inspections.sampleSize),
  acceptNumber: column(inspections.acceptNumber),
  rejectNumber: column(inspections.rejectNumber),
  severity: column(inspections.severity),
});

export const inspectionModel: TableModel = table({
  type: 'Inspection',
  from: sql`${inspections}`,
  key: inspections.id,
  scope: (env) => env.scope.inspections,
  fields: {
    id: globalId('Inspection', inspections.id),
    delivery: object(() => deliveryModel, eq(deliveries.id, inspections.deliveryId)),
    part: object(() => partModel, eq(parts.id, inspections.partId), { implied: 'the part of an inspected lot is on the supplier’s order (scope.ts: partOnVisibleOrder)' }),
    lotNumber: column(inspections.lotNumber),
    lotSize: column(inspections.lotSize),
    plan: inline(() => inspectionPlanModel),
    sourceInspection: column(inspections.sourceInspection),
    result: column(inspections.result),
    defectsFound: column(inspections.defectsFound),
    inspectedBy: column(inspections.inspectedByName),
    inspectedAt: instant(inspections.inspectedAt),
    nonconformance: object(() => nonconformanceModel, eq(nonconformances.inspectionId, inspections.id), { orderBy: sql`${nonconformances.createdAt}, ${nonconformances.id}` }),
  },
});

export const inspectionStateModel: TableModel = table({
  type: 'InspectionState',
  from: sql`${inspectionSwitching}`,
  // A supplier's own inspection states; the supplier's visibility decides.
  scope: (env) => (env.scope.suppliers === undefined ? undefined : sql`exists (select 1 from ${suppliers} where ${suppliers.id} = ${inspectionSwitching.supplierId} and ${env.scope.suppliers})`),
  fields: {
    part: object(() => partModel, eq(parts.id, inspectionSwitching.partId), { implied: 'a part of the supplier’s inspected lots is on its orders (scope.ts: partOnVisibleOrder)' }),
    severity: column(inspectionSwitching.severity),
    discontinued: column(inspectionSwitching.discontinued),
    switchingScore: column(inspectionSwitching.switchingScore),
    updatedAt: instant(inspectionSwitching.updatedAt),
  },
});

export const qualityAgreementConnection: ConnectionModel = {
  type: 'QualityAgreementConnection',
  node: () => qualityAgreementModel,
  where: (env, args) => qualityAgreementConditions(env.viewer, decodeQualityAgreementFilter(args.filter as QualityAgreementFilter | null), env.today),
  sort: () => sortOf(qualityAgreementSort, qualityAgreements.id, qualityAgreementSort.descending),
  backward: true,
};

export const qualityRoots: Record<string, RootModel> = {
  qualityAgreements: { kind: 'connection', connection: () => qualityAgreementConnection },
  samplingPlan: {
    kind: 'computed',
    compute: (_env, args) => {
      try {
        return samplingPlan(args.lotSize as number, args.aql as number, args.inspectionLevel as InspectionLevel, args.severity as InspectionSeverity);
      } catch (error) {
        if (error instanceof RangeError) throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', argument: error.message.split(' ')[0] } });
        throw error;
      }
    },
  },
};

void and;
