/**
 * Global ids: opaque to clients, they name the type and the row ("Supplier:<uuid>", base64url; an
 * activity row by its number, "Activity:<id>"). An id of another type never resolves to a row of this one.
 */
export const nodeTypes = ['Supplier', 'Customer', 'Part', 'Contract', 'QualityAgreement', 'Order', 'OrderLine', 'OrderChangeRequest', 'Delivery', 'DeliveryEvent', 'Nonconformance', 'Inspection', 'SupplierEvaluation', 'CustomerFeedback', 'SatisfactionSurvey', 'Activity', 'WebhookEndpoint', 'WebhookDelivery', 'BulkExport', 'File', 'Certificate', 'SupplierSurvey', 'Invoice'] as const;
export type NodeType = (typeof nodeTypes)[number];

const nodeTypeNames: ReadonlySet<string> = new Set(nodeTypes);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Activity rows are numbered (a bigint identity). */
const ROW_NUMBER = /^[1-9]\d{0,18}$/;
const MAX_BIGINT = 2n ** 63n - 1n;

const validKey = (type: NodeType, id: string) => (type === 'Activity' ? ROW_NUMBER.test(id) && BigInt(id) <= MAX_BIGINT : UUID.test(id));

export function toGlobalId(type: NodeType, id: string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

export interface DecodedId {
  type: NodeType;
  id: string;
}

/**
 * The last id decoded and what it decoded to: a request decodes the id it is about several times in a
 * row (its plan's key, then its statement's parameters), and each is the same answer.
 */
let lastDecoded: { globalId: string; decoded: Readonly<DecodedId> | null } = { globalId: '', decoded: null };

/** Decodes any global id; null when it is not one of ours. */
export function fromGlobalId(globalId: string): Readonly<DecodedId> | null {
  if (globalId === lastDecoded.globalId) return lastDecoded.decoded;
  const decoded = decode(globalId);
  lastDecoded = { globalId, decoded };
  return decoded;
}

/** base64url's alphabet by character code: the six bits each character stands for, -1 for any other. */
const SEXTETS = new Int8Array(128).fill(-1);
for (const [i, c] of [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'].entries()) SEXTETS[c.charCodeAt(0)] = i;

/** Bytes decoded from an id (decode takes at most 200 characters, 150 bytes), reused by every call. */
const idBytes = new Uint8Array(150);
/** Bytes turned into text at a time: `String.fromCharCode` takes its bytes as arguments. */
const CHARACTERS_AT_ONCE = 4096;

/**
 * The bytes of a base64url text as Node's Buffer decodes them (trailing bits that make no whole byte
 * dropped), one character per byte; null when a character is not of the alphabet (padding included).
 * Written out: a Buffer's allocation and two calls into C++ cost more than the id's few dozen
 * characters do here. The bytes go to an array first and become text in one call: text added to a
 * character at a time was about 1.7 KB of garbage for every id decoded.
 */
export function base64urlBytes(text: string): string | null {
  const size = Math.floor((text.length * 6) / 8);
  const bytes = size <= idBytes.length ? idBytes : new Uint8Array(size);
  let length = 0;
  let bits = 0;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const sextet = code < 128 ? (SEXTETS[code] as number) : -1;
    if (sextet < 0) return null;
    // At most 12 bits are ever pending: keep no more.
    value = ((value << 6) | sextet) & 0xfff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[length++] = (value >> bits) & 0xff;
    }
  }
  let decoded = '';
  for (let at = 0; at < length; at += CHARACTERS_AT_ONCE) {
    // A byte array is an array-like of numbers, as `apply` takes it (the type says number[]).
    decoded += String.fromCharCode.apply(null, bytes.subarray(at, Math.min(length, at + CHARACTERS_AT_ONCE)) as unknown as number[]);
  }
  return decoded;
}

function decode(globalId: string): Readonly<DecodedId> | null {
  if (globalId.length > 200) return null;
  // Our ids are ASCII: a byte above 0x7f, read as Latin-1, fails the checks below as it would in UTF-8.
  const text = base64urlBytes(globalId);
  if (text === null) return null;
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  const type = text.slice(0, colon);
  const id = text.slice(colon + 1);
  if (!nodeTypeNames.has(type) || !validKey(type as NodeType, id)) return null;
  // Frozen: the same object answers the next call with this id.
  return Object.freeze({ type: type as NodeType, id });
}

/** Decodes a global id that must be of the given type; null otherwise. */
export function idOfType(globalId: string, type: NodeType): string | null {
  const decoded = fromGlobalId(globalId);
  return decoded !== null && decoded.type === type ? decoded.id : null;
}
