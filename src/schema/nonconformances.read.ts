import { eq, sql } from 'drizzle-orm';
import { fileListOf } from './files.read.js';
import { actorNameSql } from '../auth/actor-name.js';
import { nonconformanceConditions, nonconformanceSort, overdueCondition } from '../db/queries/nonconformances.js';
import { customers, deliveries, inspections, nonconformanceHistory, nonconformances, orders, parts, suppliers } from '../db/schema/index.js';
import { column, decimal, globalId, instant } from '../read/fields.js';
import { decodeNonconformanceFilter } from '../read/filters.js';
import { type ConnectionModel, list, object, type ReadEnv, type RootModel, type TableModel, table, value } from '../read/model.js';
import { sortOf } from '../read/sort.js';
import { deliveryModel } from './deliveries.read.js';
import type { NonconformanceFilter } from './nonconformances.js';
import { orderModel } from './orders.read.js';
import { customerModel, partModel, supplierModel } from './partners.read.js';
import { inspectionModel } from './quality.read.js';

/** Read models of nonconformances and their history (see src/read/model.ts). */

/**
 * A customer follows a nonconformance raised from its complaint by its status; the problem-solving
 * record and the notes are between us and the supplier, and the supplier stays unnamed.
 */
const notForCustomers = { visible: (env: ReadEnv) => env.viewer.organization?.type !== 'Customer' };

const historyModel = table({
  type: 'NonconformanceHistoryEntry',
  from: sql`${nonconformanceHistory}`,
  scope: () => undefined,
  fields: {
    at: instant(nonconformanceHistory.at),
    by: value((env) =>
      actorNameSql(env.viewer, { organizationId: nonconformanceHistory.byOrganizationId, name: nonconformanceHistory.byName }, { supplierId: nonconformances.supplierId, customerId: nonconformances.customerId }),
    ),
    fromStatus: column(nonconformanceHistory.fromStatus),
    toStatus: column(nonconformanceHistory.toStatus),
    note: { ...column(nonconformanceHistory.note), ...notForCustomers },
  },
});

export const nonconformanceModel: TableModel = table({
  type: 'Nonconformance',
  from: sql`${nonconformances}`,
  key: nonconformances.id,
  scope: (env) => env.scope.nonconformances,
  fields: {
    files: fileListOf('Nonconformance', nonconformances.id),
    id: globalId('Nonconformance', nonconformances.id),
    number: column(nonconformances.number),
    source: column(nonconformances.source),
    status: column(nonconformances.status),
    severity: column(nonconformances.severity),
    part: object(() => partModel, eq(parts.id, nonconformances.partId), { implied: 'the part of a visible nonconformance (scope.ts: partOfNonconformance)' }),
    supplier: object(() => supplierModel, eq(suppliers.id, nonconformances.supplierId)),
    customer: object(() => customerModel, eq(customers.id, nonconformances.customerId)),
    order: object(() => orderModel, eq(orders.id, nonconformances.orderId)),
    delivery: object(() => deliveryModel, eq(deliveries.id, nonconformances.deliveryId)),
    inspection: object(() => inspectionModel, eq(inspections.id, nonconformances.inspectionId)),
    quantityAffected: decimal(nonconformances.quantityAffected),
    description: column(nonconformances.description),
    disposition: column(nonconformances.disposition),
    responsibility: column(nonconformances.responsibility),
    containment: { ...column(nonconformances.containment), ...notForCustomers },
    rootCause: { ...column(nonconformances.rootCause), ...notForCustomers },
    correctiveAction: { ...column(nonconformances.correctiveAction), ...notForCustomers },
    preventiveAction: { ...column(nonconformances.preventiveAction), ...notForCustomers },
    verification: { ...column(nonconformances.verification), ...notForCustomers },
    containmentDueAt: instant(nonconformances.containmentDueAt),
    correctiveActionDueAt: instant(nonconformances.correctiveActionDueAt),
    // The condition the `overdue` filter uses, so that a filtered list and its rows agree.
    overdue: value((env) => overdueCondition(env.now)),
    history: list(() => historyModel, eq(nonconformanceHistory.nonconformanceId, nonconformances.id), sql`${nonconformanceHistory.at}, ${nonconformanceHistory.id}`),
    createdAt: instant(nonconformances.createdAt),
    updatedAt: instant(nonconformances.updatedAt),
  },
});

export const nonconformanceConnection: ConnectionModel = {
  type: 'NonconformanceConnection',
  node: () => nonconformanceModel,
  where: (env, args) => nonconformanceConditions(env.viewer, decodeNonconformanceFilter(args.filter as NonconformanceFilter | null), env.now),
  sort: () => sortOf(nonconformanceSort, nonconformances.id, nonconformanceSort.descending),
  backward: true,
};

export const nonconformanceRoots: Record<string, RootModel> = {
  nonconformances: { kind: 'connection', connection: () => nonconformanceConnection },
};
