import { sql } from 'drizzle-orm';
import { index, integer, numeric, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, instant, timestamps } from './columns.js';
import { deliveries } from './deliveries.js';
import { orders } from './orders.js';
import { customers, parts, suppliers } from './partners.js';

export const nonconformanceSource = pgEnum('nonconformance_source', ['INCOMING_INSPECTION', 'IN_PROCESS', 'FINAL_INSPECTION', 'CUSTOMER_COMPLAINT', 'SUPPLIER_AUDIT']);
export const nonconformanceStatus = pgEnum('nonconformance_status', ['OPEN', 'CONTAINED', 'ROOT_CAUSE_IDENTIFIED', 'CORRECTIVE_ACTION', 'VERIFICATION', 'CLOSED', 'CANCELLED']);
export const severity = pgEnum('severity', ['MINOR', 'MAJOR', 'CRITICAL']);
export const disposition = pgEnum('disposition', ['USE_AS_IS', 'REWORK', 'RETURN_TO_SUPPLIER', 'SCRAP']);
export const responsibility = pgEnum('responsibility', ['UNDETERMINED', 'SUPPLIER', 'INTERNAL', 'LOGISTICS', 'DESIGN']);

export const nonconformances = pgTable(
  'nonconformances',
  {
    id: id(),
    number: text('number').notNull(),
    source: nonconformanceSource('source').notNull(),
    status: nonconformanceStatus('status').notNull().default('OPEN'),
    severity: severity('severity').notNull(),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    supplierId: uuid('supplier_id').references(() => suppliers.id),
    customerId: uuid('customer_id').references(() => customers.id),
    orderId: uuid('order_id').references(() => orders.id),
    deliveryId: uuid('delivery_id').references(() => deliveries.id),
    /** The rejected incoming inspection that opened it, if any. */
    inspectionId: uuid('inspection_id'),
    quantityAffected: numeric('quantity_affected', { precision: 24, scale: 6 }).notNull(),
    description: text('description').notNull(),
    disposition: disposition('disposition'),
    responsibility: responsibility('responsibility').notNull().default('UNDETERMINED'),
    containment: text('containment'),
    rootCause: text('root_cause'),
    correctiveAction: text('corrective_action'),
    preventiveAction: text('preventive_action'),
    verification: text('verification'),
    containmentDueAt: instant('containment_due_at'),
    correctiveActionDueAt: instant('corrective_action_due_at'),
    /** When the containment step, and the corrective-action step, were reached: overdue is measured against them. */
    containedAt: instant('contained_at'),
    correctiveActionAt: instant('corrective_action_at'),
    version: integer('version').notNull().default(1),
    reportedById: text('reported_by_id').notNull(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('nonconformances_number_key').on(t.number),
    // A partner's nonconformances in their page's order (newest first): read in order, stopped at the page.
    index('nonconformances_supplier_idx').on(t.supplierId, t.createdAt, t.id),
    index('nonconformances_customer_idx').on(t.customerId, t.createdAt, t.id),
    index('nonconformances_created_at_idx').on(t.createdAt, t.id),
    index('nonconformances_updated_at_idx').on(t.updatedAt, t.id),
    // Open nonconformances by due date and by severity: the dashboard's overdue and open counts.
    index('nonconformances_open_containment_idx').on(t.containmentDueAt).where(sql`${t.containedAt} is null and ${t.status} not in ('CLOSED', 'CANCELLED')`),
    index('nonconformances_open_corrective_idx').on(t.correctiveActionDueAt).where(sql`${t.correctiveActionAt} is null and ${t.status} not in ('CLOSED', 'CANCELLED')`),
    index('nonconformances_open_severity_idx').on(t.severity).where(sql`${t.status} not in ('CLOSED', 'CANCELLED')`),
  ],
);

export const nonconformanceHistory = pgTable(
  'nonconformance_history',
  {
    id: id(),
    nonconformanceId: uuid('nonconformance_id')
      .notNull()
      .references(() => nonconformances.id),
    at: instant('at').notNull(),
    byName: text('by_name').notNull(),
    /** The partner organisation of the user who made the change; null for staff. */
    byOrganizationId: uuid('by_organization_id'),
    fromStatus: nonconformanceStatus('from_status'),
    toStatus: nonconformanceStatus('to_status').notNull(),
    note: text('note'),
  },
  (t) => [index('nonconformance_history_nc_idx').on(t.nonconformanceId, t.at)],
);

export type NonconformanceRow = typeof nonconformances.$inferSelect;
export type NonconformanceHistoryRow = typeof nonconformanceHistory.$inferSelect;
