import { bigint, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, instant, timestamps } from './columns.js';
import { customers, suppliers } from './partners.js';

/**
 * A bulk export: one list, filtered, written to a file by a job that reads it through a cursor as the
 * user who asked for it (the same tenancy as the list). Only that user reads it and downloads it.
 */
export const bulkExports = pgTable(
  'bulk_exports',
  {
    id: id(),
    /** ORDERS, DELIVERIES, INSPECTIONS, NONCONFORMANCES, SCORECARDS or ACTIVITY. */
    type: text('type').notNull(),
    /** JSONL or CSV. */
    format: text('format').notNull(),
    /** The list filter, as the API took it (global ids). */
    filter: jsonb('filter'),
    /** Who asked, as the job reads on their behalf: id, name, roles and organisation. */
    requestedBy: jsonb('requested_by').notNull(),
    requestedById: text('requested_by_id').notNull(),
    supplierId: uuid('supplier_id').references(() => suppliers.id),
    customerId: uuid('customer_id').references(() => customers.id),
    status: text('status', { enum: ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'] })
      .notNull()
      .default('QUEUED'),
    /** Rows written so far (order lines, delivery events ... as the format counts them). */
    rowCount: bigint('row_count', { mode: 'number' }).notNull().default(0),
    /** Rows the list held when the export started: progress is rowCount of this. */
    expectedRowCount: bigint('expected_row_count', { mode: 'number' }),
    byteCount: bigint('byte_count', { mode: 'number' }).notNull().default(0),
    /** The file's SHA-256 (hex), once complete. */
    sha256: text('sha256'),
    /** Why it failed. */
    error: text('error'),
    startedAt: instant('started_at'),
    finishedAt: instant('finished_at'),
    /** When the file and this record are deleted. */
    expiresAt: instant('expires_at'),
    ...timestamps(),
  },
  (t) => [index('bulk_exports_requester_idx').on(t.requestedById, t.createdAt, t.id), index('bulk_exports_expires_idx').on(t.expiresAt)],
);

export type BulkExportRow = typeof bulkExports.$inferSelect;
