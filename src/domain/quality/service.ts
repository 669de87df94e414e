import { and, eq, inArray, sql } from 'drizzle-orm';
import { hasAnyRole } from '../../auth/viewer.js';
import { activeAgreementsOfSupplier } from '../../db/queries/quality.js';
import { parts, qualityAgreementParts, qualityAgreementSignatures, qualityAgreements, type QualityAgreementRow, suppliers } from '../../db/schema/index.js';
import { visibility } from '../../db/scope.js';
import { recordActivity } from '../activity/record.js';
import { calendarDate } from '../shared/dates.js';
import { Forbidden } from '../shared/errors.js';
import { idOfType } from '../shared/ids.js';
import { nextNumber } from '../shared/numbers.js';
import { fail, failAll, ok, type Result, type UserError } from '../shared/result.js';
import { inTransaction, type ServiceContext } from '../shared/service.js';
import { validateInput } from '../shared/validation.js';
import { agreementTransition, readAgreementStatus, supersededBy } from './agreements.js';
import { createQualityAgreementInput, qualityAgreementActionInput } from './validation.js';
import { msg } from '../../i18n/message.js';

const notFound = () => fail<never>('NOT_FOUND', ['input', 'id'], msg`No quality agreement with this id.`);

export function createQualityAgreement(ctx: ServiceContext, input: unknown): Promise<Result<QualityAgreementRow>> {
  const valid = validateInput(createQualityAgreementInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  const supplierId = idOfType(v.supplierId, 'Supplier');
  if (supplierId === null) return Promise.resolve(fail('NOT_FOUND', ['input', 'supplierId'], msg`No supplier with this id.`));
  const errors: UserError[] = [];
  const partIds = v.partIds.map((p, i) => {
    const id = idOfType(p, 'Part');
    if (id === null) errors.push({ code: 'NOT_FOUND', field: ['input', 'partIds', String(i)], message: msg`No part with this id.` });
    return id ?? '';
  });
  if (errors.length > 0) return Promise.resolve(failAll(errors));
  return inTransaction(ctx, async (tx) => {
    const [supplier] = await tx.select().from(suppliers).where(and(eq(suppliers.id, supplierId), visibility(ctx.viewer).suppliers));
    if (!supplier) return fail('NOT_FOUND', ['input', 'supplierId'], msg`No supplier with this id.`);
    if (supplier.status === 'DISQUALIFIED') return fail('INVALID', ['input', 'supplierId'], msg`Supplier ${supplier.code} is disqualified.`);
    if (partIds.length > 0) {
      const found = new Set((await tx.select({ id: parts.id }).from(parts).where(inArray(parts.id, partIds))).map((p) => p.id));
      partIds.forEach((p, i) => {
        if (!found.has(p)) errors.push({ code: 'NOT_FOUND', field: ['input', 'partIds', String(i)], message: msg`No part with this id.` });
      });
      if (errors.length > 0) return failAll(errors);
    }
    const now = ctx.now();
    const number = await nextNumber(tx, 'QA', now);
    const [row] = await tx
      .insert(qualityAgreements)
      .values({
        number,
        supplierId,
        status: 'DRAFT',
        effectiveFrom: v.effectiveFrom,
        effectiveTo: v.effectiveTo,
        aql: String(v.aql),
        inspectionLevel: v.inspectionLevel,
        targetPpm: v.targetPpm,
        containmentHours: v.containmentHours,
        correctiveActionDays: v.correctiveActionDays,
        sourceInspection: v.sourceInspection,
        requiredDeliveryDocuments: v.requiredDeliveryDocuments,
        missingDocuments: v.missingDocuments,
        createdById: ctx.viewer.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (partIds.length > 0) await tx.insert(qualityAgreementParts).values(partIds.map((partId) => ({ agreementId: row!.id, partId })));
    await recordActivity(tx, ctx.viewer, now, {
      kind: 'QUALITY_AGREEMENT_DRAFTED',
      subjectType: 'QualityAgreement',
      subjectId: row!.id,
      supplierId,
      partnerVisible: false,
      summary: `Quality agreement ${number} with ${supplier.code} drafted (AQL ${v.aql}, level ${v.inspectionLevel}, ${partIds.length === 0 ? 'all parts' : `${partIds.length} parts`}).`,
    });
    return ok(row!);
  });
}

/**
 * The company's signature (quality staff) offers a draft to the supplier; the supplier's signature
 * makes it ACTIVE and supersedes the earlier active agreements it covers.
 */
export function signQualityAgreement(ctx: ServiceContext, input: unknown): Promise<Result<QualityAgreementRow>> {
  const valid = validateInput(qualityAgreementActionInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const id = idOfType(valid.value.id, 'QualityAgreement');
  if (id === null) return Promise.resolve(notFound());
  return inTransaction(ctx, async (tx) => {
    const [agreement] = await tx
      .select()
      .from(qualityAgreements)
      .where(and(eq(qualityAgreements.id, id), visibility(ctx.viewer).qualityAgreements))
      .for('update');
    if (!agreement) return notFound();
    const org = ctx.viewer.organization;
    const party = org === null ? (hasAnyRole(ctx.viewer, ['ADMIN', 'QUALITY_ENGINEER']) ? 'COMPANY' : null) : org.type === 'Supplier' && org.id === agreement.supplierId ? 'PARTNER' : null;
    if (party === null) throw new Forbidden(msg`Quality staff sign quality agreements for the company; the supplier signs through its own users.`);
    const expected = valid.value.expectedVersion;
    if (expected !== null && expected !== agreement.version) {
      return fail('VERSION_CONFLICT', ['input', 'expectedVersion'], msg`The agreement is at version ${agreement.version}.`);
    }
    const today = calendarDate(ctx.now(), ctx.timeZone);
    const status = readAgreementStatus(agreement.status, agreement.effectiveTo, today);
    const to = agreementTransition(status, party === 'COMPANY' ? 'companySigns' : 'partnerSigns');
    if (to === null) {
      return fail('INVALID_STATE_TRANSITION', ['input', 'id'], party === 'COMPANY' ? msg`The company signs a DRAFT agreement; this one is ${status}.` : msg`The supplier signs an agreement AWAITING_SIGNATURE; this one is ${status}.`);
    }
    if (agreement.effectiveTo !== null && agreement.effectiveTo < today) {
      return fail('INVALID_STATE_TRANSITION', ['input', 'id'], msg`The agreement ended on ${agreement.effectiveTo}.`);
    }
    const now = ctx.now();
    await tx.insert(qualityAgreementSignatures).values({ agreementId: id, party, signedById: ctx.viewer.id, signedByName: ctx.viewer.name, signedAt: now });
    const [row] = await tx
      .update(qualityAgreements)
      .set({ status: to, version: agreement.version + 1, updatedAt: now, ...(to === 'ACTIVE' ? { activatedAt: now } : {}) })
      .where(eq(qualityAgreements.id, id))
      .returning();
    let superseded: string[] = [];
    if (to === 'ACTIVE') {
      const active = await activeAgreementsOfSupplier(tx, agreement.supplierId);
      const self = active.find((a) => a.id === id)!;
      superseded = supersededBy(self, active);
      if (superseded.length > 0) {
        const old = await tx
          .update(qualityAgreements)
          .set({ status: 'SUPERSEDED', supersededAt: now, supersededById: id, updatedAt: now, version: sql`${qualityAgreements.version} + 1` })
          .where(inArray(qualityAgreements.id, superseded))
          .returning({ id: qualityAgreements.id, number: qualityAgreements.number });
        for (const o of old) {
          await recordActivity(tx, ctx.viewer, now, {
            kind: 'QUALITY_AGREEMENT_SUPERSEDED',
            subjectType: 'QualityAgreement',
            subjectId: o.id,
            supplierId: agreement.supplierId,
            summary: `Quality agreement ${o.number} superseded by ${agreement.number}.`,
          });
        }
      }
    }
    await recordActivity(tx, ctx.viewer, now, {
      kind: to === 'ACTIVE' ? 'QUALITY_AGREEMENT_ACTIVATED' : 'QUALITY_AGREEMENT_OFFERED',
      subjectType: 'QualityAgreement',
      subjectId: id,
      supplierId: agreement.supplierId,
      summary: to === 'ACTIVE' ? `Quality agreement ${agreement.number} signed by the supplier and active.` : `Quality agreement ${agreement.number} signed by the company and offered to the supplier.`,
    });
    return ok(row!);
  });
}
