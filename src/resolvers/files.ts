import { type ClassType, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { actorNameFor } from '../auth/actor-name.js';
import type { Context } from '../context.js';
import type { DeliveryRow, FileRow } from '../db/schema/index.js';
import { missingDocuments } from '../domain/quality/delivery-documents.js';
import { toGlobalId } from '../domain/shared/ids.js';
import { currentFileLink } from '../integration/exports/links.js';
import { DateTimeScalar } from '../schema/common.js';
import { Contract } from '../schema/contracts.js';
import { Delivery, MissingDocument } from '../schema/deliveries.js';
import { CustomerFeedback } from '../schema/feedback.js';
import { File } from '../schema/files.js';
import { Nonconformance } from '../schema/nonconformances.js';
import { Order } from '../schema/orders.js';
import { SupplierSurvey } from '../schema/partners.js';
import { QualityAgreement } from '../schema/quality.js';

/** `files` of every record files are attached to (the executed path; the compiled one reads src/schema/files.read.ts). */
const filesOf = (ctx: Context, row: { id: string }) => ctx.loaders.filesBySubjectId.load(row.id);
const description = 'Files attached to it, oldest first (upload with POST /files?subjectId=<its id>&kind=…&name=…).';

@Resolver(() => File)
export class FileResolver {
  @FieldResolver(() => ID)
  id(@Root() row: FileRow) {
    return toGlobalId('File', row.id);
  }

  @FieldResolver(() => ID, { nullable: true })
  partId(@Root() row: FileRow) {
    return row.partId === null ? null : toGlobalId('Part', row.partId);
  }

  @FieldResolver(() => String)
  uploadedBy(@Root() row: FileRow, @Ctx() ctx: Context) {
    return actorNameFor(ctx.viewer, { organizationId: row.uploadedByOrganizationId, name: row.uploadedByName }, row);
  }

  @FieldResolver(() => String)
  downloadUrl(@Root() row: FileRow, @Ctx() ctx: Context) {
    return currentFileLink(row.id, ctx.now().getTime()).path;
  }

  @FieldResolver(() => DateTimeScalar)
  downloadUrlExpiresAt(@Root() row: FileRow, @Ctx() ctx: Context) {
    return currentFileLink(row.id, ctx.now().getTime()).expiresAt;
  }
}

/** The `files` field of one record type: type-graphql takes a resolver class per object type. */
function filesResolver(type: ClassType, about = description) {
  @Resolver(() => type)
  class FilesResolver {
    @FieldResolver(() => [File], { description: about })
    files(@Root() row: { id: string }, @Ctx() ctx: Context) {
      return filesOf(ctx, row);
    }
  }
  return FilesResolver;
}

export const filesResolvers = [
  filesResolver(Contract),
  filesResolver(QualityAgreement),
  filesResolver(Order),
  filesResolver(Delivery),
  filesResolver(Nonconformance, `${description} A customer sees only those its own users attached.`),
  filesResolver(CustomerFeedback),
];

@Resolver(() => SupplierSurvey)
export class SupplierSurveyFilesResolver {
  @FieldResolver(() => ID, { description: 'The survey (attach evidence to it with POST /files).' })
  id(@Root() row: { id: string }) {
    return toGlobalId('SupplierSurvey', row.id);
  }

  @FieldResolver(() => [File], { description })
  files(@Root() row: { id: string }, @Ctx() ctx: Context) {
    return filesOf(ctx, row);
  }
}

/** A delivery's required documents that no attached file answers, by part number and kind. */
async function missingOf(ctx: Context, row: DeliveryRow) {
  const carried = await ctx.loaders.filesBySubjectId.load(row.id);
  return missingDocuments(row.requiredDocuments, carried).sort((x, y) => (x.partNumber === y.partNumber ? (x.kind < y.kind ? -1 : 1) : x.partNumber < y.partNumber ? -1 : 1));
}

@Resolver(() => Delivery)
export class DeliveryDocumentsResolver {
  @FieldResolver(() => [MissingDocument], { description: 'Documents its quality agreements require that are not attached yet; empty when complete.' })
  async missingDocuments(@Root() row: DeliveryRow, @Ctx() ctx: Context) {
    return (await missingOf(ctx, row)).map((m) => ({ part: ctx.loaders.partById.load(m.partId), kind: m.kind, qualityAgreement: m.agreement, policy: m.policy }));
  }

  @FieldResolver(() => Boolean, { description: 'On hold: a document its agreement requires (under HOLD) is missing, so it cannot be received yet.' })
  async onHold(@Root() row: DeliveryRow, @Ctx() ctx: Context) {
    return (await missingOf(ctx, row)).some((m) => m.policy === 'HOLD');
  }
}
