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

function decode(globalId: string): Readonly<DecodedId> | null {
  if (globalId.length > 200 || !/^[A-Za-z0-9_-]+$/.test(globalId)) return null;
  const text = Buffer.from(globalId, 'base64url').toString('utf8');
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
