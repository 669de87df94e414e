import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { activity } from './activity.js';
import { currentTransactionId, id, instant, timestamps, xid8 } from './columns.js';
import { customers, suppliers } from './partners.js';

/**
 * Where events go: an HTTPS (or, where configuration allows, HTTP) endpoint of the company (no
 * organisation) or of one partner organisation, which receives what that owner's subscriptions could
 * see. The secret signs every delivery (Standard Webhooks); it is shown once, when registered.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: id(),
    supplierId: uuid('supplier_id').references(() => suppliers.id),
    customerId: uuid('customer_id').references(() => customers.id),
    url: text('url').notNull(),
    /** Activity kinds wanted; empty for every kind. */
    eventKinds: text('event_kinds').array().notNull().default(sql`'{}'::text[]`),
    secret: text('secret').notNull(),
    /** A GraphQL subscription document that shapes the payload (Saleor style); null for the activity entry. */
    query: text('query'),
    active: boolean('active').notNull().default(true),
    /** Why the server turned it off (failing for too long); null when the owner did, or it is on. */
    disabledReason: text('disabled_reason'),
    /** When deliveries started failing without a success since; null while they succeed. */
    failingSince: instant('failing_since'),
    /** Events of transactions after this one are delivered: nothing from before registration. */
    createdTxId: xid8('created_tx_id').notNull().default(currentTransactionId),
    createdById: text('created_by_id').notNull(),
    version: integer('version').notNull().default(1),
    ...timestamps(),
  },
  (t) => [index('webhook_endpoints_supplier_idx').on(t.supplierId, t.createdAt, t.id), index('webhook_endpoints_customer_idx').on(t.customerId, t.createdAt, t.id), index('webhook_endpoints_created_at_idx').on(t.createdAt, t.id)],
);

/**
 * One event for one endpoint: pending until the endpoint answers 2xx. Events of one subject go out in
 * activity order (tx_id, activity_id), one at a time; the delivery log is these rows.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: id(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id),
    activityId: bigint('activity_id', { mode: 'number' })
      .notNull()
      .references(() => activity.id),
    txId: xid8('tx_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    kind: text('kind').notNull(),
    status: text('status', { enum: ['PENDING', 'DELIVERED'] })
      .notNull()
      .default('PENDING'),
    attempts: integer('attempts').notNull().default(0),
    lastAttemptAt: instant('last_attempt_at'),
    /** After a failed attempt: not before this (exponential back-off). */
    nextAttemptAt: instant('next_attempt_at'),
    lastStatusCode: integer('last_status_code'),
    lastLatencyMs: integer('last_latency_ms'),
    /** The first bytes of the endpoint's last answer, or why it could not be reached. */
    lastResponse: text('last_response'),
    deliveredAt: instant('delivered_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_key').on(t.endpointId, t.activityId),
    index('webhook_deliveries_log_idx').on(t.endpointId, t.createdAt, t.id),
    index('webhook_deliveries_pending_idx').on(t.endpointId, t.subjectId, t.txId, t.activityId).where(sql`status = 'PENDING'`),
  ],
);

/** How far the activity log has been turned into deliveries: one row, locked by the instance that dispatches. */
export const webhookDispatch = pgTable('webhook_dispatch', {
  singleton: boolean('singleton').primaryKey().default(true),
  txId: xid8('tx_id').notNull(),
  activityId: bigint('activity_id', { mode: 'number' }).notNull(),
});

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
