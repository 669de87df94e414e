import { date, doublePrecision, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, instant, timestamps } from './columns.js';
import { nonconformances, severity } from './nonconformances.js';
import { customers } from './partners.js';

export const feedbackKind = pgEnum('feedback_kind', ['COMPLAINT', 'SUGGESTION', 'PRAISE', 'INQUIRY']);
export const feedbackStatus = pgEnum('feedback_status', ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED']);

/** A piece of customer feedback, its service deadlines and how it was handled. */
export const customerFeedback = pgTable(
  'customer_feedback',
  {
    id: id(),
    number: text('number').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: feedbackKind('kind').notNull(),
    /** How it reached us: PORTAL when the customer recorded it, else what staff noted (phone, e-mail, visit). */
    channel: text('channel'),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    severity: severity('severity'),
    status: feedbackStatus('status').notNull().default('RECEIVED'),
    receivedAt: instant('received_at').notNull(),
    acknowledgeBy: instant('acknowledge_by').notNull(),
    acknowledgedAt: instant('acknowledged_at'),
    resolveBy: instant('resolve_by').notNull(),
    resolvedAt: instant('resolved_at'),
    resolution: text('resolution'),
    closedAt: instant('closed_at'),
    satisfactionRating: integer('satisfaction_rating'),
    /** The nonconformance opened for a complaint: the trace to its cause and, through it, to a supplier. */
    nonconformanceId: uuid('nonconformance_id').references(() => nonconformances.id),
    recordedById: text('recorded_by_id').notNull(),
    version: integer('version').notNull().default(1),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('customer_feedback_number_key').on(t.number),
    index('customer_feedback_customer_idx').on(t.customerId, t.receivedAt, t.id),
    index('customer_feedback_received_idx').on(t.receivedAt, t.id),
    index('customer_feedback_created_at_idx').on(t.createdAt, t.id),
    index('customer_feedback_updated_at_idx').on(t.updatedAt, t.id),
    index('customer_feedback_open_idx').on(t.status, t.resolveBy),
  ],
);

export interface SatisfactionScoreValue {
  dimension: string;
  score: number;
}

/** A customer's satisfaction over a period, per dimension (1..5), with the overall score. */
export const satisfactionSurveys = pgTable(
  'satisfaction_surveys',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    scores: jsonb('scores').$type<SatisfactionScoreValue[]>().notNull(),
    overall: doublePrecision('overall').notNull(),
    comments: text('comments'),
    submittedAt: instant('submitted_at').notNull(),
    submittedById: text('submitted_by_id').notNull(),
  },
  (t) => [index('satisfaction_surveys_customer_idx').on(t.customerId, t.periodFrom)],
);

export type CustomerFeedbackRow = typeof customerFeedback.$inferSelect;
export type SatisfactionSurveyRow = typeof satisfactionSurveys.$inferSelect;
