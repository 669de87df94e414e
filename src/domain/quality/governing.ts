import type { Queryable } from '../../db/client.js';
import { activeAgreementsOfSupplier } from '../../db/queries/quality.js';
import type { QualityAgreementRow } from '../../db/schema/index.js';
import { governingAgreement } from './agreements.js';

/**
 * Which quality agreement governs a supplier's part on a day (YYYY-MM-DD), or null: incoming
 * inspection takes its sampling plan from it, nonconformance due dates its response times.
 */
export async function findGoverningAgreement(db: Queryable, supplierId: string, partId: string, today: string): Promise<QualityAgreementRow | null> {
  return governingAgreement(await activeAgreementsOfSupplier(db, supplierId), partId, today);
}
