import { count, notInArray, sql } from 'drizzle-orm';
import { executeRows, type Queryable } from '../client.js';
import { deliveries, nonconformances, orderCounts, suppliers } from '../schema/index.js';
import { openOrderStatuses } from '../../domain/orders/lifecycle.js';
import { lateCondition } from './deliveries.js';
import { overdueCondition } from './nonconformances.js';

// Company-wide figures, each one aggregate statement: nothing is loaded into JavaScript to be counted.

export const openNonconformance = notInArray(nonconformances.status, ['CLOSED', 'CANCELLED']);

/** The domain's open order statuses as SQL literals: constants, so the statement text stays the same. */
const OPEN_STATUSES = sql.raw(openOrderStatuses.map((status) => `'${status}'`).join(', '));

/** Orders issued and not yet fully delivered, in one direction: a sum over the partners' counts. */
export const openOrderCountOf = (direction: 'PURCHASE' | 'SALES') =>
  sql`(select coalesce(sum(${orderCounts.orders}), 0)::int from ${orderCounts} where ${orderCounts.direction} = ${sql.raw(`'${direction}'`)} and ${orderCounts.status} in (${OPEN_STATUSES}))`;

export async function openOrderCount(db: Queryable, direction: 'PURCHASE' | 'SALES'): Promise<number> {
  const [row] = await executeRows<{ n: number }>(db, sql`select ${openOrderCountOf(direction)} as n`);
  return Number(row!.n);
}

export async function lateDeliveryCount(db: Queryable, now: Date): Promise<number> {
  const [row] = await db.select({ n: count() }).from(deliveries).where(lateCondition(now));
  return row!.n;
}

export async function openNonconformancesBySeverity(db: Queryable): Promise<{ key: string; count: number }[]> {
  const rows = await db.select({ key: nonconformances.severity, n: count() }).from(nonconformances).where(openNonconformance).groupBy(nonconformances.severity);
  const counts = new Map(rows.map((r) => [r.key, r.n]));
  return (['CRITICAL', 'MAJOR', 'MINOR'] as const).map((key) => ({ key, count: counts.get(key) ?? 0 }));
}

export async function overdueNonconformanceCount(db: Queryable, now: Date): Promise<number> {
  const [row] = await db.select({ n: count() }).from(nonconformances).where(overdueCondition(now));
  return row!.n;
}

/** Suppliers per grade of their latest evaluation; UNGRADED before the first. Disqualified ones do not count. */
export async function suppliersByGrade(db: Queryable): Promise<{ key: string; count: number }[]> {
  const rows = await db
    .select({ key: sql<string>`coalesce(${suppliers.grade}::text, 'UNGRADED')`, n: count() })
    .from(suppliers)
    .where(sql`${suppliers.status} <> 'DISQUALIFIED'`)
    .groupBy(sql`1`);
  const counts = new Map(rows.map((r) => [r.key, r.n]));
  return ['A', 'B', 'C', 'D', 'UNGRADED'].map((key) => ({ key, count: counts.get(key) ?? 0 }));
}

export interface SupplierRankingRow {
  supplierId: string;
  openOrderCount: number;
  onTimeDeliveryRate: number | null;
  openNonconformanceCount: number;
}

/**
 * Suppliers that can receive orders, with their open purchase orders and open nonconformances, as a
 * FROM item named `ranking`; rankingOrder puts those with the most open orders first.
 */
export const supplierRanking = sql`(
  select s.id as supplier_id, s.code, coalesce(oo.n, 0)::int as open_orders, coalesce(nc.n, 0)::int as open_ncs
  from suppliers s
  left join (select partner_id, sum(orders) as n from order_counts where direction = 'PURCHASE' and status in (${OPEN_STATUSES}) group by partner_id) oo on oo.partner_id = s.id
  left join (select supplier_id, count(*) as n from nonconformances where supplier_id is not null and status not in ('CLOSED', 'CANCELLED') group by supplier_id) nc on nc.supplier_id = s.id
  where s.status in ('APPROVED', 'CONDITIONAL', 'SUSPENDED')
) as ranking`;

export const rankingOrder = sql`ranking.open_orders desc, ranking.open_ncs desc, ranking.code`;

/**
 * A ranked supplier's on-time delivery over the last 365 days: received delivery lines whose receipt
 * was on or before the line's confirmed date (else requested date), of all received delivery lines;
 * only for the suppliers ranked, a year of their receipts by index.
 */
export function rankedOnTime(now: Date, timeZone: string) {
  return sql`(select avg(case when (d.received_at at time zone ${timeZone})::date <= coalesce(ol.confirmed_date, ol.requested_date) then 1.0 else 0.0 end)::float8
    from orders o
    join deliveries d on d.order_id = o.id
    join delivery_lines dl on dl.delivery_id = d.id
    join order_lines ol on ol.id = dl.order_line_id
    where o.supplier_id = ranking.supplier_id and o.direction = 'PURCHASE' and d.status = 'RECEIVED' and d.received_at >= ${now.toISOString()}::timestamptz - interval '365 days')`;
}

/** The suppliers with the most open purchase orders, with their open nonconformances and on-time delivery. */
export async function topSuppliers(db: Queryable, first: number, now: Date, timeZone: string): Promise<SupplierRankingRow[]> {
  const rows = await executeRows<{ supplier_id: string; open_orders: number; open_ncs: number; on_time: number | null }>(
    db,
    sql`select ranking.supplier_id, ranking.open_orders, ranking.open_ncs, ${rankedOnTime(now, timeZone)} as on_time from ${supplierRanking} order by ${rankingOrder} limit ${first}`,
  );
  return rows.map((r) => ({
    supplierId: r.supplier_id,
    openOrderCount: Number(r.open_orders),
    openNonconformanceCount: Number(r.open_ncs),
    onTimeDeliveryRate: r.on_time === null ? null : Number(r.on_time),
  }));
}
