import { bigint, boolean, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { currentTransactionId, instant, xid8 } from './columns.js';

/**
 * The audit trail and the source of every subscription: one row per recorded change, written in
 * the same transaction as the change. supplier_id / customer_id name the partner organisation the
 * change concerns, which is what partner users may see.
 */
export const activity = pgTable(
  'activity',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    txId: xid8('tx_id').notNull().default(currentTransactionId),
    occurredAt: instant('occurred_at').notNull().defaultNow(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    /** The partner organisation the actor belongs to; null for staff. Partners see other partners' users unnamed. */
    actorOrganizationId: uuid('actor_organization_id'),
    kind: text('kind').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    supplierId: uuid('supplier_id'),
    customerId: uuid('customer_id'),
    /** The order a change concerns (orders, change requests, deliveries), for subscriptions. */
    orderId: uuid('order_id'),
    /** The record the change produced, e.g. the delivery event or the change request. */
    detailId: uuid('detail_id'),
    /** False for internal steps (a contract's draft and review) that the partner must not see. */
    partnerVisible: boolean('partner_visible').notNull().default(true),
    summary: text('summary').notNull(),
  },
  (t) => [
    index('activity_subject_idx').on(t.subjectId, t.id),
    index('activity_feed_idx').on(t.txId, t.id),
    // A partner's feed in its order (transaction, then id), so that a page reads its own rows and
    // stops: the scope's equality and the horizon are the index's conditions, not a filter and a sort
    // of everything the partner ever had.
    index('activity_supplier_feed_idx').on(t.supplierId, t.txId, t.id),
    index('activity_customer_feed_idx').on(t.customerId, t.txId, t.id),
    // A customer's timeline, newest entry first (src/db/queries/timeline.ts).
    index('activity_customer_idx').on(t.customerId, t.id),
    index('activity_order_idx').on(t.orderId, t.id),
  ],
);

export type ActivityRow = typeof activity.$inferSelect;
export type NewActivityRow = typeof activity.$inferInsert;
