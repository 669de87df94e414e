import { type Message, msg } from '../../i18n/message.js';

/** The records files are attached to, by their GraphQL type. */
export const fileSubjectTypes = ['SupplierSurvey', 'Certificate', 'Contract', 'QualityAgreement', 'Order', 'Delivery', 'Nonconformance', 'CustomerFeedback'] as const;
export type FileSubjectType = (typeof fileSubjectTypes)[number];

/** What a file is. Certificates of conformity and of analysis travel with deliveries (see quality agreements). */
export const fileKinds = ['SIGNED_COPY', 'CERTIFICATE', 'CERTIFICATE_OF_CONFORMITY', 'CERTIFICATE_OF_ANALYSIS', 'EIGHT_D_REPORT', 'PHOTO', 'EVIDENCE', 'OTHER'] as const;
export type FileKind = (typeof fileKinds)[number];

/** The documents a quality agreement may require with every delivery of its parts. */
export const deliveryDocumentKinds = ['CERTIFICATE_OF_CONFORMITY', 'CERTIFICATE_OF_ANALYSIS'] as const satisfies readonly FileKind[];
export type DeliveryDocumentKind = (typeof deliveryDocumentKinds)[number];

/** Stored in chunks of this many bytes. */
export const FILE_CHUNK_BYTES = 256 * 1024;

/** The types accepted, as detected from the bytes. */
export const allowedContentTypes = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/tiff',
  'image/heic',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/plain',
  'text/csv',
]);

/** A file name as kept: its last path segment, without control characters, at most 200 characters. */
export function cleanFileName(name: string | null): { ok: true; name: string } | { ok: false; message: Message } {
  if (name === null) return { ok: false, message: msg`Name the file: ?name=report.pdf.` };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const cleaned = name.split(/[/\\]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return { ok: false, message: msg`Name the file: ?name=report.pdf.` };
  if (cleaned.length > 200) return { ok: false, message: msg`A file name has at most 200 characters.` };
  return { ok: true, name: cleaned };
}

/**
 * Bytes with no signature file-type knows are text when they are UTF-8 without NUL characters: CSV
 * when the name says so, plain text otherwise. Anything else is refused.
 */
export function textTypeOf(head: Uint8Array, name: string): string | null {
  if (head.includes(0)) return null;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.length >= 4 && head.length === 65_536 ? trimPartialCharacter(head) : head);
  } catch {
    return null;
  }
  return /\.csv$/i.test(name) ? 'text/csv' : 'text/plain';
}

/** A prefix cut mid-character would not decode: drop a trailing incomplete UTF-8 sequence. */
function trimPartialCharacter(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  let back = 0;
  while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1]! & 0xc0) === 0x80) back++;
  const lead = bytes[end - back - 1];
  if (lead !== undefined && lead >= 0xc0) {
    const needed = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : 1;
    if (back < needed) end = end - back - 1;
  }
  return bytes.subarray(0, end);
}

/** A byte range of a file of `size` bytes, as one `Range: bytes=…` asks; null: the whole file; 'unsatisfiable' answers 416. */
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | null | 'unsatisfiable' {
  if (header === undefined) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Several ranges, or another unit: the whole file (RFC 9110 lets a server ignore Range).
  if (match === null || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
