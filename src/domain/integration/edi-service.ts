import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { visibility } from '../../db/scope.js';
import { ediInterchanges, numberSequences, orderLines, orders, parts, suppliers } from '../../db/schema/index.js';
import { createDelivery } from '../deliveries/service.js';
import { acknowledgeOrder, rejectOrder } from '../orders/service.js';
import { Forbidden } from '../shared/errors.js';
import { type Message, msg } from '../../i18n/message.js';
import { idOfType, toGlobalId } from '../shared/ids.js';
import type { Result, UserError } from '../shared/result.js';
import type { ServiceContext } from '../shared/service.js';
import {
  type AcknowledgementDocument,
  ElementError,
  type Fault,
  functionalAcknowledgement997,
  purchaseOrder850,
  read855,
  read856,
  SegmentError,
  type SetOutcome,
  type ShipNoticeDocument,
} from './edi-documents.js';
import { type EnvelopeParties, EnvelopeError, type Interchange, readInterchange, type Segment, type TransactionSet, writeInterchange } from './x12.js';

/** The company's own X12 identity (configuration: EDI_COMPANY_ID, EDI_COMPANY_NAME), qualifier ZZ. */
export interface EdiIdentity {
  id: string;
  name: string;
}

/** Interchange control numbers the server sends: one counter, never reused. */
async function nextControlNumber(tx: Tx): Promise<number> {
  const [row] = await tx
    .insert(numberSequences)
    .values({ prefix: 'X12-ISA', year: 0, last: 1 })
    .onConflictDoUpdate({ target: [numberSequences.prefix, numberSequences.year], set: { last: sql`${numberSequences.last} % 999999999 + 1` } })
    .returning({ last: numberSequences.last });
  return row!.last;
}

export type Outbound = { ok: true; document: string } | { ok: false; status: 403 | 404 | 409; reason: Message };

/**
 * The X12 850 of an issued purchase order, for its supplier's users or staff: the order as it stands,
 * in a new interchange (its control number kept with the document).
 */
export async function purchaseOrderInterchange(ctx: ServiceContext, identity: EdiIdentity, orderGlobalId: string): Promise<Outbound> {
  const orderId = idOfType(orderGlobalId, 'Order');
  if (orderId === null) return { ok: false, status: 404, reason: msg`No order with this id.` };
  if (ctx.viewer.organization?.type === 'Customer') return { ok: false, status: 403, reason: msg`Purchase orders are sent to suppliers.` };
  return ctx.db.transaction(async (tx) => {
    const [order] = await tx
      .select({ order: orders, supplier: { code: suppliers.code, name: suppliers.name } })
      .from(orders)
      .innerJoin(suppliers, eq(suppliers.id, orders.supplierId))
      .where(and(eq(orders.id, orderId), visibility(ctx.viewer).orders));
    if (order === undefined) return { ok: false, status: 404, reason: msg`No order with this id.` } as const;
    if (order.order.direction !== 'PURCHASE' || order.order.issuedAt === null || order.order.status === 'CANCELLED') {
      return { ok: false, status: 409, reason: msg`An 850 is sent for an issued purchase order; this one is ${order.order.status}.` } as const;
    }
    const lines = await tx
      .select({ lineNumber: orderLines.lineNumber, quantity: orderLines.quantity, unitPrice: orderLines.unitPrice, requestedDate: orderLines.requestedDate, partNumber: parts.partNumber, description: parts.description, unit: parts.unit })
      .from(orderLines)
      .innerJoin(parts, eq(parts.id, orderLines.partId))
      .where(eq(orderLines.orderId, order.order.id))
      .orderBy(asc(orderLines.lineNumber));
    const control = await nextControlNumber(tx);
    const body = purchaseOrder850({
      number: order.order.number,
      issuedAt: order.order.issuedAt,
      currency: order.order.currency,
      company: identity,
      supplier: order.supplier,
      note: order.order.note,
      lines: lines.map((l) => ({ ...l, quantity: trimDecimal(l.quantity), unitPrice: trimDecimal(l.unitPrice) })),
    });
    const parties: EnvelopeParties = { senderQualifier: 'ZZ', sender: identity.id, receiverQualifier: 'ZZ', receiver: order.supplier.code };
    const document = writeInterchange(parties, control, ctx.now(), { code: 'PO', control }, { code: '850', body });
    await tx.insert(ediInterchanges).values({
      supplierId: order.order.supplierId!,
      direction: 'OUTBOUND',
      controlNumber: String(control).padStart(9, '0'),
      transactionSets: [`850:${String(control).padStart(4, '0').slice(-4)}`],
      orderId: order.order.id,
      status: 'SENT',
      document,
      createdById: ctx.viewer.id,
      createdAt: ctx.now(),
    });
    return { ok: true, document } as const;
  });
}

const trimDecimal = (value: string) => value.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

export type Inbound = { ok: true; acknowledgement: string; status: 'ACCEPTED' | 'PARTIALLY_ACCEPTED' | 'REJECTED'; replayed: boolean } | { ok: false; status: 400 | 403; reason: Message };

/** Finds an order of the viewer's by its number. */
async function orderByNumber(ctx: ServiceContext, number: string) {
  const [order] = await ctx.db
    .select({ id: orders.id, version: orders.version })
    .from(orders)
    .where(and(eq(orders.number, number), eq(orders.direction, 'PURCHASE'), visibility(ctx.viewer).orders));
  return order;
}

async function linesOf(ctx: ServiceContext, orderId: string) {
  const rows = await ctx.db
    .select({ id: orderLines.id, lineNumber: orderLines.lineNumber, partNumber: parts.partNumber })
    .from(orderLines)
    .innerJoin(parts, eq(parts.id, orderLines.partId))
    .where(eq(orderLines.orderId, orderId));
  return new Map(rows.map((r) => [r.lineNumber, r]));
}

const fault = (segment: Segment, element: number, reason: string, code: (typeof ElementError)[keyof typeof ElementError] = ElementError.INVALID_CODE): Fault => ({
  segmentId: segment.id,
  position: segment.position,
  segmentCode: SegmentError.ELEMENT_ERRORS,
  element: { position: element, code, data: segment.elements[element]?.slice(0, 99) || undefined },
  reason,
});

/** A use case's refusals as faults of the segments and elements its input came from. */
function faultsOf(errors: readonly UserError[], locate: (field: readonly string[]) => [Segment, number]): Fault[] {
  return errors.map((error) => {
    const [segment, element] = locate(error.field ?? []);
    return fault(segment, element, error.message);
  });
}

async function apply855(ctx: ServiceContext, document: AcknowledgementDocument): Promise<Fault[]> {
  const order = await orderByNumber(ctx, document.orderNumber);
  if (order === undefined) return [fault(document.header, 3, `No purchase order ${document.orderNumber} of this supplier.`)];
  const id = toGlobalId('Order', order.id);
  const locateHeader = (): [Segment, number] => [document.header, 3];
  if (document.decision === 'reject') {
    const result = await rejectOrder(ctx, { id, reason: document.reason.slice(0, 1000) });
    return result.ok ? [] : faultsOf(result.errors, locateHeader);
  }
  const lines = await linesOf(ctx, order.id);
  const unknown = document.lines.filter((l) => !lines.has(l.lineNumber));
  if (unknown.length > 0) return unknown.map((l) => fault(l.po1, 1, `Order ${document.orderNumber} has no line ${l.lineNumber}.`));
  const result: Result<unknown> = await acknowledgeOrder(ctx, {
    id,
    lines: document.lines.map((l) => ({ lineId: toGlobalId('OrderLine', lines.get(l.lineNumber)!.id), confirmedQuantity: l.quantity, confirmedDate: l.date })),
  });
  if (result.ok) return [];
  return faultsOf(result.errors, (field) => {
    const line = field[1] === 'lines' ? document.lines[Number(field[2])] : undefined;
    if (line === undefined) return locateHeader();
    return field[3] === 'confirmedDate' ? [line.ack, 5] : field[3] === 'lineId' ? [line.po1, 1] : [line.ack, 2];
  });
}

async function apply856(ctx: ServiceContext, document: ShipNoticeDocument, key: string): Promise<Fault[]> {
  const order = await orderByNumber(ctx, document.orderNumber);
  if (order === undefined) return [fault(document.orderSegment, 1, `No purchase order ${document.orderNumber} of this supplier.`)];
  const lines = await linesOf(ctx, order.id);
  const faults: Fault[] = [];
  for (const line of document.lines) {
    const known = lines.get(line.lineNumber);
    if (known === undefined) faults.push(fault(line.lin, 1, `Order ${document.orderNumber} has no line ${line.lineNumber}.`));
    else if (line.partNumber !== null && line.partNumber !== known.partNumber) faults.push(fault(line.lin, 3, `Line ${line.lineNumber} of order ${document.orderNumber} is part ${known.partNumber}.`));
  }
  if (faults.length > 0) return faults;
  const result = await createDelivery(ctx, {
    orderId: toGlobalId('Order', order.id),
    carrier: document.carrier,
    trackingNumber: document.trackingNumber,
    estimatedArrival: document.estimatedArrival === null ? null : new Date(document.estimatedArrival),
    idempotencyKey: key,
    lines: document.lines.map((l) => ({ orderLineId: toGlobalId('OrderLine', lines.get(l.lineNumber)!.id), quantity: l.quantity, lotNumber: l.lotNumber })),
  });
  if (result.ok) return [];
  return faultsOf(result.errors, (field) => {
    const line = field[1] === 'lines' ? document.lines[Number(field[2])] : undefined;
    if (line !== undefined) return field[3] === 'lotNumber' ? [line.lot ?? line.sn1, 2] : field[3] === 'orderLineId' ? [line.lin, 1] : [line.sn1, 2];
    const at = document.segments[field[1] ?? ''];
    return at === undefined ? [document.orderSegment, 1] : at;
  });
}

/** Applies one transaction set as the supplier's user; what the rules refuse comes back as faults. */
async function applySet(ctx: ServiceContext, interchange: Interchange, groupCode: string, set: TransactionSet): Promise<SetOutcome> {
  const expectedGroup = set.code === '855' ? 'PR' : set.code === '856' ? 'SH' : null;
  if (expectedGroup === null) return { set, faults: [], refusal: '1' };
  if (groupCode !== expectedGroup) {
    return { set, faults: [{ segmentId: 'ST', position: 1, segmentCode: SegmentError.UNEXPECTED, reason: `An ${set.code} travels in a ${expectedGroup} functional group, not ${groupCode}.` }] };
  }
  try {
    if (set.code === '855') {
      const read = read855(set);
      return { set, faults: read.ok ? await apply855(ctx, read.value) : read.faults };
    }
    const read = read856(set);
    return { set, faults: read.ok ? await apply856(ctx, read.value, `x12:${interchange.control}:${set.control}`) : read.faults };
  } catch (error) {
    if (!(error instanceof Forbidden)) throw error;
    return { set, faults: [{ segmentId: set.segments[1]?.id ?? 'ST', position: 2, segmentCode: SegmentError.ELEMENT_ERRORS, reason: error.message }] };
  }
}

/**
 * Receives an X12 interchange from a supplier's user: each 855 is applied as acknowledgeOrder or
 * rejectOrder, each 856 as createDelivery, through the same rules as GraphQL; the answer is a 997 per
 * functional group, naming the segment and element of every fault. An interchange control number
 * (ISA13) is applied once: sent again, it gets the same 997 and changes nothing.
 */
export async function receiveInterchange(ctx: ServiceContext, identity: EdiIdentity, text: string): Promise<Inbound> {
  const organization = ctx.viewer.organization;
  if (organization?.type !== 'Supplier') return { ok: false, status: 403, reason: msg`Suppliers’ users send ship notices and acknowledgements.` };
  let interchange: Interchange;
  try {
    interchange = readInterchange(text);
  } catch (error) {
    if (error instanceof EnvelopeError) return { ok: false, status: 400, reason: error.message };
    throw error;
  }
  const [supplier] = await ctx.db.select({ code: suppliers.code }).from(suppliers).where(eq(suppliers.id, organization.id));
  if (supplier === undefined || interchange.sender.toUpperCase() !== supplier.code.toUpperCase()) {
    return { ok: false, status: 403, reason: msg`ISA06 names ${interchange.sender}; this account sends as ${supplier?.code ?? 'nobody'}.` };
  }
  if (interchange.receiver.toUpperCase() !== identity.id.toUpperCase()) return { ok: false, status: 400, reason: msg`ISA08 names ${interchange.receiver}; this server receives as ${identity.id}.` };
  const earlier = await replay(ctx, organization.id, interchange.control);
  if (earlier !== null) return earlier;
  const acknowledgements: string[] = [];
  let accepted = 0;
  let total = 0;
  for (const group of interchange.groups) {
    const outcomes: SetOutcome[] = [];
    for (const set of group.sets) outcomes.push(await applySet(ctx, interchange, group.code, set));
    total += outcomes.length;
    accepted += outcomes.filter((o) => o.faults.length === 0 && o.refusal === undefined).length;
    acknowledgements.push(
      await ctx.db.transaction(async (tx) => {
        const control = await nextControlNumber(tx);
        const parties: EnvelopeParties = { senderQualifier: 'ZZ', sender: identity.id, receiverQualifier: interchange.senderQualifier || 'ZZ', receiver: interchange.sender };
        return writeInterchange(parties, control, ctx.now(), { code: 'FA', control }, { code: '997', body: functionalAcknowledgement997(group, outcomes) }, interchange.separators);
      }),
    );
  }
  const status = accepted === total ? 'ACCEPTED' : accepted === 0 ? 'REJECTED' : 'PARTIALLY_ACCEPTED';
  const acknowledgement = acknowledgements.join('');
  const [stored] = await ctx.db
    .insert(ediInterchanges)
    .values({
      supplierId: organization.id,
      direction: 'INBOUND',
      controlNumber: interchange.control,
      transactionSets: interchange.groups.flatMap((g) => g.sets.map((s) => `${s.code}:${s.control}`)),
      status,
      document: text,
      acknowledgement,
      createdById: ctx.viewer.id,
      createdAt: ctx.now(),
    })
    .onConflictDoNothing()
    .returning({ id: ediInterchanges.id });
  // A twin sent at the same moment was recorded first: its answer is the answer.
  if (stored === undefined) return (await replay(ctx, organization.id, interchange.control)) ?? { ok: true, acknowledgement, status, replayed: false };
  return { ok: true, acknowledgement, status, replayed: false };
}

async function replay(ctx: ServiceContext, supplierId: string, control: string): Promise<Inbound | null> {
  const [row] = await ctx.db
    .select({ acknowledgement: ediInterchanges.acknowledgement, status: ediInterchanges.status })
    .from(ediInterchanges)
    .where(and(eq(ediInterchanges.supplierId, supplierId), eq(ediInterchanges.direction, 'INBOUND'), eq(ediInterchanges.controlNumber, control)));
  if (row === undefined) return null;
  return { ok: true, acknowledgement: row.acknowledgement ?? '', status: row.status as 'ACCEPTED' | 'PARTIALLY_ACCEPTED' | 'REJECTED', replayed: true };
}
