import { and, asc, count, eq, gte, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer.js';
import type { ContractStatus, ContractType } from '../../domain/contracts/lifecycle.js';
import type { Queryable } from '../client.js';
import { keysetPage, type Page, type PageArgs, type SortKey } from '../pagination.js';
import { type ClauseValue, contractItems, contractSignatures, contracts, contractVersions, type ContractItemRow, type ContractSignatureRow, type ContractVersionRow } from '../schema/index.js';
import { visibility } from '../scope.js';
import { anyId } from '../any-id.js';
import { type ChangedSince, changedSince } from './changed-since.js';

/** The version a reader sees: the signed one in force once the contract was activated, else the latest. */
export const shownVersion = sql<number>`(case when ${contracts.status} in ('ACTIVE', 'TERMINATED') and ${contracts.inForceVersion} is not null then ${contracts.inForceVersion} else ${contracts.version} end)`;

const contractViewColumns = {
  id: contracts.id,
  number: contracts.number,
  type: contracts.type,
  storedStatus: contracts.status,
  supplierId: contracts.supplierId,
  customerId: contracts.customerId,
  currency: contracts.currency,
  version: contracts.version,
  inForceVersion: contracts.inForceVersion,
  draftedById: contracts.draftedById,
  draftedByName: contracts.draftedByName,
  offeredAt: contracts.offeredAt,
  createdAt: contracts.createdAt,
  updatedAt: contracts.updatedAt,
  shownVersion,
  title: contractVersions.title,
  effectiveFrom: contractVersions.effectiveFrom,
  effectiveTo: contractVersions.effectiveTo,
  paymentTermDays: contractVersions.paymentTermDays,
  deliveryTerms: contractVersions.deliveryTerms,
  clauses: contractVersions.clauses,
};

/** A contract as readers see it: the record plus the terms of its shown version. */
export interface ContractView {
  id: string;
  number: string;
  type: ContractType;
  /** As stored; readers see readContractStatus() of it. */
  storedStatus: ContractStatus;
  supplierId: string | null;
  customerId: string | null;
  currency: string;
  version: number;
  inForceVersion: number | null;
  draftedById: string;
  draftedByName: string;
  offeredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  shownVersion: number;
  title: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  paymentTermDays: number | null;
  deliveryTerms: string | null;
  clauses: ClauseValue[];
}

function contractViews(db: Queryable) {
  return db
    .select(contractViewColumns)
    .from(contracts)
    .innerJoin(contractVersions, and(eq(contractVersions.contractId, contracts.id), eq(contractVersions.version, shownVersion)));
}

export interface ContractFilter extends ChangedSince {
  type?: ContractType[] | null;
  status?: ContractStatus[] | null;
  /** Decoded partner: a supplier or a customer. */
  partner?: { type: 'Supplier' | 'Customer'; id: string } | null;
  expiringBefore?: string | null;
}

/** The status a reader sees, the SQL twin of readContractStatus(): ACTIVE reads EXPIRED once effectiveTo has passed. */
export function readStatusOf(today: string): SQL {
  return sql`(case when ${contracts.status} = 'ACTIVE' and ${contractVersions.effectiveTo} < ${today}::date then 'EXPIRED' else ${contracts.status}::text end)`;
}

/** Conditions for a read status: ACTIVE and EXPIRED split one stored status by the calendar. */
function statusCondition(status: ContractStatus, today: string): SQL {
  if (status === 'ACTIVE') return sql`(${contracts.status} = 'ACTIVE' and (${contractVersions.effectiveTo} is null or ${contractVersions.effectiveTo} >= ${today}))`;
  if (status === 'EXPIRED') return sql`(${contracts.status} = 'ACTIVE' and ${contractVersions.effectiveTo} < ${today})`;
  return eq(contracts.status, status);
}

export function contractConditions(viewer: Viewer, filter: ContractFilter | null | undefined, today: string): SQL | undefined {
  const conditions: (SQL | undefined)[] = [visibility(viewer).contracts];
  conditions.push(...changedSince(contracts, filter));
  if (filter?.type?.length) conditions.push(inArray(contracts.type, filter.type));
  if (filter?.status?.length) conditions.push(or(...filter.status.map((s) => statusCondition(s, today))));
  if (filter?.partner) conditions.push(eq(filter.partner.type === 'Supplier' ? contracts.supplierId : contracts.customerId, filter.partner.id));
  if (filter?.expiringBefore) conditions.push(statusCondition('ACTIVE', today), lte(contractVersions.effectiveTo, filter.expiringBefore));
  return and(...conditions);
}

/** Newest first. */
export const contractSort: SortKey<ContractView> = { name: 'created', expression: contracts.createdAt, cast: 'timestamptz', value: (r) => r.createdAt.toISOString(), descending: true };

export function listContracts(db: Queryable, args: PageArgs, where: SQL | undefined): Promise<Page<ContractView>> {
  return keysetPage<ContractView>({
    args,
    sort: contractSort,
    idColumn: contracts.id,
    id: (r) => r.id,
    fetch: (cursor, orderBy, limit) =>
      contractViews(db)
        .where(and(where, cursor))
        .orderBy(...orderBy)
        .limit(limit) as Promise<ContractView[]>,
    count: async () =>
      (
        await db
          .select({ n: count() })
          .from(contracts)
          .innerJoin(contractVersions, and(eq(contractVersions.contractId, contracts.id), eq(contractVersions.version, shownVersion)))
          .where(where)
      )[0]!.n,
  });
}

/** Active contracts whose effectiveTo falls within [today, until], soonest first. */
export function contractsExpiringBetween(db: Queryable, viewer: Viewer, today: string, until: string, limit: number): Promise<ContractView[]> {
  return contractViews(db)
    .where(and(visibility(viewer).contracts, eq(contracts.status, 'ACTIVE'), gte(contractVersions.effectiveTo, today), lte(contractVersions.effectiveTo, until)))
    .orderBy(asc(contractVersions.effectiveTo), asc(contracts.number))
    .limit(limit) as Promise<ContractView[]>;
}

export function contractsByIds(db: Queryable, viewer: Viewer, ids: readonly string[]): Promise<ContractView[]> {
  return contractViews(db).where(and(anyId(contracts.id, ids), visibility(viewer).contracts)) as Promise<ContractView[]>;
}

/** Key of one version of one contract, for the loaders. */
export const versionKey = (contractId: string, version: number) => `${contractId}:${version}`;

function byVersionKeys(keys: readonly string[]) {
  return keys.map((k) => {
    const [contractId, version] = k.split(':');
    return sql`(${contractId}::uuid, ${Number(version)}::int)`;
  });
}

export function itemsByVersionKeys(db: Queryable, keys: readonly string[]): Promise<ContractItemRow[]> {
  return db
    .select()
    .from(contractItems)
    .where(sql`(${contractItems.contractId}, ${contractItems.version}) in (${sql.join(byVersionKeys(keys), sql`, `)})`)
    .orderBy(contractItems.line);
}

export function signaturesByVersionKeys(db: Queryable, keys: readonly string[]): Promise<ContractSignatureRow[]> {
  return db
    .select()
    .from(contractSignatures)
    .where(sql`(${contractSignatures.contractId}, ${contractSignatures.version}) in (${sql.join(byVersionKeys(keys), sql`, `)})`)
    .orderBy(contractSignatures.signedAt, contractSignatures.party);
}

export function versionsByVersionKeys(db: Queryable, keys: readonly string[]): Promise<ContractVersionRow[]> {
  return db
    .select()
    .from(contractVersions)
    .where(sql`(${contractVersions.contractId}, ${contractVersions.version}) in (${sql.join(byVersionKeys(keys), sql`, `)})`);
}

export function versionsByContractIds(db: Queryable, ids: readonly string[]): Promise<ContractVersionRow[]> {
  return db
    .select()
    .from(contractVersions)
    .where(anyId(contractVersions.contractId, ids))
    .orderBy(contractVersions.version);
}
