import { randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { hasAnyRole, type Viewer } from '../../auth/viewer.js';
import type { Tx } from '../../db/client.js';
import { fileSubjectTables, visibility } from '../../db/scope.js';
import {
  certificates,
  contracts,
  customerFeedback,
  deliveries,
  type FileRow,
  fileContents,
  files,
  nonconformances,
  orders,
  parts,
  qualityAgreements,
  supplierSurveys,
} from '../../db/schema/index.js';
import { msg } from '../../i18n/message.js';
import { recordActivity } from '../activity/record.js';
import { Forbidden } from '../shared/errors.js';
import { claimIdempotencyKey } from '../shared/idempotency.js';
import { fromGlobalId, idOfType } from '../shared/ids.js';
import { fail, ok, type Result } from '../shared/result.js';
import { inTransaction, type ServiceContext } from '../shared/service.js';
import { FILE_CHUNK_BYTES, type FileKind, type FileSubjectType, fileKinds, fileSubjectTypes } from './rules.js';

/** The bytes of an upload, already on disk, measured and typed. */
export interface ReceivedBytes {
  path: string;
  size: number;
  sha256: string;
  contentType: string;
}

export interface AttachFileInput {
  subjectId: string | null;
  kind: string | null;
  name: string;
  partId: string | null;
  /** The Idempotency-Key header: a retry with it returns the first upload's file and stores nothing. */
  idempotencyKey: string | null;
}

/** Each kind of record's parties (its table, key and scope are src/db/scope.ts's fileSubjectTables). */
const parties: Record<FileSubjectType, { supplier: SQL; customer: SQL }> = {
  SupplierSurvey: { supplier: sql`${supplierSurveys.supplierId}`, customer: sql`null::uuid` },
  Certificate: { supplier: sql`${certificates.supplierId}`, customer: sql`null::uuid` },
  Contract: { supplier: sql`${contracts.supplierId}`, customer: sql`${contracts.customerId}` },
  QualityAgreement: { supplier: sql`${qualityAgreements.supplierId}`, customer: sql`null::uuid` },
  Order: { supplier: sql`${orders.supplierId}`, customer: sql`${orders.customerId}` },
  Delivery: { supplier: sql`${deliveries.supplierId}`, customer: sql`${deliveries.customerId}` },
  Nonconformance: { supplier: sql`${nonconformances.supplierId}`, customer: sql`${nonconformances.customerId}` },
  CustomerFeedback: { supplier: sql`null::uuid`, customer: sql`${customerFeedback.customerId}` },
};

/** Staff who only read (VIEWER) attach nothing; everyone else attaches to what they see. */
const mayAttach = (viewer: Viewer) => viewer.organization !== null || hasAnyRole(viewer, ['ADMIN', 'BUYER', 'QUALITY_ENGINEER', 'SALES']);

/** Copies the upload into the database in chunks, one chunk in memory at a time. */
async function storeBytes(tx: Tx, fileId: string, path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(FILE_CHUNK_BYTES);
    for (let chunk = 0; ; chunk++) {
      const { bytesRead } = await handle.read(buffer, 0, FILE_CHUNK_BYTES, chunk * FILE_CHUNK_BYTES);
      if (bytesRead === 0) break;
      await tx.insert(fileContents).values({ fileId, chunk, data: new Uint8Array(buffer.subarray(0, bytesRead)) });
      if (bytesRead < FILE_CHUNK_BYTES) break;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Attaches an uploaded file to a record the viewer may see, in one transaction with its activity
 * entry (FILE_ATTACHED on the record): a refusal or a failure leaves nothing behind.
 */
export function attachFile(ctx: ServiceContext, input: AttachFileInput, bytes: ReceivedBytes): Promise<Result<FileRow>> {
  if (!mayAttach(ctx.viewer)) throw new Forbidden(msg`This needs one of the roles ${'ADMIN, BUYER, QUALITY_ENGINEER, SALES'}.`);
  const decoded = input.subjectId === null ? null : fromGlobalId(input.subjectId);
  if (decoded === null || !(fileSubjectTypes as readonly string[]).includes(decoded.type)) {
    return Promise.resolve(fail('NOT_FOUND', ['subjectId'], msg`Files are attached to a supplier survey, certificate, contract, quality agreement, order, delivery, nonconformance or customer feedback: give its id.`));
  }
  if (input.kind === null || !(fileKinds as readonly string[]).includes(input.kind)) return Promise.resolve(fail('INVALID', ['kind'], msg`kind is one of ${fileKinds.join(', ')}.`));
  const type = decoded.type as FileSubjectType;
  const subject = { ...fileSubjectTables[type], ...parties[type] };
  const partId = input.partId === null ? null : idOfType(input.partId, 'Part');
  if (input.partId !== null && partId === null) return Promise.resolve(fail('NOT_FOUND', ['partId'], msg`No part with this id.`));
  return inTransaction(ctx, async (tx) => {
    const [record] = await tx
      .select({ supplierId: sql<string | null>`${subject.supplier}`, customerId: sql<string | null>`${subject.customer}` })
      .from(subject.table)
      .where(and(eq(subject.key, decoded.id), subject.scope(visibility(ctx.viewer))));
    if (record === undefined) return fail('NOT_FOUND', ['subjectId'], msg`No record with this id.`);
    if (partId !== null && (await tx.select({ id: parts.id }).from(parts).where(eq(parts.id, partId))).length === 0) return fail('NOT_FOUND', ['partId'], msg`No part with this id.`);
    const now = ctx.now();
    const id = randomUUID();
    if (input.idempotencyKey !== null) {
      const claim = await claimIdempotencyKey(tx, { userId: ctx.viewer.id, operation: 'attachFile', key: input.idempotencyKey, input: { ...input, sha256: bytes.sha256 }, newId: id, now });
      if (!claim.ok) return fail(claim.errors[0]!.code, ['idempotencyKey'], claim.errors[0]!.message);
      if (!claim.value.first) return ok((await tx.select().from(files).where(eq(files.id, claim.value.resultId)))[0]!);
    }
    const org = ctx.viewer.organization;
    const [file] = await tx
      .insert(files)
      .values({
        id,
        subjectType: type,
        subjectId: decoded.id,
        supplierId: record.supplierId,
        customerId: record.customerId,
        kind: input.kind as FileKind,
        partId,
        name: input.name,
        contentType: bytes.contentType,
        size: bytes.size,
        sha256: bytes.sha256,
        uploadedById: ctx.viewer.id,
        uploadedByName: ctx.viewer.name,
        uploadedByOrganizationId: org?.id ?? null,
        createdAt: now,
      })
      .returning();
    await storeBytes(tx, id, bytes.path);
    // A nonconformance's files are between us and the supplier unless the customer attached them.
    const customerSees = type !== 'Nonconformance' || org?.type === 'Customer';
    await recordActivity(tx, ctx.viewer, now, {
      kind: 'FILE_ATTACHED',
      subjectType: type,
      subjectId: decoded.id,
      supplierId: record.supplierId,
      customerId: customerSees ? record.customerId : null,
      detailId: id,
      summary: `${input.kind} ${input.name} attached (${bytes.size} bytes).`,
    });
    return ok(file!);
  });
}

/** A file the viewer may read, by its global id. */
export async function readableFile(db: ServiceContext['db'], viewer: Viewer, globalId: string): Promise<FileRow | undefined> {
  const id = idOfType(globalId, 'File');
  if (id === null) return undefined;
  const [file] = await db
    .select()
    .from(files)
    .where(and(eq(files.id, id), visibility(viewer).files));
  return file;
}

/** The chunks holding bytes [start, end] of a file, a few at a time. */
export async function* fileBytes(db: ServiceContext['db'], fileId: string, start: number, end: number): AsyncGenerator<Uint8Array> {
  const first = Math.floor(start / FILE_CHUNK_BYTES);
  const last = Math.floor(end / FILE_CHUNK_BYTES);
  const BATCH = 4;
  for (let from = first; from <= last; from += BATCH) {
    const rows = await db
      .select({ chunk: fileContents.chunk, data: fileContents.data })
      .from(fileContents)
      .where(and(eq(fileContents.fileId, fileId), sql`${fileContents.chunk} between ${from} and ${Math.min(last, from + BATCH - 1)}`))
      .orderBy(fileContents.chunk);
    for (const row of rows) {
      const offset = row.chunk * FILE_CHUNK_BYTES;
      const data = row.data instanceof Uint8Array ? row.data : new Uint8Array(row.data as ArrayBuffer);
      yield data.subarray(Math.max(0, start - offset), Math.min(data.length, end - offset + 1));
    }
  }
}
