import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { fileListOf } from './files.read.js';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { contractConditions, contractSort, readStatusOf, shownVersion } from '../db/queries/contracts.js';
import { contractItems, contractSignatures, contracts, contractVersions, customers, parts, suppliers } from '../db/schema/index.js';
import { column, decimal, elementsOf, globalId, instant, member } from '../read/fields.js';
import { decodeContractFilter } from '../read/filters.js';
import { type ConnectionModel, list, object, oneOf, type ReadEnv, type RootModel, type TableModel, table, value } from '../read/model.js';
import { sortOf } from '../read/sort.js';
import type { ContractFilter } from './contracts.js';
import { customerModel, partModel, supplierModel } from './partners.read.js';

/** Read models of contracts, their versions, items and signatures (see src/read/model.ts). */

/** The clauses of the version in scope. */
const clauses = elementsOf('ContractClause', contractVersions.clauses, 'clause', (clause) => ({ heading: member(clause, 'heading'), body: member(clause, 'body') }));

/** Visible with their contract. */
const ofVisibleContract = (contractId: AnyPgColumn) => (env: ReadEnv) =>
  env.scope.contracts === undefined ? undefined : sql`exists (select 1 from ${contracts} where ${contracts.id} = ${contractId} and ${env.scope.contracts})`;

const itemModel = table({
  type: 'ContractItem',
  from: sql`${contractItems}`,
  scope: ofVisibleContract(contractItems.contractId),
  fields: {
    part: object(() => partModel, eq(parts.id, contractItems.partId), { implied: 'the parts of a contract offered to the partner (scope.ts: partInOfferedContract)' }),
    unitPrice: decimal(contractItems.unitPrice),
    minimumOrderQuantity: decimal(contractItems.minimumOrderQuantity),
    leadTimeDays: column(contractItems.leadTimeDays),
  },
});

export const contractSignatureModel = table({
  type: 'Signature',
  from: sql`${contractSignatures}`,
  scope: () => undefined,
  fields: { party: column(contractSignatures.party), signedBy: column(contractSignatures.signedByName), signedAt: instant(contractSignatures.signedAt) },
});

const revisionModel = table({
  type: 'ContractRevision',
  from: sql`${contractVersions}`,
  scope: () => undefined,
  fields: { version: column(contractVersions.version), changedAt: instant(contractVersions.changedAt), changedBy: column(contractVersions.changedByName), summary: column(contractVersions.summary) },
});

/** Terms of one version (the row of contract_versions in scope): its items and signatures. */
const itemsOf = (version: typeof contractVersions.version | ReturnType<typeof sql>) => and(eq(contractItems.contractId, contracts.id), sql`${contractItems.version} = ${version}`)!;

/** The latest version of an ACTIVE contract, when it is newer than the one in force: an amendment awaiting signatures. */
const amendmentModel = table({
  type: 'ContractAmendment',
  from: sql`${contractVersions}`,
  scope: ofVisibleContract(contractVersions.contractId),
  fields: {
    version: column(contractVersions.version),
    summary: column(contractVersions.summary),
    title: column(contractVersions.title),
    effectiveFrom: column(contractVersions.effectiveFrom),
    effectiveTo: column(contractVersions.effectiveTo),
    paymentTermDays: column(contractVersions.paymentTermDays),
    deliveryTerms: column(contractVersions.deliveryTerms),
    clauses: clauses.listed,
    items: list(() => itemModel, and(eq(contractItems.contractId, contractVersions.contractId), eq(contractItems.version, contractVersions.version))!, sql`${contractItems.line}`, {
      implied: 'an amendment’s items are visible with its contract',
    }),
    signatures: list(() => contractSignatureModel, and(eq(contractSignatures.contractId, contractVersions.contractId), eq(contractSignatures.version, contractVersions.version))!, sql`${contractSignatures.signedAt}, ${contractSignatures.party}`),
  },
});

export const contractModel: TableModel = table({
  type: 'Contract',
  // A contract as readers see it: the record with the terms of its shown version.
  from: sql`${contracts} join ${contractVersions} on ${contractVersions.contractId} = ${contracts.id} and ${contractVersions.version} = ${shownVersion}`,
  key: contracts.id,
  scope: (env) => env.scope.contracts,
  fields: {
    files: fileListOf('Contract', contracts.id),
    id: globalId('Contract', contracts.id),
    number: column(contracts.number),
    title: column(contractVersions.title),
    type: column(contracts.type),
    status: value((env) => readStatusOf(env.today)),
    partner: oneOf(() => [
      { model: supplierModel, when: isNotNull(contracts.supplierId), on: eq(suppliers.id, contracts.supplierId) },
      { model: customerModel, when: isNull(contracts.supplierId), on: eq(customers.id, contracts.customerId) },
    ]),
    effectiveFrom: column(contractVersions.effectiveFrom),
    effectiveTo: column(contractVersions.effectiveTo),
    currency: column(contracts.currency),
    paymentTermDays: column(contractVersions.paymentTermDays),
    deliveryTerms: column(contractVersions.deliveryTerms),
    clauses: clauses.listed,
    items: list(() => itemModel, itemsOf(shownVersion), sql`${contractItems.line}`, { implied: 'a contract’s items are visible with it' }),
    signatures: list(() => contractSignatureModel, and(eq(contractSignatures.contractId, contracts.id), sql`${contractSignatures.version} = ${shownVersion}`)!, sql`${contractSignatures.signedAt}, ${contractSignatures.party}`),
    version: column(contracts.version),
    inForceVersion: column(contracts.inForceVersion),
    amendment: object(
      () => amendmentModel,
      sql`${contractVersions.contractId} = ${contracts.id} and ${contractVersions.version} = ${contracts.version} and ${contracts.status} = 'ACTIVE' and ${contracts.inForceVersion} is not null and ${contracts.version} > ${contracts.inForceVersion}`,
      { implied: 'an amendment is visible with its contract' },
    ),
    revisions: list(() => revisionModel, eq(contractVersions.contractId, contracts.id), sql`${contractVersions.version}`),
    createdAt: instant(contracts.createdAt),
    updatedAt: instant(contracts.updatedAt),
  },
});

export const contractConnection: ConnectionModel = {
  type: 'ContractConnection',
  node: () => contractModel,
  where: (env, args) => contractConditions(env.viewer, decodeContractFilter(args.filter as ContractFilter | null), env.today),
  sort: () => sortOf(contractSort, contracts.id, contractSort.descending),
  backward: true,
};

export const contractRoots: Record<string, RootModel> = {
  contracts: { kind: 'connection', connection: () => contractConnection },
};
