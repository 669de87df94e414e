import type { Viewer } from '../../auth/viewer.js';
import type { Tx } from '../../db/client.js';
import { sql } from 'drizzle-orm';
import { activity } from '../../db/schema/index.js';
import { ACTIVITY_CHANNEL } from '../../realtime/channel.js';

export interface ActivityEntry {
  /** e.g. SUPPLIER_STATUS_CHANGED */
  kind: string;
  subjectType: string;
  subjectId: string;
  /** The partner organisations the change concerns; their users may see the entry. */
  supplierId?: string | null;
  customerId?: string | null;
  orderId?: string | null;
  detailId?: string | null;
  /** False for internal steps the partner must not learn of (a contract's draft and review). */
  partnerVisible?: boolean;
  summary: string;
}

/** Writes the audit row of a change, in the change's own transaction. */
export async function recordActivity(tx: Tx, viewer: Viewer, now: Date, entry: ActivityEntry): Promise<void> {
  await tx.insert(activity).values({
    occurredAt: now,
    actorId: viewer.id,
    actorName: viewer.name,
    actorOrganizationId: viewer.organization?.id ?? null,
    kind: entry.kind,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    supplierId: entry.supplierId ?? null,
    customerId: entry.customerId ?? null,
    orderId: entry.orderId ?? null,
    detailId: entry.detailId ?? null,
    partnerVisible: entry.partnerVisible ?? true,
    summary: entry.summary,
  });
  // A wake-up for every server instance's activity hub; PostgreSQL sends it only if this commits.
  await tx.execute(sql`select pg_notify(${ACTIVITY_CHANNEL}, '')`);
}
