import { downloadLink, signedLink } from '../../domain/integration/bulk-export-rules.js';
import { toGlobalId } from '../../domain/shared/ids.js';

/** How download links are signed, set once at start from configuration (EXPORT_LINK_SECRET, EXPORT_LINK_TTL_SECONDS). */
let signing: { secret: string; ttlSeconds: number } | null = null;

export function configureDownloadLinks(options: { secret: string; ttlSeconds: number }): void {
  signing = options;
}

/** A fresh signed link to a complete export's file. */
export function currentDownloadLink(exportId: string, nowMs: number): { path: string; expiresAt: Date } {
  if (signing === null) throw new Error('download links are not configured');
  return downloadLink(signing.secret, exportId, nowMs, signing.ttlSeconds);
}

/** A signed link to a file's bytes (GET /files/<id>), for browsers and other clients without the token. */
export function currentFileLink(fileId: string, nowMs: number): { path: string; expiresAt: Date } {
  if (signing === null) throw new Error('download links are not configured');
  return signedLink(signing.secret, `file:${fileId}`, `/files/${toGlobalId('File', fileId)}`, nowMs, signing.ttlSeconds);
}
