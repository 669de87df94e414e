import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { hasAnyRole } from '../../auth/viewer.js';
import { visibility } from '../../db/scope.js';
import { partCapacities, parts, type SupplyCapabilityRow, supplyCapabilities, suppliers } from '../../db/schema/index.js';
import { msg } from '../../i18n/message.js';
import { recordActivity } from '../activity/record.js';
import { Forbidden } from '../shared/errors.js';
import { idOfType } from '../shared/ids.js';
import { fail, failAll, ok, type Result, type UserError } from '../shared/result.js';
import { inTransaction, type ServiceContext } from '../shared/service.js';
import { optionalText, optionalVersion, positiveDecimal, requiredText, validateInput } from '../shared/validation.js';

const count = (what: string, max: number) => z.number().int().min(0, msg`${what} cannot be negative.`).max(max, msg`${what} is at most ${max}.`);
const percent = (what: string) => z.number().min(0, msg`${what} cannot be negative.`).max(100, msg`${what} is at most 100.`);

const updateInput = z.object({
  supplierId: z.string(),
  expectedVersion: optionalVersion,
  materials: z
    .array(
      z.object({
        name: requiredText('Material name', 200),
        supplyStatus: z.enum(['SECURE', 'TIGHT', 'SHORTAGE']),
        procurementCycleDays: count('procurementCycleDays', 3650),
        stockDays: count('stockDays', 3650),
        returnRatePercent: percent('returnRatePercent'),
      }),
    )
    .max(100, msg`At most 100 materials.`),
  manufacturing: z.object({
    equipment: z.array(requiredText('Equipment', 200)).max(100, msg`At most 100 pieces of equipment.`),
    utilisationPercent: percent('utilisationPercent'),
    maintenanceState: z.enum(['GOOD', 'FAIR', 'POOR']),
    staffing: count('staffing', 1_000_000),
    productionCycleDays: count('productionCycleDays', 3650),
  }),
  transport: z.object({
    modes: z
      .array(z.enum(['ROAD', 'RAIL', 'SEA', 'AIR', 'COURIER']))
      .max(5)
      .transform((m) => [...new Set(m)]),
    cycleDays: count('cycleDays', 3650),
  }),
  partCapacities: z
    .array(z.object({ partId: z.string(), monthlyCapacity: positiveDecimal('monthlyCapacity') }))
    .max(1000, msg`At most 1000 parts.`)
    .refine((list) => new Set(list.map((p) => p.partId)).size === list.length, msg`Each part appears once.`),
});

const reviewInput = z.object({ supplierId: z.string(), expectedVersion: optionalVersion, note: optionalText('note', 2000) });

/**
 * The supplier's own users keep its supply capability; every change is SUBMITTED for staff to review.
 * The part capacities given replace the earlier ones.
 */
export function updateSupplyCapability(ctx: ServiceContext, input: unknown): Promise<Result<SupplyCapabilityRow>> {
  const valid = validateInput(updateInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  const supplierId = idOfType(v.supplierId, 'Supplier');
  if (supplierId === null) return Promise.resolve(fail('NOT_FOUND', ['input', 'supplierId'], msg`No supplier with this id.`));
  return inTransaction(ctx, async (tx) => {
    const [supplier] = await tx.select().from(suppliers).where(and(eq(suppliers.id, supplierId), visibility(ctx.viewer).suppliers));
    if (supplier === undefined) return fail('NOT_FOUND', ['input', 'supplierId'], msg`No supplier with this id.`);
    if (ctx.viewer.organization?.id !== supplierId) throw new Forbidden(msg`A supplier's own users keep its supply capability; staff review it.`);
    const errors: UserError[] = [];
    const partIds = v.partCapacities.map((p, i) => {
      const id = idOfType(p.partId, 'Part');
      if (id === null) errors.push({ code: 'NOT_FOUND', field: ['input', 'partCapacities', String(i), 'partId'], message: msg`No part with this id.` });
      return id ?? '';
    });
    if (errors.length > 0) return failAll(errors);
    if (partIds.length > 0) {
      const known = new Set((await tx.select({ id: parts.id }).from(parts).where(and(inArray(parts.id, partIds), visibility(ctx.viewer).parts))).map((p) => p.id));
      partIds.forEach((id, i) => {
        if (!known.has(id)) errors.push({ code: 'NOT_FOUND', field: ['input', 'partCapacities', String(i), 'partId'], message: msg`No part with this id.` });
      });
      if (errors.length > 0) return failAll(errors);
    }
    const [current] = await tx.select().from(supplyCapabilities).where(eq(supplyCapabilities.supplierId, supplierId)).for('update');
    const version = current?.version ?? 0;
    if (v.expectedVersion !== null && v.expectedVersion !== version) return fail('VERSION_CONFLICT', ['input', 'expectedVersion'], msg`The supply capability is at version ${version}; reload it and try again.`);
    const now = ctx.now();
    const values = { materials: v.materials, manufacturing: v.manufacturing, transport: v.transport, reviewStatus: 'SUBMITTED' as const, reviewedByName: null, reviewedAt: null, reviewNote: null, updatedByName: ctx.viewer.name, version: version + 1, updatedAt: now };
    const [row] = current
      ? await tx.update(supplyCapabilities).set(values).where(eq(supplyCapabilities.id, current.id)).returning()
      : await tx
          .insert(supplyCapabilities)
          .values({ supplierId, ...values, createdAt: now })
          .returning();
    await tx.delete(partCapacities).where(eq(partCapacities.supplierId, supplierId));
    if (partIds.length > 0) await tx.insert(partCapacities).values(v.partCapacities.map((p, i) => ({ supplierId, partId: partIds[i]!, monthlyCapacity: p.monthlyCapacity })));
    await recordActivity(tx, ctx.viewer, now, {
      kind: 'SUPPLY_CAPABILITY_SUBMITTED',
      subjectType: 'Supplier',
      subjectId: supplierId,
      supplierId,
      summary: `Supply capability of ${supplier.code} submitted: ${v.materials.length} material(s), ${partIds.length} part capacit${partIds.length === 1 ? 'y' : 'ies'}.`,
    });
    return ok(row!);
  });
}

/** Staff review a submitted supply capability (ADMIN, BUYER, QUALITY_ENGINEER). */
export function reviewSupplyCapability(ctx: ServiceContext, input: unknown): Promise<Result<SupplyCapabilityRow>> {
  const valid = validateInput(reviewInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  const supplierId = idOfType(v.supplierId, 'Supplier');
  if (supplierId === null) return Promise.resolve(fail('NOT_FOUND', ['input', 'supplierId'], msg`No supplier with this id.`));
  if (!hasAnyRole(ctx.viewer, ['ADMIN', 'BUYER', 'QUALITY_ENGINEER']) || ctx.viewer.organization !== null) throw new Forbidden(msg`A supplier's own users keep its supply capability; staff review it.`);
  return inTransaction(ctx, async (tx) => {
    const [current] = await tx.select().from(supplyCapabilities).where(eq(supplyCapabilities.supplierId, supplierId)).for('update');
    if (current === undefined) return fail('NOT_FOUND', ['input', 'supplierId'], msg`This supplier has not submitted its supply capability.`);
    if (v.expectedVersion !== null && v.expectedVersion !== current.version) return fail('VERSION_CONFLICT', ['input', 'expectedVersion'], msg`The supply capability is at version ${current.version}; reload it and try again.`);
    if (current.reviewStatus === 'REVIEWED') return fail('INVALID_STATE_TRANSITION', ['input', 'supplierId'], msg`This version is already reviewed.`);
    const now = ctx.now();
    const [row] = await tx
      .update(supplyCapabilities)
      .set({ reviewStatus: 'REVIEWED', reviewedByName: ctx.viewer.name, reviewedAt: now, reviewNote: v.note, version: current.version + 1, updatedAt: now })
      .where(eq(supplyCapabilities.id, current.id))
      .returning();
    await recordActivity(tx, ctx.viewer, now, { kind: 'SUPPLY_CAPABILITY_REVIEWED', subjectType: 'Supplier', subjectId: supplierId, supplierId, summary: `Supply capability reviewed${v.note ? `: ${v.note}` : '.'}` });
    return ok(row!);
  });
}
