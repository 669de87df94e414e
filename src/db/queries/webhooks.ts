import { and, count, eq } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer.js';
import type { Queryable } from '../client.js';
import { visibility } from '../scope.js';
import { keysetPage, type Page, type PageArgs } from '../pagination.js';
import { type WebhookDeliveryRow, type WebhookEndpointRow, webhookDeliveries, webhookEndpoints } from '../schema/index.js';

export function listWebhookEndpoints(db: Queryable, viewer: Viewer, args: PageArgs): Promise<Page<WebhookEndpointRow>> {
  // A partner's users list their organisation's endpoints; staff every one (src/db/scope.ts).
  const where = visibility(viewer).webhookEndpoints;
  return keysetPage<WebhookEndpointRow>({
    args,
    sort: { name: 'created', expression: webhookEndpoints.createdAt, cast: 'timestamptz', value: (r) => r.createdAt.toISOString(), descending: false },
    idColumn: webhookEndpoints.id,
    id: (r) => r.id,
    fetch: (cursor, orderBy, limit) =>
      db
        .select()
        .from(webhookEndpoints)
        .where(and(where, cursor))
        .orderBy(...orderBy)
        .limit(limit),
    count: async () => (await db.select({ n: count() }).from(webhookEndpoints).where(where))[0]!.n,
  });
}

/** An endpoint's delivery log, newest first. */
export function listWebhookDeliveries(db: Queryable, endpointId: string, args: PageArgs): Promise<Page<WebhookDeliveryRow>> {
  const where = eq(webhookDeliveries.endpointId, endpointId);
  return keysetPage<WebhookDeliveryRow>({
    args,
    sort: { name: 'created', expression: webhookDeliveries.createdAt, cast: 'timestamptz', value: (r) => r.createdAt.toISOString(), descending: true },
    idColumn: webhookDeliveries.id,
    id: (r) => r.id,
    fetch: (cursor, orderBy, limit) =>
      db
        .select()
        .from(webhookDeliveries)
        .where(and(where, cursor))
        .orderBy(...orderBy)
        .limit(limit),
    count: async () => (await db.select({ n: count() }).from(webhookDeliveries).where(where))[0]!.n,
  });
}
