import { and, asc, sql } from 'drizzle-orm';
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

/** Certificates matching a condition of src/schema/certificates.read.ts (needsRenewal), soonest first. */
export function certificatesWhere(db: Queryable, viewer: Viewer, condition: ReturnType<typeof sql>, limit: number): Promise<CertificateRow[]> {
  return db
    .select()
    .from(certificates)
    .where(and(condition, visibility(viewer).certificates))
    .orderBy(asc(certificates.validTo), asc(certificates.id))
    .limit(limit);
}
