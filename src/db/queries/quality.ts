import { and, count, eq, or, type SQL, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer.js';
import type { AgreementStatus } from '../../domain/quality/agreements.js';
import type { Queryable } from '../client.js';
import { keysetPage, type Page, type PageArgs, type SortKey } from '../pagination.js';
import { parts, qualityAgreementParts, qualityAgreementSignatures, qualityAgreements, type QualityAgreementRow, type QualityAgreementSignatureRow } from '../schema/index.js';
import { visibility } from '../scope.js';
import { anyId } from '../any-id.js';
import { type ChangedSince, changedSince } from './changed-since.js';

export interface QualityAgreementFilter extends ChangedSince {
  supplierId?: string | null;
  status?: AgreementStatus[] | null;
}

/** The status a reader sees, the SQL twin of readAgreementStatus(): ACTIVE reads EXPIRED once effectiveTo has passed. */
export function readAgreementStatusOf(today: string): SQL {
  return sql`(case when ${qualityAgreements.status} = 'ACTIVE' and ${qualityAgreements.effectiveTo} < ${today}::date then 'EXPIRED' else ${qualityAgreements.status}::text end)`;
}

function statusCondition(status: AgreementStatus, today: string): SQL {
  if (status === 'ACTIVE') return sql`(${qualityAgreements.status} = 'ACTIVE' and (${qualityAgreements.effectiveTo} is null or ${qualityAgreements.effectiveTo} >= ${today}))`;
  if (status === 'EXPIRED') return sql`(${qualityAgreements.status} = 'ACTIVE' and ${qualityAgreements.effectiveTo} < ${today})`;
  return eq(qualityAgreements.status, status);
}

export function qualityAgreementConditions(viewer: Viewer, filter: QualityAgreementFilter | null | undefined, today: string): SQL | undefined {
  const conditions: (SQL | undefined)[] = [visibility(viewer).qualityAgreements];
  conditions.push(...changedSince(qualityAgreements, filter));
  if (filter?.supplierId) conditions.push(eq(qualityAgreements.supplierId, filter.supplierId));
  if (filter?.status?.length) conditions.push(or(...filter.status.map((s) => statusCondition(s, today))));
  return and(...conditions);
}

export const qualityAgreementSort: SortKey<QualityAgreementRow> = { name: 'created', expression: qualityAgreements.createdAt, cast: 'timestamptz', value: (r) => r.createdAt.toISOString(), descending: true };

export function listQualityAgreements(db: Queryable, args: PageArgs, where: SQL | undefined): Promise<Page<QualityAgreementRow>> {
  return keysetPage<QualityAgreementRow>({
    args,
    sort: qualityAgreementSort,
    idColumn: qualityAgreements.id,
    id: (r) => r.id,
    fetch: (cursor, orderBy, limit) =>
      db
        .select()
        .from(qualityAgreements)
        .where(and(where, cursor))
        .orderBy(...orderBy)
        .limit(limit),
    count: async () => (await db.select({ n: count() }).from(qualityAgreements).where(where))[0]!.n,
  });
}

export function qualityAgreementsByIds(db: Queryable, viewer: Viewer, ids: readonly string[]): Promise<QualityAgreementRow[]> {
  return db
    .select()
    .from(qualityAgreements)
    .where(and(anyId(qualityAgreements.id, ids), visibility(viewer).qualityAgreements));
}

/** The parts each agreement names, by part number. */
export function agreementPartsByAgreementIds(db: Queryable, ids: readonly string[]): Promise<{ agreementId: string; partId: string }[]> {
  return db
    .select({ agreementId: qualityAgreementParts.agreementId, partId: qualityAgreementParts.partId })
    .from(qualityAgreementParts)
    .innerJoin(parts, eq(parts.id, qualityAgreementParts.partId))
    .where(anyId(qualityAgreementParts.agreementId, ids))
    .orderBy(parts.partNumber);
}

export function agreementSignaturesByAgreementIds(db: Queryable, ids: readonly string[]): Promise<QualityAgreementSignatureRow[]> {
  return db
    .select()
    .from(qualityAgreementSignatures)
    .where(anyId(qualityAgreementSignatures.agreementId, ids))
    .orderBy(qualityAgreementSignatures.signedAt, qualityAgreementSignatures.party);
}

/** The supplier's agreements stored as ACTIVE, with the parts each is limited to. */
export async function activeAgreementsOfSupplier(db: Queryable, supplierId: string): Promise<(QualityAgreementRow & { partIds: string[] })[]> {
  const rows = await db
    .select()
    .from(qualityAgreements)
    .where(and(eq(qualityAgreements.supplierId, supplierId), eq(qualityAgreements.status, 'ACTIVE')));
  if (rows.length === 0) return [];
  const partRows = await agreementPartsByAgreementIds(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, partIds: partRows.filter((p) => p.agreementId === r.id).map((p) => p.partId) }));
}
