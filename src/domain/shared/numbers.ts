import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { numberSequences } from '../../db/schema/index.js';

/**
 * The next human-facing number for a prefix and year, e.g. CT-2026-00042. Taken inside the
 * caller's transaction: a rolled-back write gives its number back.
 */
export async function nextNumber(tx: Tx, prefix: string, now: Date, digits = 5): Promise<string> {
  const year = now.getUTCFullYear();
  const [row] = await tx
    .insert(numberSequences)
    .values({ prefix, year, last: 1 })
    .onConflictDoUpdate({ target: [numberSequences.prefix, numberSequences.year], set: { last: sql`${numberSequences.last} + 1` } })
    .returning({ last: numberSequences.last });
  return `${prefix}-${year}-${String(row!.last).padStart(digits, '0')}`;
}
