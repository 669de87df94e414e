import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { eq } from 'drizzle-orm';
import type { ExportConfig } from '../../config.js';
import type { Db } from '../../db/client.js';
import { type BulkExportRow, bulkExports } from '../../db/schema/index.js';
import { type BulkExportFormat, checkDownloadLink, contentTypeOf, fileExtensionOf } from '../../domain/integration/bulk-export-rules.js';
import { type Message, msg } from '../../i18n/message.js';
import { type InTurn, ownerParty } from '../../limits/fair-share.js';
import { exportFile } from './bulk-exports.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * GET /exports/<id>?expires=…&signature=…: a complete export's file, for whoever holds a link that
 * `BulkExport.downloadUrl` gave its requester (the link is the credential, as a presigned URL is; it
 * works for EXPORT_LINK_TTL_SECONDS). Every refusal looks the same whether or not the export exists.
 */
export async function sendExportFile(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  { db, config, now, inTurn }: { db: Db; config: ExportConfig; now: Date; inTurn: InTurn },
  refuse: (status: number, code: string, message: Message) => void,
): Promise<void> {
  req.resume();
  const id = url.pathname.slice('/exports/'.length);
  const check = UUID.test(id) ? checkDownloadLink(config.linkSecret, id, url.searchParams.get('expires'), url.searchParams.get('signature'), now.getTime()) : 'bad-signature';
  if (check === 'bad-signature') return refuse(403, 'FORBIDDEN', msg`This download link is not valid; ask for the export's downloadUrl again.`);
  if (check === 'expired') return refuse(403, 'FORBIDDEN', msg`This download link has expired; ask for the export's downloadUrl again.`);
  const [row] = await db.select().from(bulkExports).where(eq(bulkExports.id, id));
  if (row === undefined || row.status !== 'COMPLETED') return refuse(404, 'NOT_FOUND', msg`This export has no file (it was deleted, or is not complete).`);
  // A download is one more request of whoever asked for the export, in their organisation's turn.
  return inTurn(ownerParty(row.requestedById, row.supplierId, row.customerId), () => sendFile(req, res, config, row, refuse));
}

async function sendFile(req: IncomingMessage, res: ServerResponse, config: ExportConfig, row: BulkExportRow, refuse: (status: number, code: string, message: Message) => void): Promise<void> {
  const format = row.format as BulkExportFormat;
  const path = exportFile(config.directory, row.id, format).done;
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return refuse(404, 'NOT_FOUND', msg`This export has no file (it was deleted, or is not complete).`);
  }
  const etag = `"${row.sha256}"`;
  const headers = {
    'content-type': contentTypeOf[format],
    'content-length': String(size),
    'content-disposition': `attachment; filename="${row.type.toLowerCase()}-${row.createdAt.toISOString().slice(0, 10)}.${fileExtensionOf[format]}"`,
    'cache-control': 'private, no-store',
    etag,
    // The SHA-256 of the whole file, for checking the download (RFC 9530).
    'repr-digest': `sha-256=:${Buffer.from(row.sha256 ?? '', 'hex').toString('base64')}:`,
  };
  if (req.method === 'HEAD') {
    res.writeHead(200, headers).end();
    return;
  }
  res.writeHead(200, headers);
  await pipeline(createReadStream(path), res).catch(() => res.destroy());
}
