import { eq, sql } from 'drizzle-orm';
import { partCapacities, parts, supplyCapabilities, suppliers } from '../db/schema/index.js';
import { overloadsSql } from '../db/queries/capability.js';
import { column, decimal, elementsOf, instant, member } from '../read/fields.js';
import { inline, inlineModel, list, object, type TableModel, table } from '../read/model.js';
import { partModel, supplierModel } from './partners.read.js';

/** Read models of supply capability and capacity overloads (see src/read/model.ts). */

const materials = elementsOf('SupplyMaterial', supplyCapabilities.materials, 'material', (m) => ({
  name: member(m, 'name'),
  supplyStatus: member(m, 'supplyStatus'),
  procurementCycleDays: member(m, 'procurementCycleDays'),
  stockDays: member(m, 'stockDays'),
  returnRatePercent: member(m, 'returnRatePercent'),
}));

const manufacturing = sql`${supplyCapabilities.manufacturing}`;
const manufacturingModel = inlineModel('ManufacturingCapability', {
  equipment: member(manufacturing, 'equipment'),
  utilisationPercent: member(manufacturing, 'utilisationPercent'),
  maintenanceState: member(manufacturing, 'maintenanceState'),
  staffing: member(manufacturing, 'staffing'),
  productionCycleDays: member(manufacturing, 'productionCycleDays'),
});

const transport = sql`${supplyCapabilities.transport}`;
const transportModel = inlineModel('TransportCapability', { modes: member(transport, 'modes'), cycleDays: member(transport, 'cycleDays') });

const partCapacityModel = table({
  type: 'PartCapacity',
  from: sql`${partCapacities}`,
  scope: () => undefined,
  fields: {
    part: object(() => partModel, eq(parts.id, partCapacities.partId)),
    monthlyCapacity: decimal(partCapacities.monthlyCapacity),
  },
});

/** By part number, as the executed path orders them. */
const byPartNumber = sql`(select ${parts.partNumber} from ${parts} where ${parts.id} = ${partCapacities.partId}) collate "C", ${partCapacities.partId}`;

export const supplyCapabilityModel: TableModel = table({
  type: 'SupplyCapability',
  from: sql`${supplyCapabilities}`,
  key: supplyCapabilities.id,
  // Reached from its supplier, whose visibility it shares.
  scope: () => undefined,
  fields: {
    materials: materials.listed,
    manufacturing: inline(() => manufacturingModel),
    transport: inline(() => transportModel),
    partCapacities: list(() => partCapacityModel, eq(partCapacities.supplierId, supplyCapabilities.supplierId), byPartNumber),
    reviewStatus: column(supplyCapabilities.reviewStatus),
    reviewedBy: column(supplyCapabilities.reviewedByName),
    reviewedAt: instant(supplyCapabilities.reviewedAt),
    reviewNote: column(supplyCapabilities.reviewNote),
    updatedBy: column(supplyCapabilities.updatedByName),
    version: column(supplyCapabilities.version),
    updatedAt: instant(supplyCapabilities.updatedAt),
  },
});

/** A supplier's capability, when it has submitted one. */
export const supplyCapabilityOf = () => object(() => supplyCapabilityModel, eq(supplyCapabilities.supplierId, suppliers.id));

/** Part-months over capacity, company-wide, by month then supplier and part. */
export const overloadOrder = sql`overload.month, overload.supplier_id, overload.part_id`;
export const capacityOverloadModel = table({
  type: 'CapacityOverload',
  from: sql`(${overloadsSql(sql`true`)}) as overload`,
  scope: () => undefined,
  fields: {
    supplier: object(() => supplierModel, sql`${suppliers.id} = overload.supplier_id`),
    part: object(() => partModel, sql`${parts.id} = overload.part_id`),
    month: column(sql`overload.month`),
    committed: column(sql`overload.committed`),
    capacity: column(sql`overload.capacity`),
  },
});
