import { type SQL, sql } from 'drizzle-orm';
import type { ScorecardFigures } from '../../domain/performance/scorecard.js';
import { executeRows, type Queryable } from '../client.js';

export interface ScorecardPeriod {
  /** Calendar dates in the company's time zone, both included. */
  from: string;
  to: string;
  timeZone: string;
  /** Today in that time zone: order lines due after it are not yet unfilled. */
  today: string;
}

/**
 * A supplier's scorecard figures for one period as a JSON object (the fields of ScorecardFigures),
 * each read through the supplier's own rows by index, so that a page of scorecards costs the same
 * whatever the size of the tables:
 * - on-time delivery: received delivery lines whose receipt date is on or before the line's
 *   confirmed date (else its requested date), of all delivery lines received in the period;
 * - order fill: quantity received of quantity ordered (as confirmed), for purchase lines due
 *   (confirmed, else requested date) in the period and by `today`: a line not yet due is not unfilled;
 * - quality ppm: quantity of rejected lots per million of all decided lots inspected in the period;
 * - lot acceptance: accepted lots of all decided lots inspected in the period;
 * - on-time payment (the buyer's own punctuality toward the supplier): invoices due in the period
 *   and by `today` (disputed ones aside) that were paid in full on or before their due date;
 * - nonconformances reported in the period (cancelled ones do not count).
 * One definition, used by the scorecard read (src/schema/partners.read.ts), the loaders and evaluations.
 */
export function scorecardFiguresOf(supplierId: SQL, period: ScorecardPeriod): SQL {
  const { from, to, timeZone, today } = period;
  const day = (column: SQL) => sql`(${column} at time zone ${timeZone})::date`;
  const inPeriod = (column: SQL) => sql`${day(column)} between ${from}::date and ${to}::date`;
  const lots = sql`from inspections i where i.supplier_id = ${supplierId} and i.result <> 'PENDING' and ${inPeriod(sql`i.inspected_at`)}`;
  return sql`json_build_object(
    'onTimeDeliveryRate', (
      select sum(case when ${day(sql`d.received_at`)} <= coalesce(ol.confirmed_date, ol.requested_date) then 1 else 0 end)::float8 / nullif(count(*), 0)
      from orders o join deliveries d on d.order_id = o.id join delivery_lines dl on dl.delivery_id = d.id join order_lines ol on ol.id = dl.order_line_id
      where o.supplier_id = ${supplierId} and d.status = 'RECEIVED' and ${inPeriod(sql`d.received_at`)}),
    'orderFillRate', (
      select sum(ol.delivered_quantity)::float8 / nullif(sum(coalesce(ol.confirmed_quantity, ol.quantity)), 0)
      from orders o join order_lines ol on ol.order_id = o.id
      where o.supplier_id = ${supplierId} and o.direction = 'PURCHASE' and o.status not in ('DRAFT', 'CANCELLED', 'REJECTED')
        and coalesce(ol.confirmed_date, ol.requested_date) between ${from}::date and least(${to}::date, ${today}::date)),
    'qualityPpm', (select sum(case when i.result = 'REJECTED' then i.received_quantity else 0 end)::float8 * 1000000 / nullif(sum(i.received_quantity), 0) ${lots}),
    'lotAcceptanceRate', (select sum(case when i.result = 'ACCEPTED' then 1 else 0 end)::float8 / nullif(count(*), 0) ${lots}),
    'onTimePaymentRate', (
      select sum(case when iv.status = 'PAID' and iv.paid_on <= iv.due_date then 1 else 0 end)::float8 / nullif(count(*), 0)
      from invoices iv
      where iv.supplier_id = ${supplierId} and iv.status <> 'DISPUTED' and iv.due_date between ${from}::date and least(${to}::date, ${today}::date)),
    'nonconformanceCount', (
      select count(*) from nonconformances n
      where n.supplier_id = ${supplierId} and n.status <> 'CANCELLED' and ${inPeriod(sql`n.created_at`)})
  )`;
}

/** Scorecard figures of many suppliers for one period, in one statement. */
export async function scorecardFigures(db: Queryable, supplierIds: readonly string[], from: string, to: string, timeZone: string, today: string): Promise<Map<string, ScorecardFigures>> {
  const rows = await executeRows<{ supplier_id: string; figures: ScorecardFigures | string }>(
    db,
    sql`select s.supplier_id, ${scorecardFiguresOf(sql`s.supplier_id`, { from, to, timeZone, today })} as figures from unnest(${sql`array[${sql.join(
      supplierIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}]`}::uuid[]) as s(supplier_id)`,
  );
  return new Map(rows.map((r) => [r.supplier_id, typeof r.figures === 'string' ? (JSON.parse(r.figures) as ScorecardFigures) : r.figures]));
}
