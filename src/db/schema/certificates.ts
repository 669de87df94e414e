import { date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, instant, timestamps } from './columns.js';
import { suppliers } from './partners.js';

/**
 * A supplier's certificate (ISO 9001, IATF 16949, ISO 14001, a product approval …) with its validity.
 * Its copy is a file attached to it. The server records, once each, when it comes within the
 * warning window and when it expires (activity CERTIFICATE_EXPIRING, CERTIFICATE_EXPIRED).
 */
export const certificates = pgTable(
  'certificates',
  {
    id: id(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    type: text('type').notNull(),
    number: text('number').notNull(),
    issuer: text('issuer').notNull(),
    scope: text('scope'),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    /** When CERTIFICATE_EXPIRING was recorded for the current validTo; cleared when validTo moves. */
    expiringNotedAt: instant('expiring_noted_at'),
    expiredNotedAt: instant('expired_noted_at'),
    createdById: text('created_by_id').notNull(),
    version: integer('version').notNull().default(1),
    ...timestamps(),
  },
  (t) => [uniqueIndex('certificates_supplier_type_number_key').on(t.supplierId, t.type, t.number), index('certificates_valid_to_idx').on(t.validTo), index('certificates_updated_at_idx').on(t.updatedAt, t.id)],
);

export type CertificateRow = typeof certificates.$inferSelect;
