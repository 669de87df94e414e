import { Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { bulkExportFormats, bulkExportStatuses, bulkExportTypes } from '../domain/integration/bulk-export-rules.js';
import { ChangedSinceFilter, ConnectionType, DateScalar, DateTimeScalar, EdgeType, enumOf, Payload } from './common.js';
import { DeliveryFilter } from './deliveries.js';
import { InspectionResult } from './inspections.js';
import { NonconformanceFilter } from './nonconformances.js';
import { OrderFilter } from './orders.js';
import { SupplierFilter } from './partners.js';

export const BulkExportType = enumOf(bulkExportTypes);
registerEnumType(BulkExportType, {
  name: 'BulkExportType',
  description: 'The list an export reads, with the tenancy of that list: a partner exports only what it could page through.',
  valuesConfig: {
    ORDERS: { description: 'Orders with their lines (CSV: a row per line).' },
    DELIVERIES: { description: 'Deliveries with their lines and status events (CSV: a row per event).' },
    INSPECTIONS: { description: 'Incoming inspections with their sampling plans.' },
    NONCONFORMANCES: { description: 'Nonconformances, with what the viewer may see of their problem solving.' },
    SCORECARDS: { description: 'A scorecard per supplier for a period (filter.scorecards gives it).' },
    ACTIVITY: { description: 'The activity feed, each entry with its cursor.' },
  },
});

export const BulkExportFormat = enumOf(bulkExportFormats);
registerEnumType(BulkExportFormat, {
  name: 'BulkExportFormat',
  description: 'How the file is written.',
  valuesConfig: {
    JSONL: { description: 'One JSON object per line, as the API would answer it (JSON Lines).' },
    CSV: { description: 'RFC 4180 with a header row; nested fields as dotted columns.' },
  },
});

export const BulkExportStatus = enumOf(bulkExportStatuses);
registerEnumType(BulkExportStatus, {
  name: 'BulkExportStatus',
  description: 'Where an export is.',
  valuesConfig: {
    QUEUED: { description: 'Waiting for a worker.' },
    RUNNING: { description: 'Being written: rowCount grows.' },
    COMPLETED: { description: 'Written: download it from downloadUrl.' },
    FAILED: { description: 'Not written; error says why. Start a new one.' },
  },
});

@InputType({ description: 'Which inspections an export reads.' })
export class InspectionExportFilter extends ChangedSinceFilter {
  @Field(() => ID, { nullable: true, description: 'Only lots of this supplier.' }) supplierId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only lots of this part.' }) partId?: string | null;
  @Field(() => [InspectionResult], { nullable: true, description: 'Only records with one of these values.' }) result?: (keyof typeof InspectionResult)[] | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Only lots inspected at or after this instant.' }) inspectedSince?: Date | null;
}

@InputType({ description: 'The period of the scorecards, and which suppliers.' })
export class ScorecardExportFilter {
  @Field(() => DateScalar, { description: 'First day of the period, in the company calendar.' }) from: string;
  @Field(() => DateScalar, { description: 'Last day of the period, included.' }) to: string;
  @Field(() => SupplierFilter, { nullable: true, description: 'Which suppliers; all the viewer may see when not given.' }) suppliers?: SupplierFilter | null;
}

@InputType({ description: 'Which activity entries an export reads.' })
export class ActivityExportFilter {
  @Field(() => ID, { nullable: true, description: 'Only entries about this record.' }) subjectId?: string | null;
  @Field(() => String, { nullable: true, description: 'Only entries after this activity cursor (from a previous export, the feed or a webhook).' }) after?: string | null;
}

@InputType({ description: 'The filter of an export: the entry of its type only (orders for ORDERS, and so on).' })
export class BulkExportFilter {
  @Field(() => OrderFilter, { nullable: true, description: 'For ORDERS: the filter of the orders list.' }) orders?: OrderFilter | null;
  @Field(() => DeliveryFilter, { nullable: true, description: 'For DELIVERIES: the filter of the deliveries list.' }) deliveries?: DeliveryFilter | null;
  @Field(() => InspectionExportFilter, { nullable: true, description: 'For INSPECTIONS.' }) inspections?: InspectionExportFilter | null;
  @Field(() => NonconformanceFilter, { nullable: true, description: 'For NONCONFORMANCES: the filter of the nonconformances list.' }) nonconformances?: NonconformanceFilter | null;
  @Field(() => ScorecardExportFilter, { nullable: true, description: 'For SCORECARDS, required: the period.' }) scorecards?: ScorecardExportFilter | null;
  @Field(() => ActivityExportFilter, { nullable: true, description: 'For ACTIVITY.' }) activity?: ActivityExportFilter | null;
}

@InputType({ description: 'What `startBulkExport` takes.' })
export class StartBulkExportInput {
  @Field(() => BulkExportType, { description: 'The list to export.' }) type: keyof typeof BulkExportType;
  @Field(() => BulkExportFormat, { description: 'JSONL or CSV.' }) format: keyof typeof BulkExportFormat;
  @Field(() => BulkExportFilter, { nullable: true, description: 'The list filter: only the entry of the type.' }) filter?: BulkExportFilter | null;
  @Field(() => String, { nullable: true, description: 'A retry with the same key returns the first result and creates nothing new.' }) idempotencyKey?: string | null;
}

@ObjectType({ description: 'A bulk export: a list written to a file by a background job, then downloaded with a short-lived signed link. Only its requester sees it.' })
export class BulkExport {
  @Field(() => ID, { description: 'The export (pass it to bulkExportUpdated).' }) id: string;
  @Field(() => BulkExportType, { description: 'The list exported.' }) type: string;
  @Field(() => BulkExportFormat, { description: 'JSONL or CSV.' }) format: string;
  @Field(() => BulkExportStatus, { description: 'QUEUED, RUNNING, COMPLETED or FAILED.' }) status: string;
  @Field(() => Float, { description: 'Records written so far (orders, deliveries ...; a CSV may have more rows: one per line or event).' }) rowCount: number;
  @Field(() => Float, { nullable: true, description: 'Records the list held when the export started.' }) expectedRowCount: number | null;
  @Field(() => Float, { nullable: true, description: 'rowCount of expectedRowCount, 0 to 1; 1 once complete.' }) progress: number | null;
  @Field(() => Float, { description: 'Bytes written so far.' }) byteCount: number;
  @Field(() => String, { nullable: true, description: "The file's SHA-256 in hex, once complete." }) sha256: string | null;
  @Field(() => String, { nullable: true, description: 'Why it failed.' }) error: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Once complete: a path on this server (resolve it against the API URL) that downloads the file without a token until downloadUrlExpiresAt; ask again for a fresh one.',
  })
  downloadUrl: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When downloadUrl stops working.' }) downloadUrlExpiresAt: Date | null;
  @Field(() => DateTimeScalar, { description: 'When it was asked for.' }) createdAt: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When a worker started it.' }) startedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it completed or failed.' }) finishedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the file is deleted.' }) expiresAt: Date | null;
}

@ObjectType()
export class BulkExportEdge extends EdgeType(BulkExport) {}
@ObjectType()
export class BulkExportConnection extends ConnectionType(BulkExport, BulkExportEdge) {}

@InputType({ description: 'Which of the viewer’s exports to list.' })
export class BulkExportListFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these exports.' }) ids?: string[] | null;
  @Field(() => [BulkExportStatus], { nullable: true, description: 'Only records with one of these values.' }) status?: string[] | null;
}

@ObjectType({ description: 'The result of `startBulkExport`.' })
export class StartBulkExportPayload extends Payload {
  @Field(() => BulkExport, { nullable: true, description: 'The export, QUEUED; null when refused.' }) bulkExport: BulkExport | null;
}

@ObjectType({ description: 'A step of an export: started, every tenth of the way, completed or failed.' })
export class BulkExportUpdate {
  @Field(() => String, { description: 'Resume the subscription after this event with `after`.' }) cursor: string;
  @Field(() => DateTimeScalar, { description: 'When it happened.' }) occurredAt: Date;
  @Field(() => String, { description: 'BULK_EXPORT_REQUESTED, BULK_EXPORT_STARTED, BULK_EXPORT_PROGRESS, BULK_EXPORT_COMPLETED or BULK_EXPORT_FAILED.' }) kind: string;
  @Field(() => BulkExport, { nullable: true, description: 'The export as it is now; null once deleted.' }) bulkExport: BulkExport | null;
}

