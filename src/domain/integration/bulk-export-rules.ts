import { createHmac, timingSafeEqual } from 'node:crypto';

/** The lists a bulk export reads, each with the tenancy of its list in the API. */
export const bulkExportTypes = ['ORDERS', 'DELIVERIES', 'INSPECTIONS', 'NONCONFORMANCES', 'SCORECARDS', 'ACTIVITY'] as const;
export type BulkExportType = (typeof bulkExportTypes)[number];

export const bulkExportFormats = ['JSONL', 'CSV'] as const;
export type BulkExportFormat = (typeof bulkExportFormats)[number];

export const bulkExportStatuses = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type BulkExportStatus = (typeof bulkExportStatuses)[number];

/** The entry of BulkExportFilter each type takes; any other entry is refused. */
export const filterFieldOf: Record<BulkExportType, string> = {
  ORDERS: 'orders',
  DELIVERIES: 'deliveries',
  INSPECTIONS: 'inspections',
  NONCONFORMANCES: 'nonconformances',
  SCORECARDS: 'scorecards',
  ACTIVITY: 'activity',
};

/** The filter entries given that do not belong to the type: each is an error on that entry. */
export function foreignFilterFields(type: BulkExportType, filter: Record<string, unknown> | null | undefined): string[] {
  if (filter == null) return [];
  return Object.entries(filter)
    .filter(([name, value]) => value != null && name !== filterFieldOf[type])
    .map(([name]) => name);
}

export const fileExtensionOf: Record<BulkExportFormat, string> = { JSONL: 'jsonl', CSV: 'csv' };
export const contentTypeOf: Record<BulkExportFormat, string> = { JSONL: 'application/jsonl; charset=utf-8', CSV: 'text/csv; charset=utf-8' };

/**
 * One CSV field as RFC 4180 writes it: quoted when it holds a comma, quote or line break. A text that
 * a spreadsheet would run as a formula (=, +, -, @, tab or carriage return first) is quoted with a
 * leading apostrophe, as OWASP advises against CSV injection; numbers, including negative ones, are
 * written as they are.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV record, ended by CRLF (RFC 4180). */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** What a download link signs: the export and until when the link works. */
function linkPayload(exportId: string, expiresAtSeconds: number): string {
  return `bulk-export:${exportId}:${expiresAtSeconds}`;
}

export function signDownloadLink(secret: string, exportId: string, expiresAtSeconds: number): string {
  return createHmac('sha256', secret).update(linkPayload(exportId, expiresAtSeconds)).digest('base64url');
}

export type LinkCheck = 'valid' | 'expired' | 'bad-signature';

/** Whether a download link's signature is right and it has not expired; compared in constant time. */
export function checkDownloadLink(secret: string, exportId: string, expires: string | null, signature: string | null, nowMs: number): LinkCheck {
  if (expires === null || signature === null || !/^\d{1,12}$/.test(expires)) return 'bad-signature';
  const expected = Buffer.from(signDownloadLink(secret, exportId, Number(expires)));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad-signature';
  return Number(expires) * 1000 < nowMs ? 'expired' : 'valid';
}

/**
 * A signed link to `path` for `subject` (what the signature names: an export's id, `file:<id>`):
 * valid for `ttlSeconds` from now, rounded up to the minute so that reads within the same minute give
 * the same link (cacheable, and comparable in tests).
 */
export function signedLink(secret: string, subject: string, path: string, nowMs: number, ttlSeconds: number): { path: string; expiresAt: Date } {
  const expiresAtSeconds = Math.ceil((nowMs / 1000 + ttlSeconds) / 60) * 60;
  const signature = signDownloadLink(secret, subject, expiresAtSeconds);
  return { path: `${path}?expires=${expiresAtSeconds}&signature=${signature}`, expiresAt: new Date(expiresAtSeconds * 1000) };
}

/** A download link for a complete export's file. */
export function downloadLink(secret: string, exportId: string, nowMs: number, ttlSeconds: number): { path: string; expiresAt: Date } {
  return signedLink(secret, exportId, `/exports/${exportId}`, nowMs, ttlSeconds);
}

/** Progress is recorded in the activity log at these steps (per cent), besides start and end. */
export const PROGRESS_STEP_PERCENT = 10;

/** The progress step (0, 10, ... 90) a row count has reached; null when the total is unknown or zero. */
export function progressStep(rows: number, expected: number | null): number | null {
  if (expected === null || expected <= 0) return null;
  const percent = Math.min(99, Math.floor((rows * 100) / expected));
  return percent - (percent % PROGRESS_STEP_PERCENT);
}
