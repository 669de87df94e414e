import { GraphQLError } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { permissions } from '../auth/permissions.js';
import { type Context, serviceContext, today } from '../context.js';
import { certificatesWhere, needsRenewal } from '../db/queries/certificates.js';
import type { CertificateRow } from '../db/schema/index.js';
import * as service from '../domain/partners/certificate-service.js';
import { certificateStatus, daysToExpiry } from '../domain/partners/certificates.js';
import { addDays } from '../domain/shared/dates.js';
import { toGlobalId } from '../domain/shared/ids.js';
import { msg } from '../i18n/message.js';
import { Certificate, CertificatePayload, RecordCertificateInput, RenewCertificateInput } from '../schema/certificates.js';
import { Dashboard } from '../schema/dashboard.js';
import { MAX_EXPIRING, MAX_EXPIRY_WINDOW_DAYS } from '../schema/dashboard.read.js';
import { File } from '../schema/files.js';
import { Supplier } from '../schema/partners.js';
import { payload } from './payload.js';

@Resolver(() => Certificate)
export class CertificateResolver {
  @Authorized(...permissions.recordCertificate)
  @Mutation(() => CertificatePayload, { description: "Records a supplier's certificate with its validity; attach its copy with POST /files (kind CERTIFICATE)." })
  async recordCertificate(@Arg('input', () => RecordCertificateInput) input: RecordCertificateInput, @Ctx() ctx: Context) {
    return payload(ctx, 'certificate', await service.recordCertificate(serviceContext(ctx), input));
  }

  @Authorized(...permissions.renewCertificate)
  @Mutation(() => CertificatePayload, { description: 'Gives a certificate its new validity after renewal; expiry notices start over.' })
  async renewCertificate(@Arg('input', () => RenewCertificateInput) input: RenewCertificateInput, @Ctx() ctx: Context) {
    return payload(ctx, 'certificate', await service.renewCertificate(serviceContext(ctx), input));
  }

  @FieldResolver(() => ID)
  id(@Root() row: CertificateRow) {
    return toGlobalId('Certificate', row.id);
  }

  @FieldResolver(() => Supplier)
  supplier(@Root() row: CertificateRow, @Ctx() ctx: Context) {
    return ctx.loaders.supplierById.load(row.supplierId);
  }

  @FieldResolver(() => String)
  status(@Root() row: CertificateRow, @Ctx() ctx: Context) {
    return certificateStatus(row.validFrom, row.validTo, today(ctx));
  }

  @FieldResolver(() => Int)
  daysToExpiry(@Root() row: CertificateRow, @Ctx() ctx: Context) {
    return daysToExpiry(row.validTo, today(ctx));
  }

  @FieldResolver(() => [File])
  files(@Root() row: CertificateRow, @Ctx() ctx: Context) {
    return ctx.loaders.filesBySubjectId.load(row.id);
  }
}

@Resolver(() => Supplier)
export class SupplierCertificatesResolver {
  @FieldResolver(() => [Certificate], { description: 'Its certificates, soonest to expire first. A supplier user sees its own.' })
  certificates(@Root() row: { id: string }, @Ctx() ctx: Context) {
    return ctx.loaders.certificatesBySupplierId.load(row.id);
  }
}

@Resolver(() => Dashboard)
export class DashboardCertificatesResolver {
  @FieldResolver(() => [Certificate], {
    description: 'Certificates that expired and were not replaced by a valid one of the same type, or that expire within the next `days` days; soonest first, at most 500.',
  })
  certificatesNeedingRenewal(@Arg('days', () => Int, { defaultValue: 30, description: 'The warning window, in days.' }) days: number, @Ctx() ctx: Context) {
    if (days < 0 || days > MAX_EXPIRY_WINDOW_DAYS) {
      throw new GraphQLError(msg`days must be between 0 and ${MAX_EXPIRY_WINDOW_DAYS}; got ${days}.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'days' } });
    }
    const from = today(ctx);
    return certificatesWhere(ctx.db, ctx.viewer!, needsRenewal(from, addDays(from, days)), MAX_EXPIRING);
  }
}
