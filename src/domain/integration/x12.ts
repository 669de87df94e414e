import { type Message, msg } from '../../i18n/message.js';

/**
 * ANSI X12 syntax (version 004010): an interchange read into segments with their positions, and
 * segments written back. The separators are the ones the ISA segment declares: the element separator
 * is its 4th character, the component separator its 16th element, the segment terminator the
 * character after it (ISA is fixed-length: 106 characters). Pure: no I/O.
 */

export interface Segment {
  /** The segment id, e.g. "PO1". */
  id: string;
  /** Its elements, 1-based as X12 counts them: elements[0] is the id. */
  elements: string[];
  /** Position in its transaction set, counting ST as 1 (what AK3 reports); 0 outside one. */
  position: number;
}

export interface TransactionSet {
  /** ST01, e.g. "855". */
  code: string;
  /** ST02: the transaction set control number. */
  control: string;
  /** Every segment from ST to SE, both included. */
  segments: Segment[];
}

export interface FunctionalGroup {
  /** GS01, e.g. "PR" (855) or "SH" (856). */
  code: string;
  sender: string;
  receiver: string;
  /** GS06. */
  control: string;
  version: string;
  sets: TransactionSet[];
}

export interface Interchange {
  separators: Separators;
  senderQualifier: string;
  sender: string;
  receiverQualifier: string;
  receiver: string;
  /** ISA13. */
  control: string;
  usage: 'P' | 'T';
  groups: FunctionalGroup[];
}

export interface Separators {
  element: string;
  component: string;
  segment: string;
}

/** Where an interchange is wrong in its envelope: nothing in it can be acknowledged by transaction set. */
export class EnvelopeError extends Error {
  declare message: Message;

  constructor(message: Message) {
    super(message);
  }
}

export const ISA_LENGTH = 106;

/** Reads an interchange. Envelope faults throw EnvelopeError; faults inside a set are the mapping's to report. */
export function readInterchange(text: string): Interchange {
  const start = text.replace(/^[\s\uFEFF]+/, '');
  if (!start.startsWith('ISA')) throw new EnvelopeError(msg`An interchange starts with an ISA segment.`);
  if (start.length < ISA_LENGTH) throw new EnvelopeError(msg`The ISA segment is 106 characters long.`);
  const element = start[3]!;
  const segment = start[ISA_LENGTH - 1]!;
  const isa = start.slice(0, ISA_LENGTH - 1).split(element);
  if (isa.length !== 17) throw new EnvelopeError(msg`The ISA segment has 16 elements.`);
  const component = isa[16]!;
  if (/[A-Za-z0-9 ]/.test(element + segment + component) || new Set([element, segment, component]).size !== 3) {
    throw new EnvelopeError(msg`The ISA separators must be three different special characters.`);
  }
  const separators = { element, component, segment };
  if (isa[12] !== '00401') throw new EnvelopeError(msg`This server reads version 00401 (004010) interchanges; ISA12 is ${isa[12]}.`);
  if (!/^\d{9}$/.test(isa[13]!)) throw new EnvelopeError(msg`ISA13, the interchange control number, has nine digits.`);
  const usage = isa[15] === 'T' ? 'T' : isa[15] === 'P' ? 'P' : null;
  if (usage === null) throw new EnvelopeError(msg`ISA15 is P (production) or T (test).`);
  const rest = start
    .slice(ISA_LENGTH)
    .split(segment)
    .map((s) => s.replace(/^[\r\n]+/, ''))
    .filter((s) => s !== '');
  const interchange: Interchange = {
    separators,
    senderQualifier: isa[5]!.trim(),
    sender: isa[6]!.trim(),
    receiverQualifier: isa[7]!.trim(),
    receiver: isa[8]!.trim(),
    control: isa[13]!,
    usage,
    groups: [],
  };
  let group: FunctionalGroup | null = null;
  let set: TransactionSet | null = null;
  let ended = false;
  for (const raw of rest) {
    const elements = raw.split(element);
    const id = elements[0]!;
    if (ended) throw new EnvelopeError(msg`Nothing may follow the IEA segment.`);
    if (set !== null) {
      set.segments.push({ id, elements, position: set.segments.length + 1 });
      if (id === 'SE') set = null;
      continue;
    }
    switch (id) {
      case 'GS':
        if (group !== null) throw new EnvelopeError(msg`A GS segment before the previous group ended (GE).`);
        group = { code: elements[1] ?? '', sender: elements[2] ?? '', receiver: elements[3] ?? '', control: elements[6] ?? '', version: elements[8] ?? '', sets: [] };
        break;
      case 'ST':
        if (group === null) throw new EnvelopeError(msg`An ST segment outside a functional group (GS).`);
        set = { code: elements[1] ?? '', control: elements[2] ?? '', segments: [{ id, elements, position: 1 }] };
        group.sets.push(set);
        break;
      case 'GE':
        if (group === null) throw new EnvelopeError(msg`A GE segment without its GS.`);
        if (elements[2] !== group.control) throw new EnvelopeError(msg`GE02 (${elements[2]}) is not the group's control number ${group.control}.`);
        if (Number(elements[1]) !== group.sets.length) throw new EnvelopeError(msg`GE01 counts ${elements[1]} transaction sets; the group holds ${group.sets.length}.`);
        interchange.groups.push(group);
        group = null;
        break;
      case 'IEA':
        if (group !== null) throw new EnvelopeError(msg`The interchange ended (IEA) inside a functional group.`);
        if (elements[2] !== interchange.control) throw new EnvelopeError(msg`IEA02 (${elements[2]}) is not ISA13 (${interchange.control}).`);
        if (Number(elements[1]) !== interchange.groups.length) throw new EnvelopeError(msg`IEA01 counts ${elements[1]} functional groups; the interchange holds ${interchange.groups.length}.`);
        ended = true;
        break;
      default:
        throw new EnvelopeError(msg`A ${id} segment outside a transaction set.`);
    }
  }
  if (set !== null) throw new EnvelopeError(msg`A transaction set without its SE segment.`);
  if (!ended) throw new EnvelopeError(msg`The interchange has no IEA segment.`);
  return interchange;
}

/** X12 forbids the separators inside data: they are replaced by a space when written. */
function clean(value: string, separators: Separators): string {
  let out = value;
  for (const s of [separators.element, separators.segment, separators.component]) out = out.split(s).join(' ');
  return out;
}

/** Writes segments (id first), without trailing empty elements, each ended by the terminator and a line break. */
export function writeSegments(segments: readonly (readonly string[])[], separators: Separators): string {
  return segments
    .map((elements) => {
      const values = elements.map((e) => clean(e, separators));
      while (values.length > 1 && values[values.length - 1] === '') values.pop();
      return `${values.join(separators.element)}${separators.segment}\n`;
    })
    .join('');
}

export const DEFAULT_SEPARATORS: Separators = { element: '*', component: '>', segment: '~' };

const pad = (value: string, length: number) => value.slice(0, length).padEnd(length, ' ');

export interface EnvelopeParties {
  senderQualifier: string;
  sender: string;
  receiverQualifier: string;
  receiver: string;
}

/**
 * An interchange of one functional group of one transaction set: ISA, GS, the set's segments between
 * ST and SE (counted in SE01), GE, IEA.
 */
export function writeInterchange(
  parties: EnvelopeParties,
  control: number,
  at: Date,
  group: { code: string; control: number },
  set: { code: string; body: readonly (readonly string[])[] },
  separators: Separators = DEFAULT_SEPARATORS,
): string {
  const yymmdd = at.toISOString().slice(2, 10).replace(/-/g, '');
  const ccyymmdd = at.toISOString().slice(0, 10).replace(/-/g, '');
  const hhmm = at.toISOString().slice(11, 16).replace(':', '');
  const isaControl = String(control).padStart(9, '0');
  const isa = [
    'ISA',
    '00',
    pad('', 10),
    '00',
    pad('', 10),
    pad(parties.senderQualifier, 2),
    pad(parties.sender, 15),
    pad(parties.receiverQualifier, 2),
    pad(parties.receiver, 15),
    yymmdd,
    hhmm,
    'U',
    '00401',
    isaControl,
    '0',
    'P',
    separators.component,
  ];
  const setControl = String(group.control).padStart(4, '0');
  const body = [['ST', set.code, setControl], ...set.body];
  const segments = [
    ['GS', group.code, parties.sender, parties.receiver, ccyymmdd, hhmm, String(group.control), 'X', '004010'],
    ...body,
    ['SE', String(body.length + 1), setControl],
    ['GE', '1', String(group.control)],
    ['IEA', '1', isaControl],
  ];
  return `${isa.join(separators.element)}${separators.segment}\n${writeSegments(segments, separators)}`;
}

/** CCYYMMDD as YYYY-MM-DD, or null when it is not a calendar date. */
export function x12Date(value: string | undefined): string | null {
  if (value === undefined || !/^\d{8}$/.test(value)) return null;
  const iso = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** YYYY-MM-DD as CCYYMMDD. */
export const toX12Date = (date: string): string => date.replace(/-/g, '');
