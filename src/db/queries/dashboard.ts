import { and, count, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { deliveries, nonconformances, orders, suppliers } from '../schema/index.js';
import { lateCondition } from './deliveries.js';
import { overdueCondition } from './nonconformances.js';

// Company-wide figures, each one aggregate statement: nothing is loaded into JavaScript to be counted.

const openOrder = inArray(orders.status, ['ISSUED', 'ACKNOWLEDGED', 'PARTIALLY_DELIVERED']);
const openNonconformance = notInArray(nonconformances.status, ['CLOSED', 'CANCELLED']);

export async function openOrderCount(db: Queryable, direction: 'PURCHASE' | 'SALES'): Promise<number> {
  const [row] = await db.select({ n: count() }).from(orders).where(and(eq(orders.direction, direction), openOrder));
  return row!.n;
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
 * The suppliers with the most open purchase orders, with their open nonconformances and their
 * on-time delivery over the last 365 days: received delivery lines whose receipt was on or before
 * the line's confirmed date (else requested date), of all received delivery lines.
 */
export async function topSuppliers(db: Queryable, first: number, now: Date, timeZone: string): Promise<SupplierRankingRow[]> {
  const since = new Date(now.getTime() - 365 * 86_400_000).toISOString();
  const rows = await db.execute<{ supplier_id: string; open_orders: string | number; open_ncs: string | number; on_time: string | null }>(sql`
    with open_orders as (
      select supplier_id, count(*) as n from orders
      where direction = 'PURCHASE' and status in ('ISSUED', 'ACKNOWLEDGED', 'PARTIALLY_DELIVERED')
      group by supplier_id
    ),
    open_ncs as (
      select supplier_id, count(*) as n from nonconformances
      where supplier_id is not null and status not in ('CLOSED', 'CANCELLED')
      group by supplier_id
    ),
    ranked as (
      select s.id, s.code, coalesce(oo.n, 0) as open_orders, coalesce(nc.n, 0) as open_ncs
      from suppliers s
      left join open_orders oo on oo.supplier_id = s.id
      left join open_ncs nc on nc.supplier_id = s.id
      where s.status in ('APPROVED', 'CONDITIONAL', 'SUSPENDED')
      order by coalesce(oo.n, 0) desc, coalesce(nc.n, 0) desc, s.code
      limit ${first}
    )
    -- On-time delivery only for the suppliers ranked: a year of receipts of a few suppliers, by index.
    select r.id as supplier_id, r.open_orders, r.open_ncs,
      (select avg(case when (d.received_at at time zone ${timeZone})::date <= coalesce(ol.confirmed_date, ol.requested_date) then 1.0 else 0.0 end)
        from orders o
        join deliveries d on d.order_id = o.id
        join delivery_lines dl on dl.delivery_id = d.id
        join order_lines ol on ol.id = dl.order_line_id
        where o.supplier_id = r.id and o.direction = 'PURCHASE' and d.status = 'RECEIVED' and d.received_at >= ${since}) as on_time
    from ranked r
    order by r.open_orders desc, r.open_ncs desc, r.code`);
  const list = Array.isArray(rows) ? rows : (rows as unknown as { rows: typeof rows }).rows;
  return (list as unknown as { supplier_id: string; open_orders: string | number; open_ncs: string | number; on_time: string | null }[]).map((r) => ({
    supplierId: r.supplier_id,
    openOrderCount: Number(r.open_orders),
    openNonconformanceCount: Number(r.open_ncs),
    onTimeDeliveryRate: r.on_time === null ? null : Number(r.on_time),
  }));
}

