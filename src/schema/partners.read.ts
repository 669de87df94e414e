import { eq, sql } from 'drizzle-orm';
import { fileListOf } from './files.read.js';
import { certificateModel } from './certificates.read.js';
import { certificates } from '../db/schema/index.js';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { GraphQLError } from 'graphql';
import { permissions } from '../auth/permissions.js';
import { customerConditions, customerSort, partConditions, partSort, supplierConditions, supplierImportance, supplierSorts } from '../db/queries/partners.js';
import { scorecardFiguresOf } from '../db/queries/performance.js';
import { contracts, customerFeedback, customers, inspectionSwitching, nonconformances, orders, parts, qualityAgreements, satisfactionSurveys, sourcedParts, supplierEvaluations, supplierSurveys, suppliers } from '../db/schema/index.js';
import type { ImportanceClass } from '../domain/partners/importance.js';
import { adviseRelationship } from '../domain/partners/relationship.js';
import { adviseSourcing, type SourceFacts, type SupplierGrade } from '../domain/partners/sourcing-advice.js';
import { checkScorecardPeriod, gradeOf, type ScorecardFigures, scoreOf } from '../domain/performance/scorecard.js';
import { column, elementsOf, float, globalId, instant, member } from '../read/fields.js';
import { type ConnectionModel, computed, connection, list, object, type RootModel, type TableModel, table } from '../read/model.js';
import { sortOf } from '../read/sort.js';
import type { CustomerFilter, PartFilter, SupplierFilter, SupplierOrder } from './partners.js';
import { contractConnection } from './contracts.read.js';
import { evaluationConnection } from './evaluations.read.js';
import { feedbackConnection } from './feedback.read.js';
import { nonconformanceConnection } from './nonconformances.read.js';
import { orderConnection } from './orders.read.js';
import { inspectionStateModel, qualityAgreementConnection } from './quality.read.js';
import { surveyModel } from './satisfaction.read.js';

/** Read models of suppliers, customers, parts and their sourcing (see src/read/model.ts). */

/** The contacts kept with a partner (a JSON list), in the order they were given. */
const contactsOf = (contactList: AnyPgColumn) =>
  elementsOf('Contact', contactList, 'contact', (contact) => ({
    name: member(contact, 'name'),
    title: member(contact, 'title'),
    email: member(contact, 'email'),
    phone: member(contact, 'phone'),
    primary: member(contact, 'primary'),
  })).listed;

const certifications = elementsOf('Certification', supplierSurveys.certifications, 'certification', (certification) => ({
  standard: member(certification, 'standard'),
  certificateNumber: member(certification, 'certificateNumber'),
  validUntil: member(certification, 'validUntil'),
}));

export const supplierSurveyModel = table({
  type: 'SupplierSurvey',
  from: sql`${supplierSurveys}`,
  scope: () => undefined,
  fields: {
    id: globalId('SupplierSurvey', supplierSurveys.id),
    files: fileListOf('SupplierSurvey', supplierSurveys.id),
    surveyedAt: instant(supplierSurveys.surveyedAt),
    taxCompliant: column(supplierSurveys.taxCompliant),
    cpk: float(supplierSurveys.cpk),
    certifications: certifications.listed,
    mainCustomers: column(supplierSurveys.mainCustomers),
    capacityNotes: column(supplierSurveys.capacityNotes),
    findings: column(supplierSurveys.findings),
  },
});

/** A part's designated sources, oldest designation first, then by supplier code. */
const sourceOrder = sql`${sourcedParts.createdAt}, (select ${suppliers.code} from ${suppliers} where ${suppliers.id} = ${sourcedParts.supplierId}), ${sourcedParts.partId}`;

export const sourcedPartModel: TableModel = table({
  type: 'SourcedPart',
  from: sql`${sourcedParts}`,
  scope: (env) => env.scope.sourcedParts,
  fields: {
    supplier: object(() => supplierModel, eq(suppliers.id, sourcedParts.supplierId)),
    part: object(() => partModel, eq(parts.id, sourcedParts.partId), { implied: 'a supplier sees the parts it is designated for (scope.ts: sourced_parts)' }),
    status: column(sourcedParts.status),
    sharePercent: column(sourcedParts.sharePercent),
    approvedAt: instant(sourcedParts.approvedAt),
  },
});

function scorecardPeriod(args: Record<string, unknown>): { from: string; to: string } {
  const from = args.from as string;
  const to = args.to as string;
  const refused = checkScorecardPeriod(from, to);
  if (refused) throw new GraphQLError(refused.message, { extensions: { code: 'BAD_USER_INPUT', argument: refused.argument } });
  return { from, to };
}

export const supplierModel: TableModel = table({
  type: 'Supplier',
  from: sql`${suppliers}`,
  key: suppliers.id,
  scope: (env) => env.scope.suppliers,
  fields: {
    certificates: list(() => certificateModel, eq(certificates.supplierId, suppliers.id), sql`${certificates.validTo}, ${certificates.id}`),
    id: globalId('Supplier', suppliers.id),
    code: column(suppliers.code),
    name: column(suppliers.name),
    country: column(suppliers.country),
    contacts: contactsOf(suppliers.contacts),
    status: column(suppliers.status),
    importanceClass: column(supplierImportance),
    grade: column(suppliers.grade),
    latestSurvey: object(() => supplierSurveyModel, eq(supplierSurveys.supplierId, suppliers.id), { orderBy: sql`${supplierSurveys.surveyedAt} desc, ${supplierSurveys.id} desc` }),
    sourcedParts: list(() => sourcedPartModel, eq(sourcedParts.supplierId, suppliers.id), sourceOrder),
    inspectionStates: list(() => inspectionStateModel, eq(inspectionSwitching.supplierId, suppliers.id), sql`${inspectionSwitching.updatedAt} desc, ${inspectionSwitching.partId}`, {
      implied: 'a supplier’s inspection states are visible with it',
    }),
    reducedInspectionAllowed: column(suppliers.reducedInspectionAllowed),
    relationship: computed<{ importanceClass: ImportanceClass | null; grade: SupplierGrade | null }>(
      sql`json_build_object('importanceClass', ${supplierImportance}, 'grade', ${suppliers.grade})`,
      (inputs) => adviseRelationship(inputs.importanceClass, inputs.grade),
      { roles: permissions.viewRelationshipAdvice },
    ),
    scorecard: computed<ScorecardFigures>(
      (env, args) => {
        const { from, to } = scorecardPeriod(args);
        return scorecardFiguresOf(sql`${suppliers.id}`, { from, to, timeZone: env.timeZone, today: env.today });
      },
      // The period was checked as the statement was written (above), once for the page.
      (figures, _env, args) => {
        const score = scoreOf(figures);
        return { from: args.from as string, to: args.to as string, ...figures, score, grade: gradeOf(score) };
      },
    ),
    contracts: connection(() => contractConnection, eq(contracts.supplierId, suppliers.id)),
    orders: connection(() => orderConnection, eq(orders.supplierId, suppliers.id)),
    nonconformances: connection(() => nonconformanceConnection, eq(nonconformances.supplierId, suppliers.id)),
    evaluations: connection(() => evaluationConnection, eq(supplierEvaluations.supplierId, suppliers.id)),
    qualityAgreements: connection(() => qualityAgreementConnection, eq(qualityAgreements.supplierId, suppliers.id)),
    createdAt: instant(suppliers.createdAt),
    updatedAt: instant(suppliers.updatedAt),
  },
});

export const customerModel: TableModel = table({
  type: 'Customer',
  from: sql`${customers}`,
  key: customers.id,
  scope: (env) => env.scope.customers,
  fields: {
    id: globalId('Customer', customers.id),
    code: column(customers.code),
    name: column(customers.name),
    country: column(customers.country),
    contacts: contactsOf(customers.contacts),
    industry: column(customers.industry),
    orders: connection(() => orderConnection, eq(orders.customerId, customers.id)),
    feedback: connection(() => feedbackConnection, eq(customerFeedback.customerId, customers.id)),
    satisfaction: list(() => surveyModel, eq(satisfactionSurveys.customerId, customers.id), sql`${satisfactionSurveys.periodFrom}, ${satisfactionSurveys.id}`),
    createdAt: instant(customers.createdAt),
    updatedAt: instant(customers.updatedAt),
  },
});

export const partModel: TableModel = table({
  type: 'Part',
  from: sql`${parts}`,
  key: parts.id,
  scope: (env) => env.scope.parts,
  fields: {
    id: globalId('Part', parts.id),
    partNumber: column(parts.partNumber),
    description: column(parts.description),
    unit: column(parts.unit),
    importanceClass: column(parts.importanceClass),
    revision: column(parts.revision),
    sources: list(() => sourcedPartModel, eq(sourcedParts.partId, parts.id), sourceOrder),
    sourcingAdvice: computed<{ importanceClass: ImportanceClass; sources: SourceFacts[] }>(
      sql`json_build_object('importanceClass', ${parts.importanceClass}, 'sources', (
        select coalesce(json_agg(json_build_object('status', ${sourcedParts.status}, 'grade', ${suppliers.grade})), '[]'::json)
        from ${sourcedParts} join ${suppliers} on ${suppliers.id} = ${sourcedParts.supplierId} where ${sourcedParts.partId} = ${parts.id}))`,
      (inputs) => adviseSourcing(inputs.importanceClass, inputs.sources),
      { roles: permissions.viewSourcingAdvice },
    ),
  },
});

export const supplierConnection: ConnectionModel = {
  type: 'SupplierConnection',
  node: () => supplierModel,
  where: (env, args) => supplierConditions(env.viewer, args.filter as SupplierFilter | null),
  sort: (args) => {
    const order = args.orderBy as SupplierOrder | null | undefined;
    return sortOf(supplierSorts[order?.field ?? 'CODE'], suppliers.id, order?.direction === 'DESC');
  },
  backward: true,
};

export const customerConnection: ConnectionModel = {
  type: 'CustomerConnection',
  node: () => customerModel,
  where: (env, args) => customerConditions(env.viewer, args.filter as CustomerFilter | null),
  sort: () => sortOf(customerSort, customers.id, false),
  backward: true,
};

export const partConnection: ConnectionModel = {
  type: 'PartConnection',
  node: () => partModel,
  where: (env, args) => partConditions(env.viewer, args.filter as PartFilter | null),
  sort: () => sortOf(partSort, parts.id, false),
  backward: true,
};

export const partnerRoots: Record<string, RootModel> = {
  suppliers: { kind: 'connection', connection: () => supplierConnection },
  customers: { kind: 'connection', connection: () => customerConnection },
  parts: { kind: 'connection', connection: () => partConnection },
};

