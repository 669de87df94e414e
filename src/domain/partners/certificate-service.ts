import { randomUUID } from 'node:crypto';
import { and, asc, eq, gte, isNull, lt, lte, or } from 'drizzle-orm';
import { z } from 'zod';
import { hasAnyRole, type Viewer } from '../../auth/viewer.js';
import type { Db } from '../../db/client.js';
import { takeActivityWriterLock } from '../../db/queries/activity.js';
import { visibility } from '../../db/scope.js';
import { type CertificateRow, certificates, suppliers } from '../../db/schema/index.js';
import { msg } from '../../i18n/message.js';
import { recordActivity } from '../activity/record.js';
import { addDays, calendarDate } from '../shared/dates.js';
import { Forbidden } from '../shared/errors.js';
import { claimIdempotencyKey } from '../shared/idempotency.js';
import { idOfType } from '../shared/ids.js';
import { fail, ok, type Result } from '../shared/result.js';
import { inTransaction, type ServiceContext } from '../shared/service.js';
import { optionalText, optionalVersion, requiredText, validateInput } from '../shared/validation.js';
import { certificateTypes, certificateWarningDays, expiryNotice } from './certificates.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg`A date is written YYYY-MM-DD.`);

/** A validity ends on or after the day it starts. */
function endsAfterStart(v: { validFrom: string; validTo: string }, issue: z.RefinementCtx): void {
  if (v.validTo < v.validFrom) issue.addIssue({ code: 'custom', path: ['validTo'], message: msg`validTo must not be before validFrom.` });
}

const recordInput = z
  .object({
    supplierId: z.string(),
    type: z.enum(certificateTypes),
    number: requiredText('number', 100),
    issuer: requiredText('issuer', 200),
    scope: optionalText('scope', 2000),
    validFrom: isoDate,
    validTo: isoDate,
    idempotencyKey: z.string().min(1).max(200).nullish(),
  })
  .superRefine(endsAfterStart);

const renewInput = z
  .object({
    id: z.string(),
    expectedVersion: optionalVersion,
    issuer: requiredText('issuer', 200).nullish(),
    scope: optionalText('scope', 2000),
    validFrom: isoDate,
    validTo: isoDate,
  })
  .superRefine(endsAfterStart);

/** Staff who keep supplier records, or the supplier's own users for their organisation. */
function mayKeep(viewer: Viewer, supplierId: string): boolean {
  if (viewer.organization !== null) return viewer.organization.type === 'Supplier' && viewer.organization.id === supplierId;
  return hasAnyRole(viewer, ['ADMIN', 'BUYER', 'QUALITY_ENGINEER']);
}

/** Records a supplier's certificate (its copy is a file attached to it afterwards). */
export function recordCertificate(ctx: ServiceContext, input: unknown): Promise<Result<CertificateRow>> {
  const valid = validateInput(recordInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  const supplierId = idOfType(v.supplierId, 'Supplier');
  if (supplierId === null) return Promise.resolve(fail('NOT_FOUND', ['input', 'supplierId'], msg`No supplier with this id.`));
  return inTransaction(
    ctx,
    async (tx) => {
      const [supplier] = await tx.select().from(suppliers).where(and(eq(suppliers.id, supplierId), visibility(ctx.viewer).suppliers));
      if (supplier === undefined) return fail('NOT_FOUND', ['input', 'supplierId'], msg`No supplier with this id.`);
      if (!mayKeep(ctx.viewer, supplierId)) throw new Forbidden(msg`Certificates are kept by ADMIN, BUYER or QUALITY_ENGINEER staff, or by the supplier's own users.`);
      const id = randomUUID();
      const now = ctx.now();
      if (v.idempotencyKey != null) {
        const claim = await claimIdempotencyKey(tx, { userId: ctx.viewer.id, operation: 'recordCertificate', key: v.idempotencyKey, input, newId: id, now });
        if (!claim.ok) return claim;
        if (!claim.value.first) {
          const [earlier] = await tx.select().from(certificates).where(eq(certificates.id, claim.value.resultId));
          return ok(earlier!);
        }
      }
      const [row] = await tx
        .insert(certificates)
        .values({ id, supplierId, type: v.type, number: v.number, issuer: v.issuer, scope: v.scope, validFrom: v.validFrom, validTo: v.validTo, createdById: ctx.viewer.id, createdAt: now, updatedAt: now })
        .returning();
      await recordActivity(tx, ctx.viewer, now, {
        kind: 'CERTIFICATE_RECORDED',
        subjectType: 'Certificate',
        subjectId: id,
        supplierId,
        summary: `${v.type} certificate ${v.number} of ${supplier.code} recorded, valid ${v.validFrom} to ${v.validTo}.`,
      });
      return ok(row!);
    },
    { code: 'DUPLICATE', field: ['input', 'number'], message: msg`This supplier already has a certificate of this type with this number.` },
  );
}

/** Renews a certificate: a new validity (and issuer or scope); the expiry notices start over. */
export function renewCertificate(ctx: ServiceContext, input: unknown): Promise<Result<CertificateRow>> {
  const valid = validateInput(renewInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  const id = idOfType(v.id, 'Certificate');
  if (id === null) return Promise.resolve(fail('NOT_FOUND', ['input', 'id'], msg`No certificate with this id.`));
  return inTransaction(ctx, async (tx) => {
    const [current] = await tx
      .select()
      .from(certificates)
      .where(and(eq(certificates.id, id), visibility(ctx.viewer).certificates))
      .for('update');
    if (current === undefined) return fail('NOT_FOUND', ['input', 'id'], msg`No certificate with this id.`);
    if (!mayKeep(ctx.viewer, current.supplierId)) throw new Forbidden(msg`Certificates are kept by ADMIN, BUYER or QUALITY_ENGINEER staff, or by the supplier's own users.`);
    if (v.expectedVersion !== null && v.expectedVersion !== current.version) {
      return fail('VERSION_CONFLICT', ['input', 'expectedVersion'], msg`The certificate is at version ${current.version}; reload it and try again.`);
    }
    const now = ctx.now();
    const [row] = await tx
      .update(certificates)
      .set({
        validFrom: v.validFrom,
        validTo: v.validTo,
        issuer: v.issuer ?? current.issuer,
        scope: v.scope ?? current.scope,
        expiringNotedAt: null,
        expiredNotedAt: null,
        version: current.version + 1,
        updatedAt: now,
      })
      .where(eq(certificates.id, id))
      .returning();
    await recordActivity(tx, ctx.viewer, now, {
      kind: 'CERTIFICATE_RENEWED',
      subjectType: 'Certificate',
      subjectId: id,
      supplierId: current.supplierId,
      summary: `${current.type} certificate ${current.number} renewed: valid ${v.validFrom} to ${v.validTo}.`,
    });
    return ok(row!);
  });
}

/** Certificates noted per pass of the expiry watch. */
const BATCH = 200;

/**
 * The expiry watch: records CERTIFICATE_EXPIRING when a certificate comes within the warning window
 * and CERTIFICATE_EXPIRED when its last day has passed, once each per validity, so that webhooks and
 * subscriptions hear of it. Any instance may run it; rows another is noting are skipped. Returns how
 * many it noted.
 */
export async function noteCertificateExpiry(db: Db, now: Date, timeZone: string): Promise<number> {
  const today = calendarDate(now, timeZone);
  const window = certificateWarningDays();
  const system: Viewer = { id: 'system', name: 'System', email: 'system@localhost', roles: ['ADMIN'], organization: null };
  return db.transaction(async (tx) => {
    await tx.execute(takeActivityWriterLock);
    const due = await tx
      .select({ certificate: certificates, supplierCode: suppliers.code })
      .from(certificates)
      .innerJoin(suppliers, eq(suppliers.id, certificates.supplierId))
      .where(
        or(
          and(lt(certificates.validTo, today), isNull(certificates.expiredNotedAt)),
          and(gte(certificates.validTo, today), lte(certificates.validTo, addDays(today, window)), lte(certificates.validFrom, today), isNull(certificates.expiringNotedAt)),
        ),
      )
      .orderBy(asc(certificates.validTo), asc(certificates.id))
      .limit(BATCH)
      .for('update', { of: certificates, skipLocked: true });
    let noted = 0;
    for (const { certificate, supplierCode } of due) {
      const notice = expiryNotice(certificate, today, window);
      if (notice === null) continue;
      await tx
        .update(certificates)
        .set(notice === 'EXPIRED' ? { expiredNotedAt: now, expiringNotedAt: certificate.expiringNotedAt ?? now } : { expiringNotedAt: now })
        .where(eq(certificates.id, certificate.id));
      await recordActivity(tx, system, now, {
        kind: notice === 'EXPIRED' ? 'CERTIFICATE_EXPIRED' : 'CERTIFICATE_EXPIRING',
        subjectType: 'Certificate',
        subjectId: certificate.id,
        supplierId: certificate.supplierId,
        summary:
          notice === 'EXPIRED'
            ? `${certificate.type} certificate ${certificate.number} of ${supplierCode} expired on ${certificate.validTo}.`
            : `${certificate.type} certificate ${certificate.number} of ${supplierCode} expires on ${certificate.validTo}.`,
      });
      noted++;
    }
    return noted;
  });
}
