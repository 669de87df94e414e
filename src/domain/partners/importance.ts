/** Importance of a part, and so of what a supplier supplies: I key, II important, III general. */
export const importanceClasses = ['I', 'II', 'III'] as const;
export type ImportanceClass = (typeof importanceClasses)[number];

const rank: Record<ImportanceClass, number> = { I: 0, II: 1, III: 2 };

/** A supplier's importance is the most important class among the parts it is designated for. */
export function importanceClassOf(partClasses: readonly ImportanceClass[]): ImportanceClass | null {
  let best: ImportanceClass | null = null;
  for (const c of partClasses) if (best === null || rank[c] < rank[best]) best = c;
  return best;
}
