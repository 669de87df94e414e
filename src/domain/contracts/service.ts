import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { type ContractView, contractsByIds } from '../../db/queries/contracts.js';
import { contractItems, contractSignatures, contracts, contractVersions, customers, parts, suppliers } from '../../db/schema/index.js';
import { visibility } from '../../db/scope.js';
import { recordActivity } from '../activity/record.js';
import { calendarDate } from '../shared/dates.js';
import { Forbidden } from '../shared/errors.js';
import { fromGlobalId, idOfType } from '../shared/ids.js';
import { nextNumber } from '../shared/numbers.js';
import { fail, failAll, ok, type Result, type UserError } from '../shared/result.js';
import { inTransaction, type ServiceContext } from '../shared/service.js';
import { validateInput } from '../shared/validation.js';
import { amendableStatuses, approvalRefusal, contractTransition, mayManage, readContractStatus, signingParty } from './lifecycle.js';
import { amendContractInput, contractActionInput, createContractInput } from './validation.js';
import { msg } from '../../i18n/message.js';

// Use cases of the contract lifecycle. Each decides before its first write and records one
// activity row; internal steps (draft, amendment of a draft, review) are hidden from the partner.

type ItemInput = { partId: string; unitPrice: string; minimumOrderQuantity: string | null; leadTimeDays: number | null };

const notFound = (field = 'id') => fail<never>('NOT_FOUND', ['input', field], msg`No contract with this id.`);

/** Decodes item part ids and checks the parts exist; errors name each bad item. */
async function resolveItems(tx: Tx, ctx: ServiceContext, items: ItemInput[]): Promise<Result<(ItemInput & { partUuid: string })[]>> {
  const errors: UserError[] = [];
  const decoded = items.map((item, i) => {
    const partUuid = idOfType(item.partId, 'Part');
    if (partUuid === null) errors.push({ code: 'NOT_FOUND', field: ['input', 'items', String(i), 'partId'], message: msg`No part with this id.` });
    return { ...item, partUuid: partUuid ?? '' };
  });
  if (errors.length > 0) return failAll(errors);
  if (decoded.length === 0) return ok([]);
  const found = await tx
    .select({ id: parts.id })
    .from(parts)
    .where(and(inArray(parts.id, decoded.map((d) => d.partUuid)), visibility(ctx.viewer).parts));
  const existing = new Set(found.map((f) => f.id));
  decoded.forEach((d, i) => {
    if (!existing.has(d.partUuid)) errors.push({ code: 'NOT_FOUND', field: ['input', 'items', String(i), 'partId'], message: msg`No part with this id.` });
  });
  return errors.length > 0 ? failAll(errors) : ok(decoded);
}

async function writeItems(tx: Tx, contractId: string, version: number, items: { partUuid: string; unitPrice: string; minimumOrderQuantity: string | null; leadTimeDays: number | null }[]) {
  if (items.length === 0) return;
  await tx.insert(contractItems).values(
    items.map((item, i) => ({
      contractId,
      version,
      line: i + 1,
      partId: item.partUuid,
      unitPrice: item.unitPrice,
      minimumOrderQuantity: item.minimumOrderQuantity,
      leadTimeDays: item.leadTimeDays,
    })),
  );
}

async function lockContract(tx: Tx, ctx: ServiceContext, globalId: string) {
  const id = idOfType(globalId, 'Contract');
  if (id === null) return undefined;
  const [row] = await tx
    .select()
    .from(contracts)
    .where(and(eq(contracts.id, id), visibility(ctx.viewer).contracts))
    .for('update');
  return row;
}

async function reload(tx: Tx, ctx: ServiceContext, id: string): Promise<ContractView> {
  const [view] = await contractsByIds(tx, ctx.viewer, [id]);
  return view!;
}

const partnerOf = (c: { supplierId: string | null; customerId: string | null }) =>
  c.supplierId !== null ? { type: 'Supplier' as const, id: c.supplierId } : { type: 'Customer' as const, id: c.customerId! };

export function createContract(ctx: ServiceContext, input: unknown): Promise<Result<ContractView>> {
  const valid = validateInput(createContractInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  if (!mayManage(ctx.viewer, v.type)) throw new Forbidden(msg`${v.type} contracts are drafted by ${v.type === 'SALES' ? 'SALES' : 'BUYER'} staff.`);
  const partner = fromGlobalId(v.partnerId);
  if (partner === null || (partner.type !== 'Supplier' && partner.type !== 'Customer')) return Promise.resolve(fail('NOT_FOUND', ['input', 'partnerId'], msg`No partner with this id.`));
  if ((v.type === 'SALES') !== (partner.type === 'Customer')) {
    return Promise.resolve(fail('INVALID', ['input', 'partnerId'], v.type === 'SALES' ? msg`A SALES contract is made with a customer.` : msg`A ${v.type} contract is made with a supplier.`));
  }
  return inTransaction(ctx, async (tx) => {
    let partnerName: string;
    if (partner.type === 'Supplier') {
      const [supplier] = await tx.select().from(suppliers).where(and(eq(suppliers.id, partner.id), visibility(ctx.viewer).suppliers));
      if (!supplier) return fail('NOT_FOUND', ['input', 'partnerId'], msg`No partner with this id.`);
      if (supplier.status === 'DISQUALIFIED') return fail('INVALID', ['input', 'partnerId'], msg`Supplier ${supplier.code} is disqualified and cannot get a new contract.`);
      partnerName = supplier.code;
    } else {
      const [customer] = await tx.select().from(customers).where(and(eq(customers.id, partner.id), visibility(ctx.viewer).customers));
      if (!customer) return fail('NOT_FOUND', ['input', 'partnerId'], msg`No partner with this id.`);
      partnerName = customer.code;
    }
    const items = await resolveItems(tx, ctx, v.items);
    if (!items.ok) return items;
    const now = ctx.now();
    const number = await nextNumber(tx, 'CT', now);
    const [contract] = await tx
      .insert(contracts)
      .values({
        number,
        type: v.type,
        status: 'DRAFT',
        supplierId: partner.type === 'Supplier' ? partner.id : null,
        customerId: partner.type === 'Customer' ? partner.id : null,
        currency: v.currency,
        version: 1,
        draftedById: ctx.viewer.id,
        draftedByName: ctx.viewer.name,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(contractVersions).values({
      contractId: contract!.id,
      version: 1,
      title: v.title,
      effectiveFrom: v.effectiveFrom,
      effectiveTo: v.effectiveTo,
      paymentTermDays: v.paymentTermDays,
      deliveryTerms: v.deliveryTerms,
      clauses: v.clauses,
      summary: 'Drafted.',
      changedById: ctx.viewer.id,
      changedByName: ctx.viewer.name,
      changedAt: now,
    });
    await writeItems(tx, contract!.id, 1, items.value);
    await recordActivity(tx, ctx.viewer, now, {
      kind: 'CONTRACT_DRAFTED',
      subjectType: 'Contract',
      subjectId: contract!.id,
      supplierId: contract!.supplierId,
      customerId: contract!.customerId,
      partnerVisible: false,
      summary: `${v.type} contract ${number} with ${partnerName} drafted: ${v.title}.`,
    });
    return ok(await reload(tx, ctx, contract!.id));
  });
}

export function amendContract(ctx: ServiceContext, input: unknown): Promise<Result<ContractView>> {
  const valid = validateInput(amendContractInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const { id, expectedVersion, summary, items: newItems, ...changes } = valid.value;
  return inTransaction(ctx, async (tx) => {
    const contract = await lockContract(tx, ctx, id);
    if (!contract) return notFound();
    if (!mayManage(ctx.viewer, contract.type)) throw new Forbidden(msg`Only ${contract.type === 'SALES' ? 'SALES' : 'BUYER'} staff amend this contract.`);
    if (expectedVersion !== contract.version) {
      return fail('VERSION_CONFLICT', ['input', 'expectedVersion'], msg`The contract is at version ${contract.version}; reload it and amend again.`);
    }
    const [latest] = await tx
      .select()
      .from(contractVersions)
      .where(and(eq(contractVersions.contractId, contract.id), eq(contractVersions.version, contract.version)));
    const today = calendarDate(ctx.now(), ctx.timeZone);
    const status = readContractStatus(contract.status, latest!.effectiveTo, today);
    if (!amendableStatuses.includes(status)) {
      return fail('INVALID_STATE_TRANSITION', ['input', 'id'], msg`A ${status} contract cannot be amended; only DRAFT and ACTIVE ones can.`);
    }
    const terms = {
      title: changes.title ?? latest!.title,
      effectiveFrom: changes.effectiveFrom === undefined ? latest!.effectiveFrom : changes.effectiveFrom,
      effectiveTo: changes.effectiveTo === undefined ? latest!.effectiveTo : changes.effectiveTo,
      paymentTermDays: changes.paymentTermDays === undefined ? latest!.paymentTermDays : changes.paymentTermDays,
      deliveryTerms: changes.deliveryTerms === undefined ? latest!.deliveryTerms : changes.deliveryTerms,
      clauses: changes.clauses ?? latest!.clauses,
    };
    if (terms.effectiveFrom && terms.effectiveTo && terms.effectiveTo < terms.effectiveFrom) {
      return fail('INVALID', ['input', 'effectiveTo'], msg`effectiveTo must not be before effectiveFrom.`);
    }
    let items: { partUuid: string; unitPrice: string; minimumOrderQuantity: string | null; leadTimeDays: number | null }[];
    if (newItems === undefined) {
      const previous = await tx
        .select()
        .from(contractItems)
        .where(and(eq(contractItems.contractId, contract.id), eq(contractItems.version, contract.version)))
        .orderBy(contractItems.line);
      items = previous.map((p) => ({ partUuid: p.partId, unitPrice: p.unitPrice, minimumOrderQuantity: p.minimumOrderQuantity, leadTimeDays: p.leadTimeDays }));
    } else {
      const resolved = await resolveItems(tx, ctx, newItems);
      if (!resolved.ok) return resolved;
      items = resolved.value;
    }
    const now = ctx.now();
    const version = contract.version + 1;
    await tx.insert(contractVersions).values({ contractId: contract.id, version, ...terms, summary, changedById: ctx.viewer.id, changedByName: ctx.viewer.name, changedAt: now });
    await writeItems(tx, contract.id, version, items);
    await tx.update(contracts).set({ version, updatedAt: now }).where(eq(contracts.id, contract.id));
    await recordActivity(tx, ctx.viewer, now, {
      kind: status === 'ACTIVE' ? 'CONTRACT_AMENDMENT_PROPOSED' : 'CONTRACT_AMENDED',
      subjectType: 'Contract',
      subjectId: contract.id,
      supplierId: contract.supplierId,
      customerId: contract.customerId,
      partnerVisible: status === 'ACTIVE',
      summary:
        status === 'ACTIVE'
          ? `Contract ${contract.number} amendment (version ${version}) awaits both signatures: ${summary}`
          : `Contract ${contract.number} draft revised to version ${version}: ${summary}`,
    });
    return ok(await reload(tx, ctx, contract.id));
  });
}

/** Shared shape of submit, approve and terminate: lock, check version, move by the table. */
async function simpleTransition(
  ctx: ServiceContext,
  input: unknown,
  action: 'submit' | 'approve' | 'terminate',
): Promise<Result<ContractView>> {
  const valid = validateInput(contractActionInput, input);
  if (!valid.ok) return valid;
  const { id, expectedVersion, note } = valid.value;
  if (action === 'terminate' && note === null) return fail('INVALID', ['input', 'note'], msg`Say why the contract is terminated.`);
  return inTransaction(ctx, async (tx) => {
    const contract = await lockContract(tx, ctx, id);
    if (!contract) return notFound();
    if (action === 'approve') {
      const refusal = approvalRefusal(ctx.viewer, contract.type, contract.draftedById);
      if (refusal) throw new Forbidden(refusal);
    } else if (!mayManage(ctx.viewer, contract.type)) {
      throw new Forbidden(msg`Only ${contract.type === 'SALES' ? 'SALES' : 'BUYER'} staff ${action} this contract.`);
    }
    if (expectedVersion !== null && expectedVersion !== contract.version) {
      return fail('VERSION_CONFLICT', ['input', 'expectedVersion'], msg`The contract is at version ${contract.version}.`);
    }
    const current = await reload(tx, ctx, contract.id);
    const status = readContractStatus(contract.status, current.effectiveTo, calendarDate(ctx.now(), ctx.timeZone));
    const to = contractTransition(status, action);
    if (to === null) return fail('INVALID_STATE_TRANSITION', ['input', 'id'], msg`A ${status} contract cannot be ${action === 'submit' ? 'submitted for review' : action === 'approve' ? 'approved' : 'terminated'}.`);
    const now = ctx.now();
    await tx
      .update(contracts)
      .set({
        status: to,
        updatedAt: now,
        ...(action === 'approve' ? { approvedByName: ctx.viewer.name, offeredAt: contract.offeredAt ?? now } : {}),
        ...(action === 'terminate' ? { terminatedAt: now, terminationNote: note } : {}),
      })
      .where(eq(contracts.id, contract.id));
    const kinds = { submit: 'CONTRACT_SUBMITTED', approve: 'CONTRACT_APPROVED', terminate: 'CONTRACT_TERMINATED' } as const;
    const summaries = {
      submit: `Contract ${contract.number} submitted for review.`,
      approve: `Contract ${contract.number} approved by ${ctx.viewer.name} and offered for signature.`,
      terminate: `Contract ${contract.number} terminated: ${note}`,
    };
    await recordActivity(tx, ctx.viewer, now, {
      kind: kinds[action],
      subjectType: 'Contract',
      subjectId: contract.id,
      supplierId: contract.supplierId,
      customerId: contract.customerId,
      partnerVisible: action === 'approve' || (action === 'terminate' && contract.offeredAt !== null),
      summary: note && action !== 'terminate' ? `${summaries[action]} ${note}` : summaries[action],
    });
    return ok(await reload(tx, ctx, contract.id));
  });
}

export const submitContractForReview = (ctx: ServiceContext, input: unknown) => simpleTransition(ctx, input, 'submit');
export const approveContract = (ctx: ServiceContext, input: unknown) => simpleTransition(ctx, input, 'approve');
export const terminateContract = (ctx: ServiceContext, input: unknown) => simpleTransition(ctx, input, 'terminate');

/** Each party signs the version awaiting signature; the second signature puts it in force. */
export function signContract(ctx: ServiceContext, input: unknown): Promise<Result<ContractView>> {
  const valid = validateInput(contractActionInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const { id, expectedVersion } = valid.value;
  if (expectedVersion === null) return Promise.resolve(fail('INVALID', ['input', 'expectedVersion'], msg`Signing needs the expectedVersion of the terms being signed.`));
  return inTransaction(ctx, async (tx) => {
    const contract = await lockContract(tx, ctx, id);
    if (!contract) return notFound();
    const party = signingParty(ctx.viewer, contract.type, partnerOf(contract));
    if (party === null) throw new Forbidden(msg`The company signs ${contract.type} contracts through ${contract.type === 'SALES' ? 'SALES' : 'BUYER'} staff; the partner through its own users.`);
    if (expectedVersion !== contract.version) {
      return fail('VERSION_CONFLICT', ['input', 'expectedVersion'], msg`The contract is at version ${contract.version}; read the current terms before signing.`);
    }
    const [terms] = await tx
      .select()
      .from(contractVersions)
      .where(and(eq(contractVersions.contractId, contract.id), eq(contractVersions.version, contract.version)));
    const today = calendarDate(ctx.now(), ctx.timeZone);
    const status = readContractStatus(contract.status, terms!.effectiveTo, today);
    const amendment = status === 'ACTIVE' && contract.inForceVersion !== null && contract.version > contract.inForceVersion;
    if (contractTransition(status, 'sign') === null || (status === 'ACTIVE' && !amendment)) {
      return fail('INVALID_STATE_TRANSITION', ['input', 'id'], msg`Nothing of this ${status} contract awaits signature.`);
    }
    if (terms!.effectiveTo !== null && terms!.effectiveTo < today) {
      return fail('INVALID_STATE_TRANSITION', ['input', 'id'], msg`These terms ended on ${terms!.effectiveTo}; amend the dates before signing.`);
    }
    const signatures = await tx
      .select()
      .from(contractSignatures)
      .where(and(eq(contractSignatures.contractId, contract.id), eq(contractSignatures.version, contract.version)));
    if (signatures.some((s) => s.party === party)) {
      return fail('INVALID_STATE_TRANSITION', ['input', 'id'], msg`The ${party === 'COMPANY' ? 'company' : 'partner'} has already signed version ${contract.version}.`);
    }
    const now = ctx.now();
    await tx.insert(contractSignatures).values({ contractId: contract.id, version: contract.version, party, signedById: ctx.viewer.id, signedByName: ctx.viewer.name, signedAt: now });
    const complete = signatures.length === 1;
    if (complete) {
      await tx
        .update(contracts)
        .set({ status: amendment ? contract.status : contractTransition(status, 'activate')!, inForceVersion: contract.version, updatedAt: now })
        .where(eq(contracts.id, contract.id));
    } else {
      await tx.update(contracts).set({ updatedAt: now }).where(eq(contracts.id, contract.id));
    }
    await recordActivity(tx, ctx.viewer, now, {
      kind: complete ? (amendment ? 'CONTRACT_AMENDMENT_IN_FORCE' : 'CONTRACT_ACTIVATED') : 'CONTRACT_SIGNED',
      subjectType: 'Contract',
      subjectId: contract.id,
      supplierId: contract.supplierId,
      customerId: contract.customerId,
      summary: complete
        ? amendment
          ? `Contract ${contract.number} version ${contract.version} signed by both parties and in force.`
          : `Contract ${contract.number} signed by both parties and active.`
        : `Contract ${contract.number} version ${contract.version} signed by the ${party === 'COMPANY' ? 'company' : 'partner'} (${ctx.viewer.name}).`,
    });
    return ok(await reload(tx, ctx, contract.id));
  });
}
