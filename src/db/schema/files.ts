import { customType, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from './columns.js';
import { customers, parts, suppliers } from './partners.js';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * A file attached to a record (a survey's evidence, a certificate, a signed contract or agreement, a
 * delivery's certificates of conformity, a nonconformance's 8D report and photos, a complaint's
 * pictures). Kept in the database, so the embedded and the server databases behave the same; the
 * bytes are in file_contents. supplier_id and customer_id repeat the record's parties for
 * row-level security.
 */
export const files = pgTable(
  'files',
  {
    id: id(),
    /** The record's type: SupplierSurvey, Certificate, Contract, QualityAgreement, Order, Delivery, Nonconformance, CustomerFeedback. */
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    supplierId: uuid('supplier_id').references(() => suppliers.id),
    customerId: uuid('customer_id').references(() => customers.id),
    /** What the file is: SIGNED_COPY, CERTIFICATE, CERTIFICATE_OF_CONFORMITY, EIGHT_D_REPORT, PHOTO ... */
    kind: text('kind').notNull(),
    /** The part it is about (a certificate of conformity for one part of a delivery); null for the whole record. */
    partId: uuid('part_id').references(() => parts.id),
    name: text('name').notNull(),
    /** Detected from the bytes, never taken from the client. */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    uploadedById: text('uploaded_by_id').notNull(),
    uploadedByName: text('uploaded_by_name').notNull(),
    /** The uploader's partner organisation; null for staff. */
    uploadedByOrganizationId: uuid('uploaded_by_organization_id'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [index('files_subject_idx').on(t.subjectId, t.createdAt, t.id), index('files_supplier_idx').on(t.supplierId), index('files_customer_idx').on(t.customerId)],
);

/** A file's bytes in chunks of FILE_CHUNK_BYTES: downloads and ranges read only the chunks they need. */
export const fileContents = pgTable(
  'file_contents',
  {
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id, { onDelete: 'cascade' }),
    chunk: integer('chunk').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fileId, t.chunk] })],
);

export type FileRow = typeof files.$inferSelect;
