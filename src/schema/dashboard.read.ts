import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { permissions } from '../auth/permissions.js';
import { openNonconformance, openOrderCountOf, rankedOnTime, rankingOrder, supplierRanking } from '../db/queries/dashboard.js';
import { lateCondition } from '../db/queries/deliveries.js';
import { overdueFeedbackCondition } from '../db/queries/feedback.js';
import { overdueInvoice } from '../db/queries/invoices.js';
import { overdueCondition } from '../db/queries/nonconformances.js';
import { contracts, contractVersions, customerFeedback, deliveries, invoices, nonconformances, suppliers } from '../db/schema/index.js';
import { addDays } from '../domain/shared/dates.js';
import { column } from '../read/fields.js';
import { type Args, inlineModel, list, object, type RootModel, table, value } from '../read/model.js';
import { contractModel } from './contracts.read.js';
import { certificateModel } from './certificates.read.js';
import { needsRenewal } from '../db/queries/certificates.js';
import { capacityOverloadModel, overloadOrder } from './capability.read.js';
import { certificates } from '../db/schema/index.js';
import { supplierModel } from './partners.read.js';
import { msg } from '../i18n/message.js';

/** Read model of the staff dashboard: company-wide figures, each an aggregate over indexes (see src/read/model.ts). */

/** The window a dashboard list may ask for, as the resolver checks it. */
export const MAX_EXPIRY_WINDOW_DAYS = 3650;
export const MAX_EXPIRING = 500;
export const MAX_TOP_SUPPLIERS = 100;

function checked(args: Args, name: string, max: number): number {
  const n = args[name] as number;
  if (n < 0 || n > max) throw new GraphQLError(msg`${name} must be between 0 and ${max}; got ${n}.`, { extensions: { code: 'BAD_USER_INPUT', argument: name } });
  return n;
}

/** Counts per key, every key listed (a key with nothing counts 0). */
function countsBy(name: string, keys: readonly string[], count: (key: ReturnType<typeof sql>) => ReturnType<typeof sql>) {
  const rows = sql.raw(keys.map((key, i) => `('${key}', ${i})`).join(', '));
  const key = sql.raw(`${name}.key`);
  return table({
    type: 'CountByKey',
    from: sql`(values ${rows}) as ${sql.raw(name)}(key, position)`,
    scope: () => undefined,
    fields: { key: column(key), count: value(sql`(${count(key)})::int`) },
  });
}

const bySeverity = countsBy('severity_key', ['CRITICAL', 'MAJOR', 'MINOR'], (key) => sql`select count(*) from ${nonconformances} where ${nonconformances.severity} = ${key}::severity and ${openNonconformance}`);
// Disqualified suppliers do not count; UNGRADED before the first evaluation.
const byGrade = countsBy('grade_key', ['A', 'B', 'C', 'D', 'UNGRADED'], (key) => sql`select count(*) from ${suppliers} where coalesce(${suppliers.grade}::text, 'UNGRADED') = ${key} and ${suppliers.status} <> 'DISQUALIFIED'`);

const rankingModel = table({
  type: 'SupplierRanking',
  from: supplierRanking,
  scope: () => undefined,
  fields: {
    supplier: object(() => supplierModel, sql`${suppliers.id} = ranking.supplier_id`),
    openOrderCount: column(sql`ranking.open_orders`),
    onTimeDeliveryRate: value((env) => rankedOnTime(env.now, env.timeZone)),
    openNonconformanceCount: column(sql`ranking.open_ncs`),
  },
});

const count = (from: ReturnType<typeof sql>) => sql`(select count(*)::int from ${from})`;

const dashboardModel = inlineModel('Dashboard', {
  openPurchaseOrders: value(openOrderCountOf('PURCHASE')),
  openSalesOrders: value(openOrderCountOf('SALES')),
  lateDeliveries: value((env) => count(sql`${deliveries} where ${lateCondition(env.now)}`)),
  openNonconformancesBySeverity: list(() => bySeverity, sql`true`, sql`severity_key.position`),
  overdueNonconformances: value((env) => count(sql`${nonconformances} where ${overdueCondition(env.now)}`)),
  overduePayables: value((env) => count(sql`${invoices} where ${overdueInvoice(env.today)}`)),
  overdueFeedback: value((env) => count(sql`${customerFeedback} where ${overdueFeedbackCondition(env.now)}`)),
  suppliersByGrade: list(() => byGrade, sql`true`, sql`grade_key.position`),
  topSuppliers: list(() => rankingModel, sql`true`, rankingOrder, { limit: (args) => checked(args, 'first', MAX_TOP_SUPPLIERS) }),
  capacityOverloads: list(() => capacityOverloadModel, sql`true`, overloadOrder, { limit: MAX_EXPIRING }),
  certificatesNeedingRenewal: list(
    () => certificateModel,
    (env, args) => needsRenewal(env.today, addDays(env.today, checked(args, 'days', MAX_EXPIRY_WINDOW_DAYS))),
    sql`${certificates.validTo}, ${certificates.id}`,
    { limit: MAX_EXPIRING },
  ),
  contractsExpiringWithin: list(
    () => contractModel,
    (env, args) => and(eq(contracts.status, 'ACTIVE'), gte(contractVersions.effectiveTo, env.today), lte(contractVersions.effectiveTo, addDays(env.today, checked(args, 'days', MAX_EXPIRY_WINDOW_DAYS))))!,
    sql`${contractVersions.effectiveTo}, ${contracts.number}`,
    { limit: MAX_EXPIRING },
  ),
});

export const dashboardRoots: Record<string, RootModel> = {
  dashboard: { kind: 'inline', target: () => dashboardModel, roles: permissions.viewDashboard },
};
