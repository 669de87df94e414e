import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInterchange } from '../src/domain/integration/x12.js';
import { acknowledgedOrder, M, mutate, parts, supplierWithUser, tomorrow } from './support/orders.js';
import { type Actor, startServer, TestClock, type TestServer } from './support/server.js';

/**
 * X12 004010 over HTTP: the 850 of an issued purchase order, and 855s and 856s from the supplier
 * applied through the same rules as GraphQL, each answered with a 997 that names the segment and
 * element at fault; an interchange control number is applied once.
 */
let server: TestServer;
let admin: Actor;
let buyer: Actor;
let a: Awaited<ReturnType<typeof supplierWithUser>>;
let b: Awaited<ReturnType<typeof supplierWithUser>>;
let partNumbers: string[];
let partIds: string[];
let control = 100;

const ORDER = 'query($id: ID!) { node(id: $id) { ... on Order { id number status version lines { id lineNumber quantity confirmedQuantity confirmedDate } deliveries { number carrier trackingNumber estimatedArrival lines { quantity lotNumber orderLine { lineNumber } } } } } }';

/** An interchange as a supplier's translator writes it: ISA/GS/ST … SE/GE/IEA, '*' and '~'. */
function interchange(sender: string, groupCode: string, sets: { code: string; body: string[][] }[], options: { control?: number; receiver?: string; trailerCount?: number } = {}): string {
  const isaControl = String(options.control ?? ++control).padStart(9, '0');
  const isa = `ISA*00*          *00*          *ZZ*${sender.padEnd(15)}*ZZ*${(options.receiver ?? 'SCMCOMPANY').padEnd(15)}*260504*1200*U*00401*${isaControl}*0*P*>~`;
  const lines = [isa, `GS*${groupCode}*${sender}*SCMCOMPANY*20260504*1200*${Number(isaControl)}*X*004010~`];
  sets.forEach((set, i) => {
    const st = String(i + 1).padStart(4, '0');
    const segments = [['ST', set.code, st], ...set.body];
    for (const s of segments) lines.push(`${s.join('*')}~`);
    lines.push(`SE*${options.trailerCount ?? segments.length + 1}*${st}~`);
  });
  lines.push(`GE*${sets.length}*${Number(isaControl)}~`, `IEA*1*${isaControl}~`);
  return lines.join('\n');
}

async function send(actor: Actor | null, text: string) {
  const response = await fetch(new URL('/edi/inbound', server.url), { method: 'POST', headers: { 'content-type': 'application/edi-x12', ...(actor ? { authorization: `Bearer ${actor.token}` } : {}) }, body: text });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** The 997's AK segments, as arrays of elements. */
function acknowledgement(text: string): string[][] {
  const parsed = readInterchange(text);
  expect(parsed.groups).toHaveLength(1);
  expect(parsed.groups[0]!.code).toBe('FA');
  const set = parsed.groups[0]!.sets[0]!;
  expect(set.code).toBe('997');
  return set.segments.slice(1, -1).map((s) => s.elements);
}

async function order(actor: Actor, id: string) {
  return (await actor.data(ORDER, { id })).node;
}

async function issuedOrder(quantities: string[]) {
  const created = await mutate(server, buyer, M.createOrder, {
    direction: 'PURCHASE',
    partnerId: a.supplier.id,
    currency: 'EUR',
    lines: quantities.map((quantity, i) => ({ partId: partIds[i]!, quantity, unitPrice: '2.50', requestedDate: tomorrow(server, 10 + i) })),
  });
  const issued = await mutate(server, buyer, M.issueOrder, { id: created.order.id });
  expect(issued.errors).toEqual([]);
  return issued.order as { id: string; number: string; lines: { id: string; lineNumber: number }[] };
}

beforeAll(async () => {
  server = await startServer({ clock: new TestClock(new Date('2026-05-04T08:00:00.000Z')) });
  admin = await server.as({ roles: ['ADMIN'] });
  buyer = await server.as({ roles: ['BUYER'] });
  a = await supplierWithUser(server, admin);
  b = await supplierWithUser(server, admin);
  const made = await parts(admin);
  partIds = made.map((p) => p.id);
  partNumbers = made.map((p) => p.partNumber);
}, 60_000);
afterAll(() => server.stop());

describe('X12 850', () => {
  it('gives an issued purchase order as an 850 to its supplier and staff, and to nobody else', async () => {
    const po = await issuedOrder(['100', '40']);
    const response = await fetch(new URL(`/edi/orders/${po.id}/850`, server.url), { headers: { authorization: `Bearer ${a.user.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/edi-x12; charset=utf-8');
    const parsed = readInterchange(await response.text());
    expect(parsed.sender).toBe('SCMCOMPANY');
    expect(parsed.receiver).toBe(a.supplier.code);
    const set = parsed.groups[0]!.sets[0]!;
    expect(parsed.groups[0]!.code).toBe('PO');
    expect(set.code).toBe('850');
    const body = set.segments.map((s) => s.elements);
    expect(body[1]).toEqual(['BEG', '00', 'SA', po.number, '', '20260504']);
    expect(body.filter((s) => s[0] === 'PO1')).toEqual([
      ['PO1', '1', '100', 'EA', '2.5', 'PE', 'BP', partNumbers[0]],
      ['PO1', '2', '40', 'EA', '2.5', 'PE', 'BP', partNumbers[1]],
    ]);
    expect(body.filter((s) => s[0] === 'DTM').map((s) => s[2])).toEqual([tomorrow(server, 10).replace(/-/g, ''), tomorrow(server, 11).replace(/-/g, '')]);
    expect(body.at(-2)).toEqual(['CTT', '2']);
    expect(body.at(-1)).toEqual(['SE', String(set.segments.length), set.control]);
    // Staff may fetch it; the other supplier, a customer and an anonymous caller may not.
    expect((await fetch(new URL(`/edi/orders/${po.id}/850`, server.url), { headers: { authorization: `Bearer ${buyer.token}` } })).status).toBe(200);
    expect((await fetch(new URL(`/edi/orders/${po.id}/850`, server.url), { headers: { authorization: `Bearer ${b.user.token}` } })).status).toBe(404);
    expect((await fetch(new URL(`/edi/orders/${po.id}/850`, server.url))).status).toBe(401);
    // A draft has no 850.
    const draft = await mutate(server, buyer, M.createOrder, { direction: 'PURCHASE', partnerId: a.supplier.id, currency: 'EUR', lines: [{ partId: partIds[0], quantity: '1', unitPrice: '1', requestedDate: tomorrow(server, 5) }] });
    expect((await fetch(new URL(`/edi/orders/${draft.order.id}/850`, server.url), { headers: { authorization: `Bearer ${buyer.token}` } })).status).toBe(409);
  });
});

describe('X12 855 and 856 in, 997 out', () => {
  it('applies an 855 with changed quantities and dates as acknowledgeOrder, and answers 997 accepted', async () => {
    const po = await issuedOrder(['100', '40']);
    const text = interchange(a.supplier.code, 'PR', [
      {
        code: '855',
        body: [
          ['BAK', '00', 'AC', po.number, '20260504'],
          ['PO1', '1', '100', 'EA', '2.5', '', 'BP', partNumbers[0]!],
          ['ACK', 'IA', '100', 'EA', '068', '20260520'],
          ['PO1', '2', '40', 'EA', '2.5', '', 'BP', partNumbers[1]!],
          ['ACK', 'IQ', '30', 'EA', '068', '20260525'],
          ['CTT', '2'],
        ],
      },
    ]);
    const response = await send(a.user, text);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-edi-status')).toBe('ACCEPTED');
    expect(acknowledgement(response.text)).toEqual([['AK1', 'PR', String(control)], ['AK2', '855', '0001'], ['AK5', 'A'], ['AK9', 'A', '1', '1', '1']]);
    const after = await order(a.user, po.id);
    expect(after.status).toBe('ACKNOWLEDGED');
    expect(after.lines.map((l: { confirmedQuantity: string; confirmedDate: string }) => [l.confirmedQuantity, l.confirmedDate])).toEqual([
      ['100', '2026-05-20'],
      ['30', '2026-05-25'],
    ]);
    // The same interchange again: the same 997, nothing applied twice.
    const again = await send(a.user, text);
    expect(again.text).toBe(response.text);
    expect(again.headers.get('x-edi-replayed')).toBe('true');
    expect((await order(a.user, po.id)).version).toBe(after.version);
  });

  it('applies an 855 rejection as rejectOrder with the note as the reason', async () => {
    const po = await issuedOrder(['10']);
    const response = await send(a.user, interchange(a.supplier.code, 'PR', [{ code: '855', body: [['BAK', '00', 'RJ', po.number, '20260504'], ['NTE', 'GEN', 'Tooling not available']] }]));
    expect(acknowledgement(response.text).at(-2)).toEqual(['AK5', 'A']);
    const after = await a.user.data('query($id: ID!) { node(id: $id) { ... on Order { status } } }', { id: po.id });
    expect(after.node.status).toBe('REJECTED');
  });

  it('applies an 856 as createDelivery with carrier, tracking and lots', async () => {
    const po = await acknowledgedOrder(server, buyer, a.supplier, a.user, partIds, ['100', '40']);
    const response = await send(
      a.user,
      interchange(a.supplier.code, 'SH', [
        {
          code: '856',
          body: [
            ['BSN', '00', 'SHP-0001', '20260504', '1200'],
            ['HL', '1', '', 'S'],
            ['TD1', 'CTN25', '4'],
            ['TD5', 'B', '2', 'DHLC', 'M', 'DHL Freight'],
            ['REF', 'CN', '1Z999AA10123456784'],
            ['DTM', '011', '20260504'],
            ['DTM', '017', '20260508'],
            ['HL', '2', '1', 'O'],
            ['PRF', po.number],
            ['HL', '3', '2', 'I'],
            ['LIN', '1', 'BP', partNumbers[0]!],
            ['SN1', '', '60', 'EA'],
            ['REF', 'LT', 'LOT-2026-05-A'],
            ['HL', '4', '2', 'I'],
            ['LIN', '2', 'BP', partNumbers[1]!],
            ['SN1', '', '40', 'EA'],
            ['CTT', '2'],
          ],
        },
      ]),
    );
    expect(response.status).toBe(200);
    expect(acknowledgement(response.text).slice(1)).toEqual([['AK2', '856', '0001'], ['AK5', 'A'], ['AK9', 'A', '1', '1', '1']]);
    const after = await order(a.user, po.id);
    expect(after.deliveries).toHaveLength(1);
    expect(after.deliveries[0]).toMatchObject({ carrier: 'DHL Freight', trackingNumber: '1Z999AA10123456784', estimatedArrival: '2026-05-08T00:00:00.000Z' });
    expect(after.deliveries[0].lines.map((l: { quantity: string; lotNumber: string | null; orderLine: { lineNumber: number } }) => [l.orderLine.lineNumber, l.quantity, l.lotNumber])).toEqual([
      [1, '60', 'LOT-2026-05-A'],
      [2, '40', null],
    ]);
  });

  it('rejects malformed and refused sets in the 997, naming segment and element, and writes nothing for them', async () => {
    const po = await acknowledgedOrder(server, buyer, a.supplier, a.user, partIds, ['10', '5']);
    const otherPo = await acknowledgedOrder(server, buyer, b.supplier, b.user, [partIds[0]!], ['3']);
    const sets = [
      // 1: more than is open on line 1 (a rule of createDelivery): SN1 element 2.
      { code: '856', body: [['BSN', '00', 'S-1', '20260504'], ['HL', '1', '', 'S'], ['HL', '2', '1', 'O'], ['PRF', po.number], ['HL', '3', '2', 'I'], ['LIN', '1', 'BP', partNumbers[0]!], ['SN1', '', '11', 'EA']] },
      // 2: a bad date in DTM02.
      { code: '856', body: [['BSN', '00', 'S-2', '20260504'], ['DTM', '017', '20261340'], ['HL', '2', '1', 'O'], ['PRF', po.number], ['HL', '3', '2', 'I'], ['LIN', '1', 'BP', partNumbers[0]!], ['SN1', '', '1', 'EA']] },
      // 3: another supplier's order: not found for this supplier (PRF01).
      { code: '856', body: [['BSN', '00', 'S-3', '20260504'], ['HL', '2', '1', 'O'], ['PRF', otherPo.number], ['HL', '3', '2', 'I'], ['LIN', '1', 'BP', partNumbers[0]!], ['SN1', '', '1', 'EA']] },
      // 4: a line the order does not have (LIN01), and a quantity that is not a number (SN102).
      { code: '856', body: [['BSN', '00', 'S-4', '20260504'], ['HL', '2', '1', 'O'], ['PRF', po.number], ['HL', '3', '2', 'I'], ['LIN', '9', 'BP', partNumbers[0]!], ['SN1', '', 'ten', 'EA']] },
      // 5: no BSN at all.
      { code: '856', body: [['HL', '1', '', 'S'], ['PRF', po.number]] },
      // 6: a segment an 856 does not have.
      { code: '856', body: [['BSN', '00', 'S-6', '20260504'], ['HL', '2', '1', 'O'], ['PRF', po.number], ['XYZ', '1'], ['HL', '3', '2', 'I'], ['LIN', '1', 'BP', partNumbers[0]!], ['SN1', '', '1', 'EA']] },
      // 7: a set this server does not take (an 810 invoice).
      { code: '810', body: [['BIG', '20260504', 'INV-1']] },
      // 8: valid: ships 2 of line 2.
      { code: '856', body: [['BSN', '00', 'S-8', '20260504'], ['HL', '2', '1', 'O'], ['PRF', po.number], ['HL', '3', '2', 'I'], ['LIN', '2', 'BP', partNumbers[1]!], ['SN1', '', '2', 'EA']] },
    ];
    const response = await send(a.user, interchange(a.supplier.code, 'SH', sets));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-edi-status')).toBe('PARTIALLY_ACCEPTED');
    const ak = acknowledgement(response.text);
    const bySet = new Map<string, string[][]>();
    let current = '';
    for (const s of ak) {
      if (s[0] === 'AK2') current = s[2]!;
      else if (current !== '' && s[0] !== 'AK9') bySet.set(current, [...(bySet.get(current) ?? []), s]);
    }
    expect(bySet.get('0001')).toEqual([['AK3', 'SN1', '8', '', '8'], ['AK4', '2', '', '7', '11'], ['AK5', 'R', '5']]);
    expect(bySet.get('0002')).toEqual([['AK3', 'DTM', '3', '', '8'], ['AK4', '2', '', '8', '20261340'], ['AK5', 'R', '5']]);
    expect(bySet.get('0003')).toEqual([['AK3', 'PRF', '4', '', '8'], ['AK4', '1', '', '7', otherPo.number], ['AK5', 'R', '5']]);
    expect(bySet.get('0004')).toEqual([['AK3', 'SN1', '7', '', '8'], ['AK4', '2', '', '6', 'ten'], ['AK5', 'R', '5']]);
    expect(bySet.get('0005')).toEqual([['AK3', 'BSN', '2', '', '3'], ['AK5', 'R', '5']]);
    expect(bySet.get('0006')).toEqual([['AK3', 'XYZ', '5', '', '1'], ['AK5', 'R', '5']]);
    expect(bySet.get('0007')).toEqual([['AK5', 'R', '1']]);
    expect(bySet.get('0008')).toEqual([['AK5', 'A']]);
    expect(ak.at(-1)).toEqual(['AK9', 'P', '8', '8', '1']);
    // Only the valid set wrote: one delivery of 2 on line 2; the other supplier's order untouched.
    const after = await order(a.user, po.id);
    expect(after.deliveries.map((d: { lines: { quantity: string; orderLine: { lineNumber: number } }[] }) => d.lines.map((l) => [l.orderLine.lineNumber, l.quantity]))).toEqual([[[2, '2']]]);
    expect((await order(b.user, otherPo.id)).deliveries).toEqual([]);
  });

  it('checks the trailer counts and the envelope, and who sends', async () => {
    const po = await issuedOrder(['10']);
    const wrongCount = await send(a.user, interchange(a.supplier.code, 'PR', [{ code: '855', body: [['BAK', '00', 'AT', po.number, '20260504']] }], { trailerCount: 9 }));
    expect(acknowledgement(wrongCount.text).slice(2)).toEqual([['AK3', 'SE', '3', '', '8'], ['AK4', '1', '', '7', '9'], ['AK5', 'R', '5'], ['AK9', 'R', '1', '1', '0']]);
    expect((await order(a.user, po.id)).status).toBe('ISSUED');

    // Envelope faults: no 997 can be made; the answer names the fault.
    const truncated = interchange(a.supplier.code, 'PR', [{ code: '855', body: [['BAK', '00', 'AT', po.number]] }]).replace(/IEA\*.*$/, '');
    const noIea = await send(a.user, truncated);
    expect(noIea.status).toBe(400);
    expect(JSON.parse(noIea.text).errors[0].message).toBe('The interchange has no IEA segment.');
    expect((await send(a.user, 'hello')).status).toBe(400);
    const wrongVersion = interchange(a.supplier.code, 'PR', [{ code: '855', body: [['BAK', '00', 'AT', po.number]] }]).replace('*00401*', '*00501*');
    expect(JSON.parse((await send(a.user, wrongVersion)).text).errors[0].message).toContain('00401');
    // Sending as another supplier, to another receiver, or as staff or nobody is refused.
    expect((await send(a.user, interchange(b.supplier.code, 'PR', [{ code: '855', body: [['BAK', '00', 'AT', po.number]] }]))).status).toBe(403);
    expect((await send(a.user, interchange(a.supplier.code, 'PR', [{ code: '855', body: [['BAK', '00', 'AT', po.number]] }], { receiver: 'ELSEWHERE' }))).status).toBe(400);
    expect((await send(buyer, interchange(a.supplier.code, 'PR', [{ code: '855', body: [['BAK', '00', 'AT', po.number]] }]))).status).toBe(403);
    expect((await send(null, interchange(a.supplier.code, 'PR', [{ code: '855', body: [['BAK', '00', 'AT', po.number]] }]))).status).toBe(401);
    // The other supplier cannot acknowledge this supplier's order by its number.
    const rival = await send(b.user, interchange(b.supplier.code, 'PR', [{ code: '855', body: [['BAK', '00', 'AT', po.number, '20260504']] }]));
    expect(acknowledgement(rival.text).slice(2, 4)).toEqual([['AK3', 'BAK', '2', '', '8'], ['AK4', '3', '', '7', po.number]]);
    expect((await order(a.user, po.id)).status).toBe('ISSUED');
  });
});
