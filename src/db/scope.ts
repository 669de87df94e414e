import { and, eq, exists, isNotNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Viewer } from '../auth/viewer.js';
import type { FileSubjectType } from '../domain/files/rules.js';
import { activity, bulkExports, certificates, invoices, contractItems, files, supplierSurveys, contracts, customerFeedback, customers, deliveries, deliveryLines, inspections, nonconformances, orderLines, orders, parts, qualityAgreementParts, qualityAgreements, satisfactionSurveys, sourcedParts, suppliers, webhookDeliveries, webhookEndpoints } from './schema/index.js';

/**
 * Tenancy, in one place: what each viewer may see of each table, as a SQL condition that every
 * read (lists, node lookups, loaders, counts) and every lookup before a write adds to its WHERE.
 * Staff see everything; a partner user sees only its own organisation's rows.
 * `undefined` means no restriction.
 */
const nothing = sql`false`;

function partInOfferedContract(side: 'supplier' | 'customer', orgId: string): SQL {
  const partnerColumn = side === 'supplier' ? contracts.supplierId : contracts.customerId;
  return exists(
    sql`(select 1 from ${contractItems} join ${contracts} on ${contracts.id} = ${contractItems.contractId} where ${contractItems.partId} = ${parts.id} and ${partnerColumn} = ${orgId} and ${contracts.offeredAt} is not null)`,
  );
}

export interface Visibility {
  suppliers: SQL | undefined;
  customers: SQL | undefined;
  parts: SQL | undefined;
  sourcedParts: SQL | undefined;
  /** Partners see a contract once it was offered to them for signature, never an internal draft. */
  contracts: SQL | undefined;
  qualityAgreements: SQL | undefined;
  /** Partners see activity about their own records, except internal steps. */
  activity: SQL | undefined;
  /** Partners see their orders from issue on, never a draft; deliveries of the orders they see. */
  orders: SQL | undefined;
  deliveries: SQL | undefined;
  /** The lines of the deliveries a partner sees. */
  deliveryLines: SQL | undefined;
  /** A supplier sees the nonconformances it is responsible for; a customer those raised for it. */
  nonconformances: SQL | undefined;
  /** A supplier sees the inspections of its own lots. */
  inspections: SQL | undefined;
  /** A customer sees its own feedback and surveys; suppliers never see any. */
  customerFeedback: SQL | undefined;
  satisfactionSurveys: SQL | undefined;
  /** A partner's users manage their organisation's webhook endpoints and read their delivery logs; staff all. */
  webhookEndpoints: SQL | undefined;
  webhookDeliveries: SQL | undefined;
  /** An export is its requester's alone, staff included: it holds what that user could see. */
  bulkExports: SQL | undefined;
  /** A supplier sees its own certificates; customers none. */
  certificates: SQL | undefined;
  /**
   * A file is seen by whoever sees the record it is attached to; of a nonconformance's files a
   * customer sees only those its own users attached (the 8D report is between us and the supplier).
   */
  files: SQL | undefined;
  /** A supplier sees its own invoices; customers none. */
  invoices: SQL | undefined;
}

/** The part a nonconformance is about is visible to whoever may see the nonconformance. */
function partOfNonconformance(side: 'supplier' | 'customer', orgId: string): SQL {
  const partnerColumn = side === 'supplier' ? nonconformances.supplierId : nonconformances.customerId;
  return exists(sql`(select 1 from ${nonconformances} where ${nonconformances.partId} = ${parts.id} and ${partnerColumn} = ${orgId})`);
}

function orderOf(side: 'supplier' | 'customer', orgId: string): SQL {
  return and(eq(side === 'supplier' ? orders.supplierId : orders.customerId, orgId), ne(orders.status, 'DRAFT'))!;
}

function partOnVisibleOrder(side: 'supplier' | 'customer', orgId: string): SQL {
  return exists(sql`(select 1 from ${orderLines} join ${orders} on ${orders.id} = ${orderLines.orderId} where ${orderLines.partId} = ${parts.id} and ${orderOf(side, orgId)})`);
}

/**
 * A delivery carries its order's partner (drizzle/0022, written by triggers only), and an order has
 * deliveries only once issued, never as a draft: the deliveries of the orders a partner sees.
 */
function deliveryOfPartner(side: 'supplier' | 'customer', orgId: string): SQL {
  return eq(side === 'supplier' ? deliveries.supplierId : deliveries.customerId, orgId);
}

/** A delivery line carries its delivery's partner (drizzle/0026, written by triggers only). */
function deliveryLineOfPartner(side: 'supplier' | 'customer', orgId: string): SQL {
  return eq(side === 'supplier' ? deliveryLines.supplierId : deliveryLines.customerId, orgId);
}

let applicationScoping = true;

/**
 * Turns the application's scoping off (every viewer unrestricted here), leaving row-level security
 * as the only wall. Configuration allows it only in tests (TEST_APPLICATION_SCOPING=off).
 */
export function setApplicationScoping(enabled: boolean) {
  applicationScoping = enabled;
  built = new WeakMap();
}

/** Built once per viewer: viewers are kept with their verified tokens, and requests of one user share them. */
let built = new WeakMap<Viewer, Visibility>();

export function visibility(viewer: Viewer): Visibility {
  let conditions = built.get(viewer);
  if (conditions === undefined) {
    conditions = conditionsFor(viewer);
    built.set(viewer, conditions);
  }
  return conditions;
}

function conditionsFor(viewer: Viewer): Visibility {
  const own = organisationConditions(viewer);
  const org = applicationScoping ? viewer.organization : null;
  const certificateScope = org === null ? undefined : org.type === 'Supplier' ? eq(certificates.supplierId, org.id) : nothing;
  return {
    ...own,
    bulkExports: applicationScoping ? eq(bulkExports.requestedById, viewer.id) : undefined,
    certificates: certificateScope,
    invoices: org === null ? undefined : org.type === 'Supplier' ? eq(invoices.supplierId, org.id) : nothing,
    files: org === null ? undefined : fileConditions({ ...own, certificates: certificateScope }, org),
  };
}

/** The conditions a file's record is checked against. */
type RecordScopes = Omit<Visibility, 'bulkExports' | 'files' | 'invoices'>;

/**
 * The records files are attached to, by type: each one's table, key and who may see it (the record's
 * own conditions). Read by the files' scope below and by the upload (src/domain/files/service.ts).
 */
export const fileSubjectTables: Record<FileSubjectType, { table: PgTable; key: AnyPgColumn; scope: (v: RecordScopes) => SQL | undefined }> = {
  SupplierSurvey: {
    table: supplierSurveys,
    key: supplierSurveys.id,
    scope: (v) => (v.suppliers === undefined ? undefined : exists(sql`(select 1 from ${suppliers} where ${suppliers.id} = ${supplierSurveys.supplierId} and ${v.suppliers})`)),
  },
  Certificate: { table: certificates, key: certificates.id, scope: (v) => v.certificates },
  Contract: { table: contracts, key: contracts.id, scope: (v) => v.contracts },
  QualityAgreement: { table: qualityAgreements, key: qualityAgreements.id, scope: (v) => v.qualityAgreements },
  Order: { table: orders, key: orders.id, scope: (v) => v.orders },
  Delivery: { table: deliveries, key: deliveries.id, scope: (v) => v.deliveries },
  Nonconformance: { table: nonconformances, key: nonconformances.id, scope: (v) => v.nonconformances },
  CustomerFeedback: { table: customerFeedback, key: customerFeedback.id, scope: (v) => v.customerFeedback },
};

/** Files of records the viewer sees; of a nonconformance's, a customer sees those its users attached. */
function fileConditions(v: RecordScopes, org: NonNullable<Viewer['organization']>): SQL {
  return or(
    ...Object.entries(fileSubjectTables).map(([type, { table, key, scope }]) =>
      and(
        eq(files.subjectType, type),
        exists(sql`(select 1 from ${table} where ${key} = ${files.subjectId} and ${scope(v) ?? sql`true`})`),
        type === 'Nonconformance' && org.type === 'Customer' ? eq(files.uploadedByOrganizationId, org.id) : undefined,
      ),
    ),
  )!;
}

function organisationConditions(viewer: Viewer): Omit<Visibility, 'bulkExports' | 'certificates' | 'files' | 'invoices'> {
  const org = applicationScoping ? viewer.organization : null;
  if (org === null) {
    return {
      suppliers: undefined,
      customers: undefined,
      parts: undefined,
      sourcedParts: undefined,
      contracts: undefined,
      qualityAgreements: undefined,
      activity: undefined,
      orders: undefined,
      deliveries: undefined,
      deliveryLines: undefined,
      nonconformances: undefined,
      inspections: undefined,
      customerFeedback: undefined,
      satisfactionSurveys: undefined,
      webhookEndpoints: undefined,
      webhookDeliveries: undefined,
    };
  }
  if (org.type === 'Supplier') {
    return {
      suppliers: eq(suppliers.id, org.id),
      customers: nothing,
      // A supplier sees the parts it is designated for or that its contracts and agreements name,
      // and only its own sourcing of them.
      parts: or(
        exists(sql`(select 1 from ${sourcedParts} where ${and(eq(sourcedParts.partId, parts.id), eq(sourcedParts.supplierId, org.id))})`),
        partInOfferedContract('supplier', org.id),
        partOnVisibleOrder('supplier', org.id),
        partOfNonconformance('supplier', org.id),
        exists(
          sql`(select 1 from ${qualityAgreementParts} join ${qualityAgreements} on ${qualityAgreements.id} = ${qualityAgreementParts.agreementId} where ${qualityAgreementParts.partId} = ${parts.id} and ${qualityAgreements.supplierId} = ${org.id} and ${qualityAgreements.status} <> 'DRAFT')`,
        ),
      ),
      sourcedParts: eq(sourcedParts.supplierId, org.id),
      contracts: and(eq(contracts.supplierId, org.id), isNotNull(contracts.offeredAt)),
      qualityAgreements: and(eq(qualityAgreements.supplierId, org.id), ne(qualityAgreements.status, 'DRAFT')),
      activity: and(eq(activity.supplierId, org.id), eq(activity.partnerVisible, true)),
      orders: orderOf('supplier', org.id),
      deliveries: deliveryOfPartner('supplier', org.id),
      deliveryLines: deliveryLineOfPartner('supplier', org.id),
      nonconformances: eq(nonconformances.supplierId, org.id),
      inspections: eq(inspections.supplierId, org.id),
      customerFeedback: nothing,
      satisfactionSurveys: nothing,
      webhookEndpoints: eq(webhookEndpoints.supplierId, org.id),
      webhookDeliveries: endpointOf('supplier', org.id),
    };
  }
  return {
    suppliers: nothing,
    customers: eq(customers.id, org.id),
    // A customer sees the parts its contracts, orders and nonconformances name.
    parts: or(partInOfferedContract('customer', org.id), partOnVisibleOrder('customer', org.id), partOfNonconformance('customer', org.id)),
    sourcedParts: nothing,
    contracts: and(eq(contracts.customerId, org.id), isNotNull(contracts.offeredAt)),
    qualityAgreements: nothing,
    activity: and(eq(activity.customerId, org.id), eq(activity.partnerVisible, true)),
    orders: orderOf('customer', org.id),
    deliveries: deliveryOfPartner('customer', org.id),
    deliveryLines: deliveryLineOfPartner('customer', org.id),
    nonconformances: eq(nonconformances.customerId, org.id),
    inspections: nothing,
    customerFeedback: eq(customerFeedback.customerId, org.id),
    satisfactionSurveys: eq(satisfactionSurveys.customerId, org.id),
    webhookEndpoints: eq(webhookEndpoints.customerId, org.id),
    webhookDeliveries: endpointOf('customer', org.id),
  };
}

/** Deliveries of the organisation's own endpoints. */
function endpointOf(partner: 'supplier' | 'customer', id: string): SQL {
  const owner = partner === 'supplier' ? webhookEndpoints.supplierId : webhookEndpoints.customerId;
  return exists(sql`(select 1 from ${webhookEndpoints} where ${webhookEndpoints.id} = ${webhookDeliveries.endpointId} and ${owner} = ${id})`);
}

/** An id no row has: a filter that must find nothing. */
const NO_ROW = '00000000-0000-0000-0000-000000000000';

/**
 * Filters by partner on records both a supplier and a customer may see (nonconformances): neither
 * side may learn who the other is by filtering, so a customer's supplier filter, or a supplier's
 * customer filter, matches no row.
 */
export function partnerFilter(viewer: Viewer, filter: { supplierId: string | null; customerId: string | null }): { supplierId: string | null; customerId: string | null } {
  const side = viewer.organization?.type;
  return {
    supplierId: filter.supplierId !== null && side === 'Customer' ? NO_ROW : filter.supplierId,
    customerId: filter.customerId !== null && side === 'Supplier' ? NO_ROW : filter.customerId,
  };
}
