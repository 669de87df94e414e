import { isDecimal, normalize } from '../shared/decimal.js';
import type { FunctionalGroup, Segment, TransactionSet } from './x12.js';
import { toX12Date, x12Date } from './x12.js';

/**
 * The X12 004010 documents the server exchanges, as pure mappings: the 850 it writes for an issued
 * purchase order, the 855 (acknowledgement) and 856 (ship notice) it reads from suppliers, and the
 * 997 that acknowledges what it read, naming the segment and element at fault.
 */

/** AK3 segment syntax error codes (004010). */
export const SegmentError = { UNRECOGNIZED: '1', UNEXPECTED: '2', MANDATORY_MISSING: '3', ELEMENT_ERRORS: '8' } as const;
/** AK4 element syntax error codes (004010). */
export const ElementError = { MANDATORY_MISSING: '1', TOO_SHORT: '4', TOO_LONG: '5', INVALID_CHARACTER: '6', INVALID_CODE: '7', INVALID_DATE: '8' } as const;

/** One fault of a transaction set: a segment, and where known the element, with the X12 error codes. */
export interface Fault {
  segmentId: string;
  /** Position in the set, ST = 1; for a missing segment, where it was expected. */
  position: number;
  segmentCode: (typeof SegmentError)[keyof typeof SegmentError];
  element?: { position: number; code: (typeof ElementError)[keyof typeof ElementError]; data?: string };
  /** Why, in words, for the log and the answer's note. */
  reason: string;
}

export type Read<T> = { ok: true; value: T } | { ok: false; faults: Fault[] };

const elementFault = (segment: Segment, position: number, code: Fault['element'] extends infer E ? (E extends { code: infer C } ? C : never) : never, reason: string): Fault => ({
  segmentId: segment.id,
  position: segment.position,
  segmentCode: SegmentError.ELEMENT_ERRORS,
  element: { position, code, data: segment.elements[position]?.slice(0, 99) || undefined },
  reason,
});

const missingSegment = (id: string, after: Segment | undefined, reason: string): Fault => ({ segmentId: id, position: (after?.position ?? 1) + 1, segmentCode: SegmentError.MANDATORY_MISSING, reason });

/** A required element: its value, or a fault. */
function required(segment: Segment, position: number, faults: Fault[], what: string): string {
  const value = segment.elements[position]?.trim() ?? '';
  if (value === '') faults.push(elementFault(segment, position, ElementError.MANDATORY_MISSING, `${segment.id}${String(position).padStart(2, '0')} (${what}) is required.`));
  return value;
}

function quantity(segment: Segment, position: number, faults: Fault[], what: string): string {
  const value = required(segment, position, faults, what);
  if (value !== '' && (!isDecimal(value) || value.startsWith('-'))) {
    faults.push(elementFault(segment, position, ElementError.INVALID_CHARACTER, `${segment.id}${String(position).padStart(2, '0')} (${what}) is a decimal number.`));
    return '';
  }
  return value === '' ? '' : normalize(value);
}

function date(segment: Segment, position: number, faults: Fault[], what: string): string | null {
  const value = required(segment, position, faults, what);
  if (value === '') return null;
  const iso = x12Date(value);
  if (iso === null) faults.push(elementFault(segment, position, ElementError.INVALID_DATE, `${segment.id}${String(position).padStart(2, '0')} (${what}) is a date, CCYYMMDD.`));
  return iso;
}

/** Segments between ST and SE. */
const bodyOf = (set: TransactionSet) => set.segments.slice(1, -1);

/** Checks the trailer: SE01 counts the set's segments, SE02 repeats ST02. */
export function trailerFaults(set: TransactionSet): Fault[] {
  const se = set.segments[set.segments.length - 1]!;
  const faults: Fault[] = [];
  if (se.elements[1] !== String(set.segments.length)) faults.push(elementFault(se, 1, ElementError.INVALID_CODE, `SE01 counts ${se.elements[1]} segments; the set has ${set.segments.length}.`));
  if (se.elements[2] !== set.control) faults.push(elementFault(se, 2, ElementError.INVALID_CODE, `SE02 (${se.elements[2]}) is not ST02 (${set.control}).`));
  return faults;
}

// ---------------------------------------------------------------- 850

export interface PurchaseOrderDocument {
  number: string;
  issuedAt: Date;
  currency: string;
  company: { name: string; id: string };
  supplier: { code: string; name: string };
  lines: readonly { lineNumber: number; quantity: string; unit: string; unitPrice: string; partNumber: string; description: string; requestedDate: string }[];
  note: string | null;
}

/** X12 units of measure for the units parts are kept in; anything else is sent as EA (each). */
const units: Record<string, string> = { pcs: 'EA', pc: 'EA', ea: 'EA', each: 'EA', kg: 'KG', g: 'GR', m: 'MR', l: 'LT', set: 'SET', box: 'BX' };
export const unitOf = (unit: string): string => units[unit.trim().toLowerCase()] ?? 'EA';

/** The 850's segments between ST and SE: BEG, CUR, REF, N1 (buyer and seller), PO1 and its PID and DTM per line, CTT. */
export function purchaseOrder850(order: PurchaseOrderDocument): string[][] {
  const segments: string[][] = [
    ['BEG', '00', 'SA', order.number, '', toX12Date(order.issuedAt.toISOString().slice(0, 10))],
    ['CUR', 'BY', order.currency],
  ];
  if (order.note) segments.push(['NTE', 'GEN', order.note.slice(0, 80)]);
  segments.push(['N1', 'BY', order.company.name, '92', order.company.id], ['N1', 'SE', order.supplier.name, '92', order.supplier.code]);
  for (const line of order.lines) {
    segments.push(
      ['PO1', String(line.lineNumber), line.quantity, unitOf(line.unit), line.unitPrice, 'PE', 'BP', line.partNumber],
      ['PID', 'F', '', '', '', line.description.slice(0, 80)],
      ['DTM', '002', toX12Date(line.requestedDate)],
    );
  }
  segments.push(['CTT', String(order.lines.length)]);
  return segments;
}

// ---------------------------------------------------------------- 855

export interface AcknowledgementDocument {
  orderNumber: string;
  /** The BAK segment: faults about the order point at BAK03. */
  header: Segment;
  decision: 'accept' | 'reject';
  /** Why, for a rejection (NTE02, else the code's meaning). */
  reason: string;
  /** Changed quantities and dates per line; empty: accepted as ordered. */
  lines: { lineNumber: number; quantity: string; date: string; po1: Segment; ack: Segment }[];
}

const acceptCodes = new Set(['AT', 'AK', 'AD', 'AC', 'AE']);
const rejectCodes = new Set(['RJ', 'RD']);
/** ACK01 line statuses read as accepted (as is, or with the quantity and date given). */
const lineAccepted = new Set(['IA', 'IC', 'IQ', 'DR', 'IP']);

export function read855(set: TransactionSet): Read<AcknowledgementDocument> {
  const faults: Fault[] = trailerFaults(set);
  const body = bodyOf(set);
  const bak = body.find((s) => s.id === 'BAK');
  if (bak === undefined) return { ok: false, faults: [...faults, missingSegment('BAK', set.segments[0], 'An 855 begins with BAK.')] };
  const purpose = required(bak, 1, faults, 'purpose');
  if (purpose !== '' && purpose !== '00') faults.push(elementFault(bak, 1, ElementError.INVALID_CODE, 'BAK01 is 00 (original).'));
  const type = required(bak, 2, faults, 'acknowledgment type');
  if (type !== '' && !acceptCodes.has(type) && !rejectCodes.has(type)) faults.push(elementFault(bak, 2, ElementError.INVALID_CODE, `BAK02 is one of ${[...acceptCodes, ...rejectCodes].join(', ')}.`));
  const orderNumber = required(bak, 3, faults, 'purchase order number');
  if (bak.elements[4]) date(bak, 4, faults, 'purchase order date');
  const note = body.find((s) => s.id === 'NTE')?.elements[2]?.trim();
  const lines: AcknowledgementDocument['lines'] = [];
  for (let i = 0; i < body.length; i++) {
    const segment = body[i]!;
    if (segment.id !== 'PO1') continue;
    const lineNumber = required(segment, 1, faults, 'line number');
    if (lineNumber !== '' && !/^\d{1,6}$/.test(lineNumber)) faults.push(elementFault(segment, 1, ElementError.INVALID_CHARACTER, 'PO101 is the order line number.'));
    const ack = body.slice(i + 1).find((s) => s.id === 'ACK' || s.id === 'PO1');
    if (ack === undefined || ack.id !== 'ACK') continue;
    const status = required(ack, 1, faults, 'line status');
    if (status !== '' && !lineAccepted.has(status)) {
      faults.push(elementFault(ack, 1, status === 'IR' || status === 'ID' ? ElementError.INVALID_CODE : ElementError.INVALID_CODE, `ACK01 ${status}: a line cannot be rejected alone; reject the order (BAK02 RD) or confirm a quantity (IA, IC, IQ, DR).`));
      continue;
    }
    const qty = quantity(ack, 2, faults, 'quantity');
    const when = date(ack, 5, faults, 'date');
    if (lineNumber !== '' && qty !== '' && when !== null) lines.push({ lineNumber: Number(lineNumber), quantity: qty, date: when, po1: segment, ack });
  }
  for (const segment of body) {
    if (!['BAK', 'CUR', 'REF', 'NTE', 'DTM', 'N1', 'N3', 'N4', 'PER', 'PO1', 'PID', 'ACK', 'CTT'].includes(segment.id)) {
      faults.push({ segmentId: segment.id, position: segment.position, segmentCode: SegmentError.UNRECOGNIZED, reason: `An 855 has no ${segment.id} segment here.` });
    }
  }
  if (faults.length > 0) return { ok: false, faults };
  const decision = rejectCodes.has(type) ? 'reject' : 'accept';
  return { ok: true, value: { orderNumber, header: bak, decision, reason: note || (type === 'RD' ? 'Rejected with detail (855 RD).' : 'Rejected (855 RJ).'), lines } };
}

// ---------------------------------------------------------------- 856

export interface ShipNoticeDocument {
  shipmentId: string;
  orderNumber: string;
  /** The PRF segment: faults about the order point at it. */
  orderSegment: Segment;
  carrier: string | null;
  trackingNumber: string | null;
  /** DTM*017, as the start of that day in UTC. */
  estimatedArrival: string | null;
  lines: ShipNoticeLine[];
  /** Where each header value came from (carrier: TD5, trackingNumber: REF, estimatedArrival: DTM), as [segment, element]. */
  segments: Record<string, [Segment, number]>;
}

export interface ShipNoticeLine {
  lineNumber: number;
  partNumber: string | null;
  quantity: string;
  lotNumber: string | null;
  lin: Segment;
  sn1: Segment;
  /** The REF*LT that gave the lot. */
  lot: Segment | null;
}

export function read856(set: TransactionSet): Read<ShipNoticeDocument> {
  const faults: Fault[] = trailerFaults(set);
  const body = bodyOf(set);
  const bsn = body.find((s) => s.id === 'BSN');
  if (bsn === undefined) return { ok: false, faults: [...faults, missingSegment('BSN', set.segments[0], 'An 856 begins with BSN.')] };
  const purpose = required(bsn, 1, faults, 'purpose');
  if (purpose !== '' && purpose !== '00') faults.push(elementFault(bsn, 1, ElementError.INVALID_CODE, 'BSN01 is 00 (original).'));
  const shipmentId = required(bsn, 2, faults, 'shipment identification');
  if (bsn.elements[3] !== undefined && bsn.elements[3] !== '') date(bsn, 3, faults, 'date');
  let carrier: string | null = null;
  let trackingNumber: string | null = null;
  let estimatedArrival: string | null = null;
  let orderSegment: Segment | undefined;
  let orderNumber = '';
  const lines: ShipNoticeLine[] = [];
  const segments: Record<string, [Segment, number]> = {};
  let level = '';
  let lin: Segment | undefined;
  let current: ShipNoticeLine | undefined;
  for (const segment of body) {
    switch (segment.id) {
      case 'HL':
        level = required(segment, 3, faults, 'hierarchical level code');
        if (level !== '' && !['S', 'O', 'P', 'T', 'I'].includes(level)) faults.push(elementFault(segment, 3, ElementError.INVALID_CODE, 'HL03 is S, O, P, T or I.'));
        lin = undefined;
        current = undefined;
        break;
      case 'TD5':
        carrier = segment.elements[5]?.trim() || segment.elements[3]?.trim() || carrier;
        segments.carrier = [segment, segment.elements[5]?.trim() ? 5 : 3];
        break;
      case 'REF': {
        const qualifier = segment.elements[1]?.trim();
        const value = segment.elements[2]?.trim() || null;
        if (level === 'I' && qualifier === 'LT') {
          if (current === undefined) faults.push({ segmentId: 'REF', position: segment.position, segmentCode: SegmentError.UNEXPECTED, reason: 'A lot (REF*LT) follows the item’s SN1.' });
          else {
            current.lotNumber = value;
            current.lot = segment;
          }
        } else if (qualifier === 'CN' || qualifier === '2I' || qualifier === 'BM') {
          trackingNumber = qualifier === 'BM' ? (trackingNumber ?? value) : value;
          segments.trackingNumber = [segment, 2];
        }
        break;
      }
      case 'DTM':
        if (segment.elements[1] === '017') {
          estimatedArrival = date(segment, 2, faults, 'estimated delivery date');
          segments.estimatedArrival = [segment, 2];
        }
        else if (segment.elements[2]) date(segment, 2, faults, 'date');
        break;
      case 'PRF':
        if (orderSegment !== undefined) {
          faults.push({ segmentId: 'PRF', position: segment.position, segmentCode: SegmentError.UNEXPECTED, reason: 'One ship notice per purchase order: send an 856 for each order.' });
          break;
        }
        orderSegment = segment;
        orderNumber = required(segment, 1, faults, 'purchase order number');
        break;
      case 'LIN': {
        lin = segment;
        const lineNumber = required(segment, 1, faults, 'order line number');
        if (lineNumber !== '' && !/^\d{1,6}$/.test(lineNumber)) faults.push(elementFault(segment, 1, ElementError.INVALID_CHARACTER, 'LIN01 is the order line number.'));
        break;
      }
      case 'SN1': {
        if (lin === undefined) {
          faults.push({ segmentId: 'SN1', position: segment.position, segmentCode: SegmentError.UNEXPECTED, reason: 'SN1 follows the item’s LIN.' });
          break;
        }
        const qty = quantity(segment, 2, faults, 'units shipped');
        const lineNumber = lin.elements[1]?.trim() ?? '';
        const partNumber = lin.elements[2] === 'BP' || lin.elements[2] === 'VP' ? lin.elements[3]?.trim() || null : null;
        current = { lineNumber: Number(lineNumber), partNumber, quantity: qty, lotNumber: null, lin, sn1: segment, lot: null };
        if (qty !== '' && /^\d{1,6}$/.test(lineNumber)) lines.push(current);
        break;
      }
      case 'BSN':
      case 'TD1':
      case 'N1':
      case 'N3':
      case 'N4':
      case 'PID':
      case 'CTT':
        break;
      default:
        faults.push({ segmentId: segment.id, position: segment.position, segmentCode: SegmentError.UNRECOGNIZED, reason: `An 856 has no ${segment.id} segment here.` });
    }
  }
  if (orderSegment === undefined) faults.push(missingSegment('PRF', body[body.length - 1], 'The order level (HL*O) names the purchase order in PRF01.'));
  if (lines.length === 0 && faults.length === 0) faults.push(missingSegment('LIN', body[body.length - 1], 'A ship notice ships at least one item (HL*I with LIN and SN1).'));
  if (faults.length > 0) return { ok: false, faults };
  return { ok: true, value: { shipmentId, orderNumber, orderSegment: orderSegment!, carrier, trackingNumber, estimatedArrival: estimatedArrival === null ? null : `${estimatedArrival}T00:00:00.000Z`, lines, segments } };
}

// ---------------------------------------------------------------- 997

export interface SetOutcome {
  set: TransactionSet;
  faults: readonly Fault[];
  /** AK502 when the set is refused as a whole: 1 not supported, 5 segments in error. */
  refusal?: '1' | '5';
}

/** The 997's segments between ST and SE: AK1, per set AK2, AK3/AK4 per fault, AK5; AK9. */
export function functionalAcknowledgement997(group: FunctionalGroup, outcomes: readonly SetOutcome[]): string[][] {
  const segments: string[][] = [['AK1', group.code, group.control]];
  let accepted = 0;
  for (const outcome of outcomes) {
    segments.push(['AK2', outcome.set.code, outcome.set.control]);
    for (const fault of outcome.faults) {
      segments.push(['AK3', fault.segmentId, String(fault.position), '', fault.segmentCode]);
      if (fault.element) segments.push(['AK4', String(fault.element.position), '', fault.element.code, fault.element.data ?? '']);
    }
    const ok = outcome.faults.length === 0 && outcome.refusal === undefined;
    if (ok) accepted++;
    segments.push(ok ? ['AK5', 'A'] : ['AK5', 'R', outcome.refusal ?? '5']);
  }
  const status = accepted === outcomes.length ? 'A' : accepted === 0 ? 'R' : 'P';
  segments.push(['AK9', status, String(outcomes.length), String(outcomes.length), String(accepted)]);
  return segments;
}
