import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileTypeFromFile } from 'file-type';
import { checkDownloadLink } from '../../domain/integration/bulk-export-rules.js';
import { allowedContentTypes, byteRange, cleanFileName, textTypeOf } from '../../domain/files/rules.js';
import { attachFile, fileBytes, readableFile, type ReceivedBytes } from '../../domain/files/service.js';
import { Forbidden } from '../../domain/shared/errors.js';
import { idOfType, toGlobalId } from '../../domain/shared/ids.js';
import type { ServiceContext } from '../../domain/shared/service.js';
import type { Db } from '../../db/client.js';
import { files } from '../../db/schema/index.js';
import { type Message, msg } from '../../i18n/message.js';
import { type InTurn, ownerParty } from '../../limits/fair-share.js';
import { eq } from 'drizzle-orm';
import type { FileRow } from '../../db/schema/index.js';

/** How an HTTP refusal is answered (the server's own JSON error shape, translated). */
export type Refuse = (status: number, code: string, message: Message, field?: string) => void;

class UploadTooLarge extends Error {}

/**
 * Streams a request body to a temporary file, hashing and counting it, never more than `maxBytes`
 * in all and one chunk in memory at a time. Throws UploadTooLarge past the limit; a client that
 * hangs up makes it throw too. The caller removes the file.
 */
async function receive(req: IncomingMessage, path: string, maxBytes: number): Promise<{ size: number; sha256: string }> {
  const out = createWriteStream(path);
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of req) {
      const bytes = chunk as Buffer;
      size += bytes.length;
      if (size > maxBytes) throw new UploadTooLarge();
      hash.update(bytes);
      if (!out.write(bytes)) await once(out, 'drain');
    }
    if (!req.complete) throw new Error('the upload was interrupted');
  } finally {
    await new Promise<void>((resolve) => out.end(() => resolve()));
  }
  return { size, sha256: hash.digest('hex') };
}

/** The type of the bytes, detected from their signature (or as text); null when it is not allowed. */
async function contentTypeOf(path: string, name: string): Promise<string | null> {
  const detected = await fileTypeFromFile(path);
  if (detected !== undefined) return allowedContentTypes.has(detected.mime) ? detected.mime : null;
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(65_536);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return textTypeOf(head.subarray(0, bytesRead), name);
  } finally {
    await handle.close();
  }
}

export function fileJson(file: FileRow) {
  return {
    id: toGlobalId('File', file.id),
    name: file.name,
    kind: file.kind,
    contentType: file.contentType,
    size: file.size,
    sha256: file.sha256,
    createdAt: file.createdAt.toISOString(),
  };
}

/**
 * POST /files?subjectId=…&kind=…&name=…[&partId=…]: the body is the file; an Idempotency-Key header
 * makes a retry return the first upload's file. Bad uploads (too large,
 * empty, a type not allowed, interrupted, a record the viewer may not see) leave nothing behind:
 * the bytes wait in a temporary file until the one transaction that stores them.
 */
export async function uploadFile(req: IncomingMessage, res: ServerResponse, url: URL, ctx: ServiceContext, maxBytes: number, refuse: Refuse): Promise<void> {
  const name = cleanFileName(url.searchParams.get('name'));
  if (!name.ok) {
    req.resume();
    return refuse(400, 'INVALID', name.message, 'name');
  }
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > maxBytes) {
    res.setHeader('connection', 'close');
    req.resume();
    return refuse(413, 'LIMIT_EXCEEDED', msg`A file is at most ${maxBytes} bytes.`);
  }
  const path = join(tmpdir(), `scm-upload-${randomUUID()}`);
  try {
    let received: { size: number; sha256: string };
    try {
      received = await receive(req, path, maxBytes);
    } catch (error) {
      if (error instanceof UploadTooLarge) {
        res.setHeader('connection', 'close');
        req.resume();
        return refuse(413, 'LIMIT_EXCEEDED', msg`A file is at most ${maxBytes} bytes.`);
      }
      // The client hung up: there is nobody to answer.
      res.destroy();
      return;
    }
    if (received.size === 0) return refuse(400, 'INVALID', msg`The file is empty.`);
    const contentType = await contentTypeOf(path, name.name);
    if (contentType === null) return refuse(415, 'INVALID', msg`This type of file is not accepted: send PDF, PNG, JPEG, WebP, TIFF, HEIC, Word or Excel (OOXML), or UTF-8 text.`);
    const bytes: ReceivedBytes = { path, size: received.size, sha256: received.sha256, contentType };
    let result: Awaited<ReturnType<typeof attachFile>>;
    try {
      const key = req.headers['idempotency-key'];
      const idempotencyKey = typeof key === 'string' && key.length > 0 && key.length <= 200 ? key : null;
      result = await attachFile(ctx, { subjectId: url.searchParams.get('subjectId'), kind: url.searchParams.get('kind'), name: name.name, partId: url.searchParams.get('partId'), idempotencyKey }, bytes);
    } catch (error) {
      if (error instanceof Forbidden) return refuse(403, 'FORBIDDEN', error.message);
      throw error;
    }
    if (!result.ok) {
      const error = result.errors[0]!;
      return refuse(error.code === 'NOT_FOUND' ? 404 : error.code === 'DUPLICATE' ? 409 : 400, error.code, error.message, error.field?.join('.'));
    }
    const body = JSON.stringify({ file: fileJson(result.value) });
    res.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), location: `/files/${toGlobalId('File', result.value.id)}` }).end(body);
  } finally {
    await rm(path, { force: true });
  }
}

/**
 * GET /files/<id>: the bytes of a file the viewer may see (with a bearer token), or of any file with
 * a signed link from File.downloadUrl; one byte range (Range: bytes=…) answers 206.
 */
export async function downloadFile(req: IncomingMessage, res: ServerResponse, url: URL, access: { ctx: ServiceContext } | { db: Db; linkSecret: string; now: Date; inTurn: InTurn }, refuse: Refuse): Promise<void> {
  req.resume();
  const globalId = decodeURIComponent(url.pathname.slice('/files/'.length));
  if ('ctx' in access) {
    const file = await readableFile(access.ctx.db, access.ctx.viewer, globalId);
    if (file === undefined) return refuse(404, 'NOT_FOUND', msg`No file with this id.`);
    return sendFile(req, res, access.ctx.db, file);
  }
  const id = idOfType(globalId, 'File');
  const check = id === null ? 'bad-signature' : checkDownloadLink(access.linkSecret, `file:${id}`, url.searchParams.get('expires'), url.searchParams.get('signature'), access.now.getTime());
  if (check !== 'valid') return refuse(403, 'FORBIDDEN', check === 'expired' ? msg`This download link has expired; ask for the file's downloadUrl again.` : msg`This download link is not valid; ask for the file's downloadUrl again.`);
  const [file] = await access.db.select().from(files).where(eq(files.id, id!));
  if (file === undefined) return refuse(404, 'NOT_FOUND', msg`No file with this id.`);
  // Whoever holds the link reads in the turn of the partner the file belongs to (or its uploader's).
  return access.inTurn(ownerParty(file.uploadedById, file.supplierId, file.customerId), () => sendFile(req, res, access.db, file));
}

/** A file's bytes, whole or the one range asked for, read from `db` in chunks as the client takes them. */
async function sendFile(req: IncomingMessage, res: ServerResponse, db: Db, file: FileRow): Promise<void> {
  const etag = `"${file.sha256}"`;
  const headers: Record<string, string> = {
    'content-type': file.contentType,
    'content-disposition': `attachment; filename="${file.name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
    'accept-ranges': 'bytes',
    etag,
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  // A range of a file that changed since the client's copy is no range at all (If-Range).
  const ifRange = req.headers['if-range'];
  const range = ifRange !== undefined && ifRange !== etag ? null : byteRange(req.headers.range, file.size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'content-range': `bytes */${file.size}` }).end();
    return;
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? file.size - 1;
  res.writeHead(range === null ? 200 : 206, { ...headers, 'content-length': String(end - start + 1), ...(range === null ? {} : { 'content-range': `bytes ${start}-${end}/${file.size}` }) });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  for await (const bytes of fileBytes(db, file.id, start, end)) {
    if (!res.write(bytes)) await once(res, 'drain');
  }
  res.end();
}
