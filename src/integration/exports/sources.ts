import { and, eq, gte, inArray, type SQL } from 'drizzle-orm';
import { changedSince } from '../../db/queries/changed-since.js';
import { inspections } from '../../db/schema/index.js';
import type { BulkExportType } from '../../domain/integration/bulk-export-rules.js';
import { filterId } from '../../read/filters.js';
import type { Args, ConnectionModel, RootModel } from '../../read/model.js';
import { rootModels } from '../../read/registry.js';
import { sortOf } from '../../read/sort.js';
import { inspectionModel } from '../../schema/quality.read.js';

/**
 * What each bulk export reads: a list of the API (its read model, so the same tenancy, filters and
 * field rules as the list), and the fields of each record as a GraphQL selection on the list's type.
 * The records are built by the read compiler (src/read/render.ts), one row per list item.
 */
export interface ExportSource {
  /** The list: a root of src/read/registry.ts, or a connection model of its own. */
  list: () => RootModel;
  /** The GraphQL input type of the filter entry, which the job re-coerces from the stored JSON. */
  filterType: string;
  /** The list's arguments from the filter entry. */
  args: (filter: Record<string, unknown> | null) => Args;
  /** Variables of the selection (the scorecard's period). */
  variables?: (filter: Record<string, unknown> | null) => Record<string, unknown>;
  /** The variables the selection declares, as a GraphQL operation writes them. */
  variableDefinitions?: string;
  /** The fields of a record, on the list's node type. */
  selection: string;
  /** CSV: one row per element of this list field of a record (its columns after the record's). */
  rowsOf?: string;
}

const orderFields = `
  id number direction status
  partner { __typename ... on Supplier { id code name } ... on Customer { id code name } }
  currency dueDate total issuedAt acknowledgedAt version createdAt updatedAt
  lines { id lineNumber part { id partNumber description unit } quantity unitPrice requestedDate confirmedQuantity confirmedDate deliveredQuantity acceptedQuantity }`;

const deliveryFields = `
  id number status order { id number } carrier trackingNumber shippedAt estimatedArrival arrivedAt receivedAt createdAt updatedAt
  lines { lotNumber quantity receivedQuantity orderLine { id lineNumber part { partNumber } } }
  events { id status occurredAt location note estimatedArrival }`;

const inspectionFields = `
  id delivery { id number } part { id partNumber description } lotNumber lotSize
  plan { inspectionLevel severity aql codeLetter sampleSize acceptNumber rejectNumber }
  sourceInspection result defectsFound inspectedBy inspectedAt nonconformance { id number }`;

const nonconformanceFields = `
  id number source status severity part { id partNumber } supplier { id code name } customer { id code name }
  order { id number } delivery { id number } quantityAffected description disposition responsibility
  containment rootCause correctiveAction preventiveAction verification containmentDueAt correctiveActionDueAt overdue createdAt updatedAt`;

const scorecardFields = `
  id code name status importanceClass grade
  scorecard(from: $from, to: $to) { from to onTimeDeliveryRate orderFillRate qualityPpm lotAcceptanceRate nonconformanceCount score grade }`;

const activityFields = `id cursor occurredAt actor kind summary subject { __typename id }`;

/** The inspections a viewer may see (a supplier its own lots; customers none), oldest first. */
const inspectionList: ConnectionModel = {
  type: 'Inspection',
  node: () => inspectionModel,
  where: (env, args) => {
    const filter = args.filter as { supplierId?: string | null; partId?: string | null; result?: string[] | null; inspectedSince?: Date | null; updatedSince?: Date | null; createdSince?: Date | null } | null;
    return and(
      env.scope.inspections,
      ...changedSince(inspections, filter),
      filter?.supplierId == null ? undefined : eq(inspections.supplierId, filterId(filter.supplierId, 'Supplier')!),
      filter?.partId == null ? undefined : eq(inspections.partId, filterId(filter.partId, 'Part')!),
      filter?.result?.length ? inArray(inspections.result, filter.result as ('PENDING' | 'ACCEPTED' | 'REJECTED')[]) : undefined,
      filter?.inspectedSince == null ? undefined : gte(inspections.inspectedAt, filter.inspectedSince),
    ) as SQL | undefined;
  },
  sort: () => sortOf({ name: 'created', expression: inspections.createdAt, cast: 'timestamptz' }, inspections.id, false),
  backward: false,
};

const root = (name: string) => () => {
  const model = rootModels[name];
  if (model === undefined) throw new Error(`no read model for Query.${name}`);
  return model;
};

export const exportSources: Record<BulkExportType, ExportSource> = {
  ORDERS: { list: root('orders'), filterType: 'OrderFilter', args: (filter) => ({ filter }), selection: orderFields, rowsOf: 'lines' },
  DELIVERIES: { list: root('deliveries'), filterType: 'DeliveryFilter', args: (filter) => ({ filter }), selection: deliveryFields, rowsOf: 'events' },
  INSPECTIONS: { list: () => ({ kind: 'connection', connection: () => inspectionList }), filterType: 'InspectionExportFilter', args: (filter) => ({ filter }), selection: inspectionFields },
  NONCONFORMANCES: { list: root('nonconformances'), filterType: 'NonconformanceFilter', args: (filter) => ({ filter }), selection: nonconformanceFields },
  SCORECARDS: {
    list: root('suppliers'),
    filterType: 'ScorecardExportFilter',
    args: (filter) => ({ filter: filter?.suppliers ?? null }),
    variables: (filter) => ({ from: filter?.from, to: filter?.to }),
    variableDefinitions: '($from: Date!, $to: Date!)',
    selection: scorecardFields,
  },
  ACTIVITY: { list: root('activity'), filterType: 'ActivityExportFilter', args: (filter) => ({ subjectId: filter?.subjectId ?? null, after: filter?.after ?? null }), selection: activityFields },
};
