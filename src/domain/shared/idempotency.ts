import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { idempotencyKeys } from '../../db/schema/index.js';
import { fail, type Result } from './result.js';
import { msg } from '../../i18n/message.js';

export function requestHash(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

/**
 * Claims an idempotency key for the record about to be created (its id chosen up front), inside
 * the caller's transaction. `first` is true when this request owns the key; otherwise `resultId`
 * names what the earlier request created. A concurrent twin blocks on the key until the first
 * commits, then sees its result; if the first rolled back, the twin proceeds. The same key with
 * other input is a DUPLICATE error.
 */
export async function claimIdempotencyKey(
  tx: Tx,
  claim: { userId: string; operation: string; key: string; input: unknown; newId: string; now: Date },
): Promise<Result<{ first: boolean; resultId: string }>> {
  const hash = requestHash(claim.input);
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({ userId: claim.userId, operation: claim.operation, key: claim.key, requestHash: hash, resultId: claim.newId, createdAt: claim.now })
    .onConflictDoNothing()
    .returning({ resultId: idempotencyKeys.resultId });
  if (inserted.length === 1) return { ok: true, value: { first: true, resultId: claim.newId } };
  const [existing] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, claim.userId), eq(idempotencyKeys.operation, claim.operation), eq(idempotencyKeys.key, claim.key)));
  if (existing!.requestHash !== hash) {
    return fail('DUPLICATE', ['input', 'idempotencyKey'], msg`This idempotencyKey was used before with other input; use a new key for a new request.`);
  }
  return { ok: true, value: { first: false, resultId: existing!.resultId } };
}
