import { and, asc, type SQL, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer.js';
import { anyId } from '../any-id.js';
import type { Queryable } from '../client.js';
import { type CertificateRow, certificates } from '../schema/index.js';
import { visibility } from '../scope.js';

/** The certificates of suppliers, those the viewer may see, soonest to expire first. */
export function certificatesBySupplierIds(db: Queryable, viewer: Viewer, ids: readonly string[]): Promise<CertificateRow[]> {
  return db
    .select()
    .from(certificates)
    .where(and(anyId(certificates.supplierId, ids), visibility(viewer).certificates))
    .orderBy(asc(certificates.validTo), asc(certificates.id));
}

/** Certificates matching a condition (needsRenewal), soonest first. */
export function certificatesWhere(db: Queryable, viewer: Viewer, condition: SQL, limit: number): Promise<CertificateRow[]> {
  return db
    .select()
    .from(certificates)
    .where(and(condition, visibility(viewer).certificates))
    .orderBy(asc(certificates.validTo), asc(certificates.id))
    .limit(limit);
}

/** Certificates needing attention on `today`: expired and not replaced by a valid one of the same type, or expiring within `days`. */
export const needsRenewal = (today: string, until: string): SQL =>
  sql`(${certificates.validTo} <= ${until} and ${certificates.validFrom} <= ${until} and not exists (select 1 from ${certificates} as later where later.supplier_id = ${certificates.supplierId} and later.type = ${certificates.type} and later.id <> ${certificates.id} and later.valid_to > ${until} and later.valid_from <= ${today}))`;
