import { eq, sql } from 'drizzle-orm';
import { fileListOf } from './files.read.js';
import { feedbackConditions, feedbackSort, overdueFeedbackCondition } from '../db/queries/feedback.js';
import { customerFeedback, customers, nonconformances } from '../db/schema/index.js';
import { column, globalId, instant } from '../read/fields.js';
import { decodeFeedbackFilter } from '../read/filters.js';
import { type ConnectionModel, object, type RootModel, type TableModel, table, value } from '../read/model.js';
import { sortOf } from '../read/sort.js';
import type { FeedbackFilter } from './feedback.js';
import { nonconformanceModel } from './nonconformances.read.js';
import { customerModel } from './partners.read.js';

/** Read model of customer feedback (see src/read/model.ts). */

export const feedbackModel: TableModel = table({
  type: 'CustomerFeedback',
  from: sql`${customerFeedback}`,
  key: customerFeedback.id,
  scope: (env) => env.scope.customerFeedback,
  fields: {
    files: fileListOf('CustomerFeedback', customerFeedback.id),
    id: globalId('CustomerFeedback', customerFeedback.id),
    number: column(customerFeedback.number),
    customer: object(() => customerModel, eq(customers.id, customerFeedback.customerId)),
    kind: column(customerFeedback.kind),
    channel: column(customerFeedback.channel),
    subject: column(customerFeedback.subject),
    description: column(customerFeedback.description),
    severity: column(customerFeedback.severity),
    status: column(customerFeedback.status),
    receivedAt: instant(customerFeedback.receivedAt),
    acknowledgeBy: instant(customerFeedback.acknowledgeBy),
    acknowledgedAt: instant(customerFeedback.acknowledgedAt),
    resolveBy: instant(customerFeedback.resolveBy),
    resolvedAt: instant(customerFeedback.resolvedAt),
    resolution: column(customerFeedback.resolution),
    satisfactionRating: column(customerFeedback.satisfactionRating),
    nonconformance: object(() => nonconformanceModel, eq(nonconformances.id, customerFeedback.nonconformanceId)),
    // The condition the `overdue` filter uses, so that a filtered list and its rows agree.
    overdue: value((env) => overdueFeedbackCondition(env.now)),
  },
});

export const feedbackConnection: ConnectionModel = {
  type: 'CustomerFeedbackConnection',
  node: () => feedbackModel,
  where: (env, args) => feedbackConditions(env.viewer, decodeFeedbackFilter(args.filter as FeedbackFilter | null), env.now),
  sort: () => sortOf(feedbackSort, customerFeedback.id, feedbackSort.descending),
  backward: true,
};

export const feedbackRoots: Record<string, RootModel> = {
  customerFeedback: { kind: 'connection', connection: () => feedbackConnection },
};
