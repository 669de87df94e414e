import { asc, sql } from 'drizzle-orm';
import { overloadsSql } from '../../domain/partners/capability-service.js';
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
