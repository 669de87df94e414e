import { normalSampleSizes, reducedSampleSizes, type MasterTable, table2A, table2B, table2C } from './sampling-tables.js';
import { msg } from '../../i18n/message.js';

/**
 * ISO 2859-1:1999 single sampling by attributes. Table 1 gives the sample size code letter from the
 * lot size and inspection level; the master table of the severity (2-A normal, 2-B tightened, 2-C
 * reduced, in sampling-tables.ts) gives, per code letter and AQL, the acceptance and rejection
 * numbers, or an arrow: use the first plan below or above in the same column, with that plan's own
 * code letter and sample size.
 */
export const inspectionLevels = ['S1', 'S2', 'S3', 'S4', 'I', 'II', 'III'] as const;
export type InspectionLevel = (typeof inspectionLevels)[number];

export const codeLetters = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'Q', 'R'] as const;
export type CodeLetter = (typeof codeLetters)[number];

/** Tightened inspection has one more letter, S (3,150), reached by arrows at the smallest AQL. */
export type PlanLetter = CodeLetter | 'S';

export const inspectionSeverities = ['NORMAL', 'TIGHTENED', 'REDUCED'] as const;
export type InspectionSeverity = (typeof inspectionSeverities)[number];

/** The preferred AQL values, in percent nonconforming (up to 10) or nonconformities per 100 items. */
export const preferredAqls = [0.01, 0.015, 0.025, 0.04, 0.065, 0.1, 0.15, 0.25, 0.4, 0.65, 1, 1.5, 2.5, 4, 6.5, 10, 15, 25, 40, 65, 100, 150, 250, 400, 650, 1000] as const;

/** Table 1: upper lot-size bound of each row, and the code letter per level S1 S2 S3 S4 I II III. */
const table1: readonly [number, string][] = [
  [8, 'AAAAAAB'],
  [15, 'AAAAABC'],
  [25, 'AABBBCD'],
  [50, 'ABBCCDE'],
  [90, 'BBCCCEF'],
  [150, 'BBCDDFG'],
  [280, 'BCDEEGH'],
  [500, 'BCDEFHJ'],
  [1200, 'CCEFGJK'],
  [3200, 'CDEGHKL'],
  [10000, 'CDFGJLM'],
  [35000, 'CDFHKMN'],
  [150000, 'DEGJLNP'],
  [500000, 'DEGJMPQ'],
  [Number.POSITIVE_INFINITY, 'DEHKNQR'],
];

export function codeLetterFor(lotSize: number, level: InspectionLevel): CodeLetter {
  const row = table1.find(([upTo]) => lotSize <= upTo)!;
  return row[1][inspectionLevels.indexOf(level)] as CodeLetter;
}

export interface SamplingPlan {
  lotSize: number;
  aql: number;
  inspectionLevel: InspectionLevel;
  severity: InspectionSeverity;
  /** Code letter of the plan used (after following the table's arrows). */
  codeLetter: PlanLetter;
  /** Items to inspect; the whole lot when the plan's sample would not be smaller than the lot. */
  sampleSize: number;
  acceptNumber: number;
  rejectNumber: number;
}

export function isPreferredAql(aql: number): boolean {
  return preferredAqls.some((p) => Math.abs(p - aql) < 1e-9);
}

const masterTables: Record<InspectionSeverity, { table: MasterTable; rows: readonly PlanLetter[]; sampleSizes: Partial<Record<PlanLetter, number>> }> = {
  NORMAL: { table: table2A, rows: codeLetters, sampleSizes: normalSampleSizes },
  TIGHTENED: { table: table2B, rows: [...codeLetters, 'S'], sampleSizes: normalSampleSizes },
  REDUCED: { table: table2C, rows: codeLetters, sampleSizes: reducedSampleSizes },
};

function aqlColumn(aql: number): number {
  const column = preferredAqls.findIndex((p) => Math.abs(p - aql) < 1e-9);
  if (column < 0) throw new RangeError(msg`aql must be one of the ISO 2859-1 preferred values: ${preferredAqls.join(', ')}.`);
  return column;
}

/**
 * The single sampling plan for a lot at a severity (normal by default), the arrows of the severity's
 * master table followed; every item is inspected when the plan's sample is not smaller than the lot.
 * Throws RangeError on a bad lot size or AQL.
 */
export function samplingPlan(lotSize: number, aql: number, level: InspectionLevel, severity: InspectionSeverity = 'NORMAL'): SamplingPlan {
  if (!Number.isInteger(lotSize) || lotSize < 1) throw new RangeError(msg`lotSize must be a whole number of at least 1.`);
  const column = aqlColumn(aql);
  const { table, rows, sampleSizes } = masterTables[severity];
  let row = rows.indexOf(codeLetterFor(lotSize, level));
  let cell = table[rows[row]!]![column]!;
  while (cell === 'v' || cell === '^') {
    row += cell === 'v' ? 1 : -1;
    cell = table[rows[row]!]![column]!;
  }
  const letter = rows[row]!;
  const [accept, reject] = cell.split('/').map(Number) as [number, number];
  return {
    lotSize,
    aql: preferredAqls[column]!,
    inspectionLevel: level,
    severity,
    codeLetter: letter,
    sampleSize: Math.min(sampleSizes[letter]!, lotSize),
    acceptNumber: accept,
    rejectNumber: reject,
  };
}

/** The next smaller preferred AQL ("one step tighter"), or null at the smallest. */
export function tighterAql(aql: number): number | null {
  const column = aqlColumn(aql);
  return column === 0 ? null : preferredAqls[column - 1]!;
}
