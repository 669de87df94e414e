import { asc, type SQL, sql } from 'drizzle-orm';
import type { Commitment } from '../../domain/partners/capability.js';
import { anyId } from '../any-id.js';
import { executeRows, type Queryable } from '../client.js';
import { type PartCapacityRow, partCapacities, parts, type SupplyCapabilityRow, supplyCapabilities } from '../schema/index.js';

export function capabilitiesBySupplierIds(db: Queryable, ids: readonly string[]): Promise<SupplyCapabilityRow[]> {
  return db.select().from(supplyCapabilities).where(anyId(supplyCapabilities.supplierId, ids));
}

/** Part capacities of suppliers, by part number. */
export async function partCapacitiesBySupplierIds(db: Queryable, ids: readonly string[]): Promise<PartCapacityRow[]> {
  const rows = await db
    .select({ capacity: partCapacities })
    .from(partCapacities)
    .innerJoin(parts, sql`${parts.id} = ${partCapacities.partId}`)
    .where(anyId(partCapacities.supplierId, ids))
    .orderBy(sql`${parts.partNumber} collate "C"`, asc(partCapacities.partId));
  return rows.map((r) => r.capacity);
}

export interface OverloadRow {
  supplierId: string;
  partId: string;
  month: string;
  committed: string;
  capacity: string;
}

/** Every part-month over capacity, by month, supplier and part (at most `limit`). */
export async function capacityOverloads(db: Queryable, limit: number): Promise<OverloadRow[]> {
  const rows = await executeRows<{ supplier_id: string; part_id: string; month: string; committed: string; capacity: string }>(
    db,
    sql`select * from (${overloadsSql(sql`true`)}) as overload order by overload.month, overload.supplier_id, overload.part_id limit ${limit}`,
  );
  return rows.map((r) => ({ supplierId: r.supplier_id, partId: r.part_id, month: r.month, committed: r.committed, capacity: r.capacity }));
}

/** Purchase order statuses whose open quantities are committed. */
const committing = sql`('ISSUED', 'ACKNOWLEDGED', 'PARTIALLY_DELIVERED')`;

/**
 * Open quantity due per part and month (confirmed, else requested date) on a supplier's committed
 * purchase orders, and on `alsoOrder` whatever its status (an order being drafted), against the
 * part's monthly capacity: only the part-months above capacity, for parts that have one, and with
 * `alsoOrder` only the months that order has quantity in.
 */
export function overloadsSql(where: SQL, alsoOrder: string | null = null): SQL {
  const open = sql`coalesce(ol.confirmed_quantity, ol.quantity) - ol.delivered_quantity`;
  const counted = alsoOrder === null ? sql`o.status in ${committing}` : sql`(o.status in ${committing} or o.id = ${alsoOrder})`;
  return sql`select o.supplier_id, ol.part_id, to_char(coalesce(ol.confirmed_date, ol.requested_date), 'YYYY-MM') as month,
      trim_scale(sum(${open}))::text as committed, trim_scale(pc.monthly_capacity)::text as capacity
    from orders o join order_lines ol on ol.order_id = o.id
    join part_capacities pc on pc.supplier_id = o.supplier_id and pc.part_id = ol.part_id
    where o.direction = 'PURCHASE' and ${counted} and ${open} > 0 and ${where}
    group by o.supplier_id, ol.part_id, month, pc.monthly_capacity
    having sum(${open}) > pc.monthly_capacity${alsoOrder === null ? sql`` : sql` and bool_or(o.id = ${alsoOrder})`}`;
}

/** The part-months in which an order has quantity due and its supplier is over capacity (warnings for its payload), in one statement. */
export async function overloadsOfOrder(db: Queryable, order: { id: string; supplierId: string | null; direction: string }): Promise<Commitment[]> {
  if (order.direction !== 'PURCHASE' || order.supplierId === null) return [];
  const rows = await executeRows<{ part_id: string; month: string; committed: string; capacity: string }>(db, sql`${overloadsSql(sql`o.supplier_id = ${order.supplierId}`, order.id)} order by ol.part_id, month`);
  return rows.map((r) => ({ partId: r.part_id, month: r.month, committed: r.committed, capacity: r.capacity }));
}

