import { describe, expect, it } from 'vitest';
import { functionalAcknowledgement997, purchaseOrder850, read855, read856, unitOf } from '../../src/domain/integration/edi-documents.js';
import { EnvelopeError, readInterchange, type TransactionSet, writeInterchange, writeSegments, x12Date } from '../../src/domain/integration/x12.js';

/** A transaction set from its body segments, with a right trailer unless told otherwise. */
function set(code: string, body: string[][], trailer?: string[]): TransactionSet {
  const all = [['ST', code, '0001'], ...body];
  const segments = [...all, trailer ?? ['SE', String(all.length + 1), '0001']].map((elements, i) => ({ id: elements[0]!, elements, position: i + 1 }));
  return { code, control: '0001', segments };
}

// The ship notice of the 004010 implementation guides: shipment, order, item levels.
const sample856 = [
  ['BSN', '00', '0000123', '20260504', '0930'],
  ['HL', '1', '', 'S'],
  ['TD1', 'CTN25', '2', '', '', '', 'G', '40', 'LB'],
  ['TD5', 'B', '2', 'UPSN', 'M', 'UPS Ground'],
  ['REF', 'BM', 'BOL-88'],
  ['REF', 'CN', '1Z999AA10123456784'],
  ['DTM', '011', '20260504'],
  ['DTM', '017', '20260507'],
  ['HL', '2', '1', 'O'],
  ['PRF', 'PO-2026-000001'],
  ['HL', '3', '2', 'I'],
  ['LIN', '1', 'BP', 'P-100'],
  ['SN1', '', '24', 'EA'],
  ['REF', 'LT', 'L-1'],
  ['CTT', '1'],
];

describe('X12 syntax', () => {
  it('reads the separators from ISA and the segments with their positions', () => {
    const text = writeInterchange({ senderQualifier: 'ZZ', sender: 'ACME', receiverQualifier: 'ZZ', receiver: 'BUYER' }, 42, new Date('2026-05-04T09:30:00Z'), { code: 'SH', control: 42 }, { code: '856', body: sample856 }, { element: '|', component: '^', segment: '\n' });
    const parsed = readInterchange(text);
    expect(parsed.separators).toEqual({ element: '|', component: '^', segment: '\n' });
    expect([parsed.sender, parsed.receiver, parsed.control, parsed.usage]).toEqual(['ACME', 'BUYER', '000000042', 'P']);
    const st = parsed.groups[0]!.sets[0]!;
    expect(st.segments[1]).toEqual({ id: 'BSN', elements: sample856[0], position: 2 });
    expect(st.segments.at(-1)!.elements).toEqual(['SE', String(sample856.length + 2), '0042']);
  });

  it('refuses a broken envelope, saying what is wrong', () => {
    const good = writeInterchange({ senderQualifier: 'ZZ', sender: 'ACME', receiverQualifier: 'ZZ', receiver: 'BUYER' }, 7, new Date('2026-05-04T09:30:00Z'), { code: 'PR', control: 7 }, { code: '855', body: [['BAK', '00', 'AT', 'PO-1', '20260504']] });
    const cases: [string, string][] = [
      ['GS*PR', 'An interchange starts with an ISA segment.'],
      [good.slice(0, 80), 'The ISA segment is 106 characters long.'],
      [good.replace('IEA*1*000000007~', 'IEA*1*000000008~'), 'IEA02 (000000008) is not ISA13 (000000007).'],
      [good.replace('GE*1*7~', 'GE*2*7~'), 'GE01 counts 2 transaction sets; the group holds 1.'],
      [good.replace(/SE\*.*\n/, ''), 'A transaction set without its SE segment.'],
      [good.replace('*00401*', '*00501*'), 'This server reads version 00401 (004010) interchanges; ISA12 is 00501.'],
      [good.replace('IEA*1*000000007~', ''), 'The interchange has no IEA segment.'],
    ];
    for (const [text, message] of cases) {
      expect(() => readInterchange(text), message).toThrow(EnvelopeError);
      expect(() => readInterchange(text)).toThrow(message);
    }
  });

  it('keeps separators out of data and drops trailing empty elements', () => {
    expect(writeSegments([['NTE', 'GEN', 'a*b~c', '', '']], { element: '*', component: '>', segment: '~' })).toBe('NTE*GEN*a b c~\n');
    expect(x12Date('20260229')).toBeNull();
    expect(x12Date('20280229')).toBe('2028-02-29');
    expect(x12Date('2026-05-04')).toBeNull();
  });
});

describe('850', () => {
  it('writes BEG, CUR, N1 per party and PO1, PID and DTM per line, then CTT', () => {
    const body = purchaseOrder850({
      number: 'PO-2026-000042',
      issuedAt: new Date('2026-05-04T10:00:00Z'),
      currency: 'CNY',
      company: { id: 'SCMCOMPANY', name: 'Buyer Co' },
      supplier: { code: 'SZM-001', name: 'Shenzhen Metal' },
      note: null,
      lines: [{ lineNumber: 1, quantity: '500', unit: 'pcs', unitPrice: '1.25', partNumber: 'P-100', description: 'Bracket', requestedDate: '2026-06-01' }],
    });
    expect(body).toEqual([
      ['BEG', '00', 'SA', 'PO-2026-000042', '', '20260504'],
      ['CUR', 'BY', 'CNY'],
      ['N1', 'BY', 'Buyer Co', '92', 'SCMCOMPANY'],
      ['N1', 'SE', 'Shenzhen Metal', '92', 'SZM-001'],
      ['PO1', '1', '500', 'EA', '1.25', 'PE', 'BP', 'P-100'],
      ['PID', 'F', '', '', '', 'Bracket'],
      ['DTM', '002', '20260601'],
      ['CTT', '1'],
    ]);
    expect(unitOf('kg')).toBe('KG');
    expect(unitOf('barrels')).toBe('EA');
  });
});

describe('855', () => {
  it('reads an acceptance with line quantities and dates, and a rejection with its note', () => {
    const accepted = read855(set('855', [['BAK', '00', 'AC', 'PO-1', '20260504'], ['PO1', '1', '10', 'EA'], ['ACK', 'IC', '8', 'EA', '068', '20260601'], ['PO1', '2', '5', 'EA'], ['CTT', '2']]));
    expect(accepted.ok && accepted.value.decision).toBe('accept');
    expect(accepted.ok && accepted.value.lines.map((l) => [l.lineNumber, l.quantity, l.date])).toEqual([[1, '8', '2026-06-01']]);
    const rejected = read855(set('855', [['BAK', '00', 'RD', 'PO-1', '20260504'], ['NTE', 'GEN', 'No capacity in June']]));
    expect(rejected.ok && [rejected.value.decision, rejected.value.reason]).toEqual(['reject', 'No capacity in June']);
  });

  it('names the segment and element of each fault', () => {
    const read = read855(set('855', [['BAK', '00', 'ZZ', '', '20261301'], ['PO1', '1'], ['ACK', 'IR', '0', 'EA'], ['FOO']]));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.faults.map((f) => [f.segmentId, f.position, f.segmentCode, f.element?.position, f.element?.code])).toEqual([
      ['BAK', 2, '8', 2, '7'],
      ['BAK', 2, '8', 3, '1'],
      ['BAK', 2, '8', 4, '8'],
      ['ACK', 4, '8', 1, '7'],
      ['FOO', 5, '1', undefined, undefined],
    ]);
    const trailer = read855(set('855', [['BAK', '00', 'AT', 'PO-1']], ['SE', '7', '0002']));
    expect(!trailer.ok && trailer.faults.map((f) => [f.segmentId, f.element?.position, f.element?.data])).toEqual([
      ['SE', 1, '7'],
      ['SE', 2, '0002'],
    ]);
  });
});

describe('856', () => {
  it('reads carrier, tracking, estimated arrival, order and items with lots', () => {
    const read = read856(set('856', sample856));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value).toMatchObject({ shipmentId: '0000123', orderNumber: 'PO-2026-000001', carrier: 'UPS Ground', trackingNumber: '1Z999AA10123456784', estimatedArrival: '2026-05-07T00:00:00.000Z' });
    expect(read.value.lines.map((l) => [l.lineNumber, l.partNumber, l.quantity, l.lotNumber])).toEqual([[1, 'P-100', '24', 'L-1']]);
  });

  it('refuses a second order, an item without LIN, a lot before its item, and no order at all', () => {
    const twoOrders = read856(set('856', [...sample856.slice(0, 10), ['PRF', 'PO-2']]));
    expect(!twoOrders.ok && twoOrders.faults.map((f) => [f.segmentId, f.segmentCode])).toEqual([['PRF', '2']]);
    const orphan = read856(set('856', [['BSN', '00', 'X', '20260504'], ['HL', '1', '', 'I'], ['REF', 'LT', 'L'], ['SN1', '', '1', 'EA'], ['PRF', 'PO-1']]));
    expect(!orphan.ok && orphan.faults.map((f) => [f.segmentId, f.segmentCode])).toEqual([
      ['REF', '2'],
      ['SN1', '2'],
    ]);
    const noOrder = read856(set('856', [['BSN', '00', 'X', '20260504'], ['HL', '1', '', 'I'], ['LIN', '1'], ['SN1', '', '1', 'EA']]));
    expect(!noOrder.ok && noOrder.faults.map((f) => [f.segmentId, f.segmentCode])).toEqual([['PRF', '3']]);
  });
});

describe('997', () => {
  it('acknowledges each set, with AK3 and AK4 per fault, and the group in AK9', () => {
    const good = set('856', sample856);
    const bad = { ...set('856', [['BSN', '00', 'X', '20260504']]), control: '0002' };
    const unsupported = { ...set('810', [['BIG', '20260504', 'INV-1']]), code: '810', control: '0003' };
    const body = functionalAcknowledgement997({ code: 'SH', sender: 'ACME', receiver: 'BUYER', control: '17', version: '004010', sets: [good, bad, unsupported] }, [
      { set: good, faults: [] },
      { set: bad, faults: [{ segmentId: 'SN1', position: 7, segmentCode: '8', element: { position: 2, code: '7', data: '11' }, reason: 'over' }] },
      { set: unsupported, faults: [], refusal: '1' },
    ]);
    expect(body).toEqual([
      ['AK1', 'SH', '17'],
      ['AK2', '856', '0001'],
      ['AK5', 'A'],
      ['AK2', '856', '0002'],
      ['AK3', 'SN1', '7', '', '8'],
      ['AK4', '2', '', '7', '11'],
      ['AK5', 'R', '5'],
      ['AK2', '810', '0003'],
      ['AK5', 'R', '1'],
      ['AK9', 'P', '3', '3', '1'],
    ]);
  });
});
