import { sql } from 'drizzle-orm';
import type { ScorecardFigures } from '../../domain/performance/scorecard.js';
import { executeRows, type Queryable } from '../client.js';

interface ScorecardRow {
  supplier_id: string;
  on_time_rate: number | string | null;
  fill_rate: number | string | null;
  ppm: number | string | null;
  lot_acceptance: number | string | null;
  ncs: number | string;
}

/**
 * Scorecard figures of many suppliers for one period [from, to] (calendar dates in the company's
 * time zone), in one statement:
 * - on-time delivery: received delivery lines whose receipt date is on or before the line's
 *   confirmed date (else its requested date), of all delivery lines received in the period;
 * - order fill: quantity received of quantity ordered (as confirmed), for purchase lines due
 *   (confirmed, else requested date) in the period and by `today`: a line not yet due is not unfilled;
 * - quality ppm: quantity of rejected lots per million of all decided lots inspected in the period;
 * - lot acceptance: accepted lots of all decided lots inspected in the period;
 * - nonconformances reported in the period (cancelled ones do not count).
 */
export async function scorecardFigures(db: Queryable, supplierIds: readonly string[], from: string, to: string, timeZone: string, today: string): Promise<Map<string, ScorecardFigures>> {
  const ids = sql`array[${sql.join(supplierIds.map((id) => sql`${id}::uuid`), sql`, `)}]`;
  const day = (column: string) => sql.raw(`(${column} at time zone '${timeZone.replace(/'/g, "''")}')::date`);
  const rows = await executeRows<ScorecardRow>(db, sql`
    with s as (select unnest(${ids}) as supplier_id),
    receipts as (
      select o.supplier_id, count(*) as n,
        sum(case when ${day('d.received_at')} <= coalesce(ol.confirmed_date, ol.requested_date) then 1 else 0 end) as on_time
      from deliveries d join delivery_lines dl on dl.delivery_id = d.id join order_lines ol on ol.id = dl.order_line_id join orders o on o.id = d.order_id
      where o.supplier_id = any(${ids}) and d.status = 'RECEIVED' and ${day('d.received_at')} between ${from}::date and ${to}::date
      group by o.supplier_id
    ),
    fill as (
      select o.supplier_id, sum(ol.delivered_quantity) as received, sum(coalesce(ol.confirmed_quantity, ol.quantity)) as ordered
      from order_lines ol join orders o on o.id = ol.order_id
      where o.supplier_id = any(${ids}) and o.direction = 'PURCHASE' and o.status not in ('DRAFT', 'CANCELLED', 'REJECTED')
        and coalesce(ol.confirmed_date, ol.requested_date) between ${from}::date and least(${to}::date, ${today}::date)
      group by o.supplier_id
    ),
    lots as (
      select supplier_id, count(*) as decided, sum(case when result = 'ACCEPTED' then 1 else 0 end) as accepted,
        sum(received_quantity) as inspected, sum(case when result = 'REJECTED' then received_quantity else 0 end) as rejected
      from inspections
      where supplier_id = any(${ids}) and result <> 'PENDING' and ${day('inspected_at')} between ${from}::date and ${to}::date
      group by supplier_id
    ),
    ncs as (
      select supplier_id, count(*) as n from nonconformances
      where supplier_id = any(${ids}) and status <> 'CANCELLED' and ${day('created_at')} between ${from}::date and ${to}::date
      group by supplier_id
    )
    select s.supplier_id,
      (r.on_time::float8 / nullif(r.n, 0)) as on_time_rate,
      (f.received::float8 / nullif(f.ordered, 0)) as fill_rate,
      (l.rejected::float8 * 1000000 / nullif(l.inspected, 0)) as ppm,
      (l.accepted::float8 / nullif(l.decided, 0)) as lot_acceptance,
      coalesce(n.n, 0) as ncs
    from s left join receipts r on r.supplier_id = s.supplier_id left join fill f on f.supplier_id = s.supplier_id
      left join lots l on l.supplier_id = s.supplier_id left join ncs n on n.supplier_id = s.supplier_id`);
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  return new Map(
    rows.map((r) => [r.supplier_id, { onTimeDeliveryRate: num(r.on_time_rate), orderFillRate: num(r.fill_rate), qualityPpm: num(r.ppm), lotAcceptanceRate: num(r.lot_acceptance), nonconformanceCount: Number(r.ncs) }]),
  );
}
