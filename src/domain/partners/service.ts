import { and, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { type CustomerRow, customers, type PartRow, parts, type SourcedPartRow, type SupplierRow, sourcedParts, supplierSurveys, suppliers } from '../../db/schema/index.js';
import { visibility } from '../../db/scope.js';
import { recordActivity } from '../activity/record.js';
import { idOfType } from '../shared/ids.js';
import { fail, ok, type Result } from '../shared/result.js';
import { inTransaction, type ServiceContext } from '../shared/service.js';
import { validateInput } from '../shared/validation.js';
import { sourcingStatusAllowed } from './sourcing-advice.js';
import { checkStatusChange } from './supplier-status.js';
import { msg } from '../../i18n/message.js';
import {
  createCustomerInput,
  createPartInput,
  createSupplierInput,
  designateSourceInput,
  recordSupplierSurveyInput,
  setSupplierStatusInput,
  updateSupplierInput,
} from './validation.js';

// Use cases for suppliers, customers, parts and sourcing. Each validates its input, decides
// everything it can before the first write, then writes its rows and one activity row in a single
// transaction.

/** Reads a supplier the viewer may see, locking it for the rest of the transaction. */
async function lockSupplier(tx: Tx, ctx: ServiceContext, id: string): Promise<SupplierRow | undefined> {
  const [row] = await tx
    .select()
    .from(suppliers)
    .where(and(eq(suppliers.id, id), visibility(ctx.viewer).suppliers))
    .for('update');
  return row;
}

const supplierNotFound = (field: string) => fail<never>('NOT_FOUND', ['input', field], msg`No supplier with this id.`);

/** Only the demo data names the ids of the records it creates, so that demo tokens can refer to them. */
export interface CreateOptions {
  id?: string;
}

export function createSupplier(ctx: ServiceContext, input: unknown, options: CreateOptions = {}): Promise<Result<SupplierRow>> {
  const valid = validateInput(createSupplierInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const { code, name, country, contacts } = valid.value;
  const duplicate = { code: 'DUPLICATE' as const, field: ['input', 'code'], message: msg`A supplier with code ${code} already exists.` };
  return inTransaction(
    ctx,
    async (tx) => {
      const [existing] = await tx.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.code, code));
      if (existing) return fail(duplicate.code, duplicate.field, duplicate.message);
      const now = ctx.now();
      const [row] = await tx.insert(suppliers).values({ id: options.id, code, name, country, contacts, createdAt: now, updatedAt: now }).returning();
      await recordActivity(tx, ctx.viewer, now, {
        kind: 'SUPPLIER_CREATED',
        subjectType: 'Supplier',
        subjectId: row!.id,
        supplierId: row!.id,
        summary: `Supplier ${code} ${name} registered as a candidate.`,
      });
      return ok(row!);
    },
    duplicate,
  );
}

export function updateSupplier(ctx: ServiceContext, input: unknown): Promise<Result<SupplierRow>> {
  const valid = validateInput(updateSupplierInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const { id: globalId, ...changes } = valid.value;
  const id = idOfType(globalId, 'Supplier');
  if (id === null) return Promise.resolve(supplierNotFound('id'));
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length === 0) return Promise.resolve(fail('INVALID', ['input'], msg`Give at least one of name, country or contacts to change.`));
  return inTransaction(ctx, async (tx) => {
    const current = await lockSupplier(tx, ctx, id);
    if (!current) return supplierNotFound('id');
    const now = ctx.now();
    const [row] = await tx
      .update(suppliers)
      .set({ ...set, updatedAt: now })
      .where(eq(suppliers.id, id))
      .returning();
    await recordActivity(tx, ctx.viewer, now, {
      kind: 'SUPPLIER_UPDATED',
      subjectType: 'Supplier',
      subjectId: id,
      supplierId: id,
      summary: `Supplier ${current.code} updated: ${Object.keys(set).join(', ')}.`,
    });
    return ok(row!);
  });
}

export function recordSupplierSurvey(ctx: ServiceContext, input: unknown): Promise<Result<SupplierRow>> {
  const valid = validateInput(recordSupplierSurveyInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const { supplierId: globalId, ...survey } = valid.value;
  const id = idOfType(globalId, 'Supplier');
  if (id === null) return Promise.resolve(supplierNotFound('supplierId'));
  return inTransaction(ctx, async (tx) => {
    const supplier = await lockSupplier(tx, ctx, id);
    if (!supplier) return supplierNotFound('supplierId');
    if (supplier.status === 'DISQUALIFIED') {
      return fail('INVALID_STATE_TRANSITION', ['input', 'supplierId'], msg`A disqualified supplier is not surveyed.`);
    }
    const now = ctx.now();
    await tx.insert(supplierSurveys).values({
      supplierId: id,
      surveyedAt: now,
      surveyedBy: ctx.viewer.name,
      taxCompliant: survey.taxCompliant,
      cpk: survey.cpk === null ? null : String(survey.cpk),
      certifications: survey.certifications,
      mainCustomers: survey.mainCustomers,
      capacityNotes: survey.capacityNotes,
      findings: survey.findings,
    });
    const [row] = await tx.update(suppliers).set({ updatedAt: now }).where(eq(suppliers.id, id)).returning();
    await recordActivity(tx, ctx.viewer, now, {
      kind: 'SUPPLIER_SURVEYED',
      subjectType: 'Supplier',
      subjectId: id,
      supplierId: id,
      summary: `Supplier ${supplier.code} surveyed${survey.cpk === null ? '' : ` (Cpk ${survey.cpk})`}.`,
    });
    return ok(row!);
  });
}

export function setSupplierStatus(ctx: ServiceContext, input: unknown): Promise<Result<SupplierRow>> {
  const valid = validateInput(setSupplierStatusInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const { supplierId: globalId, status, reason } = valid.value;
  const id = idOfType(globalId, 'Supplier');
  if (id === null) return Promise.resolve(supplierNotFound('supplierId'));
  return inTransaction(ctx, async (tx) => {
    const supplier = await lockSupplier(tx, ctx, id);
    if (!supplier) return supplierNotFound('supplierId');
    const [survey] = await tx
      .select({ taxCompliant: supplierSurveys.taxCompliant, cpk: supplierSurveys.cpk })
      .from(supplierSurveys)
      .where(eq(supplierSurveys.supplierId, id))
      .orderBy(sql`${supplierSurveys.surveyedAt} desc`, sql`${supplierSurveys.id} desc`)
      .limit(1);
    const refusal = checkStatusChange(supplier.status, status, reason, survey ? { taxCompliant: survey.taxCompliant, cpk: survey.cpk === null ? null : Number(survey.cpk) } : null);
    if (refusal) return fail(refusal.kind === 'NEEDS_REASON' ? 'INVALID' : 'INVALID_STATE_TRANSITION', ['input', refusal.kind === 'NEEDS_REASON' ? 'reason' : 'status'], refusal.message);
    const now = ctx.now();
    const [row] = await tx.update(suppliers).set({ status, updatedAt: now }).where(eq(suppliers.id, id)).returning();
    await recordActivity(tx, ctx.viewer, now, {
      kind: 'SUPPLIER_STATUS_CHANGED',
      subjectType: 'Supplier',
      subjectId: id,
      supplierId: id,
      summary: `Supplier ${supplier.code} ${supplier.status} -> ${status}: ${reason}`,
    });
    return ok(row!);
  });
}

export function createCustomer(ctx: ServiceContext, input: unknown, options: CreateOptions = {}): Promise<Result<CustomerRow>> {
  const valid = validateInput(createCustomerInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const { code, name, country, industry, contacts } = valid.value;
  const duplicate = { code: 'DUPLICATE' as const, field: ['input', 'code'], message: msg`A customer with code ${code} already exists.` };
  return inTransaction(
    ctx,
    async (tx) => {
      const [existing] = await tx.select({ id: customers.id }).from(customers).where(eq(customers.code, code));
      if (existing) return fail(duplicate.code, duplicate.field, duplicate.message);
      const now = ctx.now();
      const [row] = await tx.insert(customers).values({ id: options.id, code, name, country, industry, contacts, createdAt: now, updatedAt: now }).returning();
      await recordActivity(tx, ctx.viewer, now, {
        kind: 'CUSTOMER_CREATED',
        subjectType: 'Customer',
        subjectId: row!.id,
        customerId: row!.id,
        summary: `Customer ${code} ${name} registered.`,
      });
      return ok(row!);
    },
    duplicate,
  );
}

export function createPart(ctx: ServiceContext, input: unknown): Promise<Result<PartRow>> {
  const valid = validateInput(createPartInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const part = valid.value;
  const duplicate = { code: 'DUPLICATE' as const, field: ['input', 'partNumber'], message: msg`Part number ${part.partNumber} already exists.` };
  return inTransaction(
    ctx,
    async (tx) => {
      const [existing] = await tx.select({ id: parts.id }).from(parts).where(eq(parts.partNumber, part.partNumber));
      if (existing) return fail(duplicate.code, duplicate.field, duplicate.message);
      const now = ctx.now();
      const [row] = await tx
        .insert(parts)
        .values({ ...part, createdAt: now, updatedAt: now })
        .returning();
      await recordActivity(tx, ctx.viewer, now, {
        kind: 'PART_CREATED',
        subjectType: 'Part',
        subjectId: row!.id,
        summary: `Part ${part.partNumber} (class ${part.importanceClass}) created.`,
      });
      return ok(row!);
    },
    duplicate,
  );
}

export function designateSource(ctx: ServiceContext, input: unknown): Promise<Result<SourcedPartRow>> {
  const valid = validateInput(designateSourceInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const { status, sharePercent } = valid.value;
  const partId = idOfType(valid.value.partId, 'Part');
  const supplierId = idOfType(valid.value.supplierId, 'Supplier');
  if (partId === null) return Promise.resolve(fail('NOT_FOUND', ['input', 'partId'], msg`No part with this id.`));
  if (supplierId === null) return Promise.resolve(supplierNotFound('supplierId'));
  return inTransaction(ctx, async (tx) => {
    // Locking the part serialises designations of one part, which keeps the share total exact.
    const [part] = await tx
      .select()
      .from(parts)
      .where(and(eq(parts.id, partId), visibility(ctx.viewer).parts))
      .for('update');
    if (!part) return fail('NOT_FOUND', ['input', 'partId'], msg`No part with this id.`);
    const supplier = await lockSupplier(tx, ctx, supplierId);
    if (!supplier) return supplierNotFound('supplierId');
    if (!sourcingStatusAllowed(supplier.status, status)) {
      return fail(
        'INVALID_STATE_TRANSITION',
        ['input', 'status'],
        status === 'APPROVED'
          ? msg`Only APPROVED or CONDITIONAL suppliers can be designated as approved sources; ${supplier.code} is ${supplier.status}.`
          : msg`A ${supplier.status} supplier cannot take a trial designation.`,
      );
    }
    if (sharePercent !== null) {
      const [others] = await tx
        .select({ total: sql<string>`coalesce(sum(${sourcedParts.sharePercent}), 0)` })
        .from(sourcedParts)
        .where(and(eq(sourcedParts.partId, partId), ne(sourcedParts.supplierId, supplierId)));
      const othersTotal = Number(others?.total ?? 0);
      if (othersTotal + sharePercent > 100) {
        return fail('LIMIT_EXCEEDED', ['input', 'sharePercent'], msg`The part's other sources already take ${othersTotal}%; at most ${100 - othersTotal}% is left.`);
      }
    }
    const [previous] = await tx
      .select()
      .from(sourcedParts)
      .where(and(eq(sourcedParts.partId, partId), eq(sourcedParts.supplierId, supplierId)));
    const now = ctx.now();
    const approvedAt = status === 'TRIAL' ? null : previous?.approvedAt ?? (status === 'APPROVED' ? now : null);
    const [row] = await tx
      .insert(sourcedParts)
      .values({ partId, supplierId, status, sharePercent, approvedAt, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [sourcedParts.partId, sourcedParts.supplierId],
        set: { status, sharePercent, approvedAt, updatedAt: now },
      })
      .returning();
    await recordActivity(tx, ctx.viewer, now, {
      kind: 'SOURCE_DESIGNATED',
      subjectType: 'Supplier',
      subjectId: supplierId,
      supplierId,
      summary: `${supplier.code} designated ${status} for part ${part.partNumber}${sharePercent === null ? '' : ` (${sharePercent}%)`}.`,
    });
    return ok(row!);
  });
}

