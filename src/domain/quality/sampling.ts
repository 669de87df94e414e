/**
 * ISO 2859-1 (= ANSI/ASQ Z1.4, MIL-STD-105E) single sampling by attributes.
 * Table 1 gives the sample size code letter from the lot size and inspection level; Table 2-A (the
 * normal-inspection master table) gives, per code letter and AQL, the acceptance and rejection
 * numbers, or an arrow: use the first plan below (↓) or above (↑) in the same column, with that
 * plan's own sample size. Tightened (Table 2-B) and reduced (Table 2-C) plans are derived from
 * Table 2-A by the construction of the standard, see tightenedCell() and reducedPlan().
 */
export const inspectionLevels = ['S1', 'S2', 'S3', 'S4', 'I', 'II', 'III'] as const;
export type InspectionLevel = (typeof inspectionLevels)[number];

export const codeLetters = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'Q', 'R'] as const;
export type CodeLetter = (typeof codeLetters)[number];

/** Tightened inspection has one more letter, S (3,150), reached by arrows at the smallest AQL. */
export type PlanLetter = CodeLetter | 'S';

export const sampleSizes: Record<PlanLetter, number> = {
  A: 2, B: 3, C: 5, D: 8, E: 13, F: 20, G: 32, H: 50, J: 80, K: 125, L: 200, M: 315, N: 500, P: 800, Q: 1250, R: 2000, S: 3150,
};

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

/**
 * Table 2-A, row per code letter A..R, one cell per preferred AQL (0.010 .. 1000):
 * "Ac/Re", "v" (use the first plan below) or "^" (use the first plan above).
 */
// biome-ignore format: the table reads as the standard prints it
const table2A: Record<CodeLetter, readonly string[]> = {
  //   0.010  0.015  0.025  0.040  0.065  0.10   0.15   0.25   0.40   0.65   1.0    1.5    2.5    4.0    6.5    10     15     25     40     65     100    150    250    400    650    1000
  A: ['v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   '0/1', 'v',   'v',   '1/2', '2/3', '3/4', '5/6', '7/8', '10/11','14/15','21/22','30/31'],
  B: ['v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   '0/1', '^',   'v',   '1/2', '2/3', '3/4', '5/6', '7/8', '10/11','14/15','21/22','30/31','44/45'],
  C: ['v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   '0/1', '^',   'v',   '1/2', '2/3', '3/4', '5/6', '7/8', '10/11','14/15','21/22','30/31','44/45','^'],
  D: ['v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   '0/1', '^',   'v',   '1/2', '2/3', '3/4', '5/6', '7/8', '10/11','14/15','21/22','30/31','44/45','^',   '^'],
  E: ['v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   '0/1', '^',   'v',   '1/2', '2/3', '3/4', '5/6', '7/8', '10/11','14/15','21/22','^',   '^',   '^',   '^',   '^'],
  F: ['v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   '0/1', '^',   'v',   '1/2', '2/3', '3/4', '5/6', '7/8', '10/11','14/15','21/22','^',   '^',   '^',   '^',   '^',   '^'],
  G: ['v',   'v',   'v',   'v',   'v',   'v',   'v',   'v',   '0/1', '^',   'v',   '1/2', '2/3', '3/4', '5/6', '7/8', '10/11','14/15','21/22','^',   '^',   '^',   '^',   '^',   '^',   '^'],
  H: ['v',   'v',   'v',   'v',   'v',   'v',   'v',   '0/1', '^',   'v',   '1/2', '2/3', '3/4', '5/6', '7/8', '10/11','14/15','21/22','^',   '^',   '^',   '^',   '^',   '^',   '^',   '^'],
  J: ['v',   'v',   'v',   'v',   'v',   'v',   '0/1', '^',   'v',   '1/2', '2/3', '3/4', '5/6', '7/8', '10/11','14/15','21/22','^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^'],
  K: ['v',   'v',   'v',   'v',   'v',   '0/1', '^',   'v',   '1/2', '2/3', '3/4', '5/6', '7/8', '10/11','14/15','21/22','^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^'],
  L: ['v',   'v',   'v',   'v',   '0/1', '^',   'v',   '1/2', '2/3', '3/4', '5/6', '7/8', '10/11','14/15','21/22','^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^'],
  M: ['v',   'v',   'v',   '0/1', '^',   'v',   '1/2', '2/3', '3/4', '5/6', '7/8', '10/11','14/15','21/22','^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^'],
  N: ['v',   'v',   '0/1', '^',   'v',   '1/2', '2/3', '3/4', '5/6', '7/8', '10/11','14/15','21/22','^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^'],
  P: ['v',   '0/1', '^',   'v',   '1/2', '2/3', '3/4', '5/6', '7/8', '10/11','14/15','21/22','^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^'],
  Q: ['0/1', '^',   'v',   '1/2', '2/3', '3/4', '5/6', '7/8', '10/11','14/15','21/22','^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^'],
  R: ['^',   '^',   '1/2', '2/3', '3/4', '5/6', '7/8', '10/11','14/15','21/22','^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^',   '^'],
};

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

/**
 * Table 2-B, tightened inspection, by its construction: in each row the tightened plan at an AQL is
 * the normal plan one AQL step smaller, with acceptance numbers from 7 up replaced by the tightened
 * series (7 -> 8, 10 -> 12, 14 -> 18, 21 -> 27, 30 -> 41; 44 has no tightened counterpart); the
 * upper-right cut-off of each row stays where it is in Table 2-A; the smallest AQL points down to
 * letter S (3,150), Ac 1, Re 2.
 */
const tightenedSeries: Record<string, string> = { '7/8': '8/9', '10/11': '12/13', '14/15': '18/19', '21/22': '27/28', '30/31': '41/42', '44/45': '^' };

function tightenedCell(row: number, column: number): string {
  if (row === codeLetters.length) return column === 0 ? '1/2' : '^';
  if (column === 0) return 'v';
  const cells = table2A[codeLetters[row]!];
  const lastPlan = cells.findLastIndex((c) => c !== 'v' && c !== '^');
  if (column > lastPlan) return '^';
  const shifted = cells[column - 1]!;
  return tightenedSeries[shifted] ?? shifted;
}

function followArrows(cellAt: (row: number) => string, startRow: number): { row: number; cell: string } {
  let row = startRow;
  let cell = cellAt(row);
  while (cell === 'v' || cell === '^') {
    row += cell === 'v' ? 1 : -1;
    cell = cellAt(row);
  }
  return { row, cell };
}

function aqlColumn(aql: number): number {
  const column = preferredAqls.findIndex((p) => Math.abs(p - aql) < 1e-9);
  if (column < 0) throw new RangeError(`aql must be one of the ISO 2859-1 preferred values: ${preferredAqls.join(', ')}.`);
  return column;
}

/**
 * The single sampling plan for a lot at a severity (normal by default); throws RangeError on a bad
 * lot size or AQL.
 *
 * Reduced inspection (ISO 2859-1:1999, Table 2-C, whose acceptance and rejection numbers follow each
 * other as in Table 2-A): the reduced plan of a code letter is the normal plan of the letter two
 * rows up (its sample is about 40% of the normal one: K 125 -> 50), arrows followed in Table 2-A.
 */
export function samplingPlan(lotSize: number, aql: number, level: InspectionLevel, severity: InspectionSeverity = 'NORMAL'): SamplingPlan {
  if (!Number.isInteger(lotSize) || lotSize < 1) throw new RangeError('lotSize must be a whole number of at least 1.');
  const column = aqlColumn(aql);
  const startRow = codeLetters.indexOf(codeLetterFor(lotSize, level));
  const normalCell = (row: number) => table2A[codeLetters[row]!][column]!;
  let letter: PlanLetter;
  let sampleLetter: PlanLetter;
  let cell: string;
  if (severity === 'TIGHTENED') {
    const found = followArrows((row) => tightenedCell(row, column), startRow);
    letter = found.row === codeLetters.length ? 'S' : codeLetters[found.row]!;
    sampleLetter = letter;
    cell = found.cell;
  } else if (severity === 'REDUCED') {
    const normalStart = Math.max(startRow - 2, 0);
    const found = followArrows(normalCell, normalStart);
    sampleLetter = codeLetters[found.row]!;
    letter = codeLetters[Math.min(Math.max(startRow + (found.row - normalStart), 0), codeLetters.length - 1)]!;
    cell = found.cell;
  } else {
    const found = followArrows(normalCell, startRow);
    letter = codeLetters[found.row]!;
    sampleLetter = letter;
    cell = found.cell;
  }
  const [accept, reject] = cell.split('/').map(Number) as [number, number];
  return {
    lotSize,
    aql: preferredAqls[column]!,
    inspectionLevel: level,
    severity,
    codeLetter: letter,
    sampleSize: Math.min(sampleSizes[sampleLetter], lotSize),
    acceptNumber: accept,
    rejectNumber: reject,
  };
}

/** The next smaller preferred AQL ("one step tighter"), or null at the smallest. */
export function tighterAql(aql: number): number | null {
  const column = aqlColumn(aql);
  return column === 0 ? null : preferredAqls[column - 1]!;
}
