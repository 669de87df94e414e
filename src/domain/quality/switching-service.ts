import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { hasAnyRole } from '../../auth/viewer.js';
import type { Tx } from '../../db/client.js';
import { deliveryEvents, type InspectionRow, type InspectionSwitchingRow, inspectionSwitching, parts, type SupplierRow, suppliers } from '../../db/schema/index.js';
import { recordActivity } from '../activity/record.js';
import { Forbidden } from '../shared/errors.js';
import { idOfType } from '../shared/ids.js';
import { fail, ok, type Result } from '../shared/result.js';
import { inTransaction, type ServiceContext } from '../shared/service.js';
import { requiredText, validateInput } from '../shared/validation.js';
import { samplingPlan, tighterAql } from './sampling.js';
import { describeSwitch, INITIAL_SWITCHING_STATE, nextSwitchingState, reinstatedState, type SwitchingState } from './switching.js';
import { msg } from '../../i18n/message.js';

// The switching state of each supplier's part lives in inspection_switching (no row: normal, as at
// the start). Receipts read it to choose the plan; each decided lot moves it; quality staff allow
// reduced inspection per supplier and reinstate a discontinued inspection.

function stateOf(row: InspectionSwitchingRow | undefined): SwitchingState {
  if (!row) return INITIAL_SWITCHING_STATE;
  return { severity: row.severity, discontinued: row.discontinued, switchingScore: row.switchingScore, recentNormal: row.recentNormal, acceptedInARow: row.acceptedInARow, notAcceptedOnTightened: row.notAcceptedOnTightened };
}

/** The switching state of a supplier's parts, read in one statement. */
export async function switchingStates(tx: Tx, supplierId: string, partIds: readonly string[]): Promise<Map<string, SwitchingState>> {
  const rows = partIds.length === 0 ? [] : await tx.select().from(inspectionSwitching).where(and(eq(inspectionSwitching.supplierId, supplierId), inArray(inspectionSwitching.partId, [...new Set(partIds)])));
  const byPart = new Map(rows.map((r) => [r.partId, r]));
  return new Map(partIds.map((id) => [id, stateOf(byPart.get(id))]));
}

/** The part numbers among these parts whose inspection is discontinued for the supplier. */
export async function discontinuedParts(tx: Tx, supplierId: string, partIds: readonly string[]): Promise<Map<string, string>> {
  if (partIds.length === 0) return new Map();
  const rows = await tx
    .select({ partId: inspectionSwitching.partId, partNumber: parts.partNumber })
    .from(inspectionSwitching)
    .innerJoin(parts, eq(parts.id, inspectionSwitching.partId))
    .where(and(eq(inspectionSwitching.supplierId, supplierId), inArray(inspectionSwitching.partId, [...new Set(partIds)]), eq(inspectionSwitching.discontinued, true)));
  return new Map(rows.map((r) => [r.partId, r.partNumber]));
}

async function lockState(tx: Tx, supplierId: string, partId: string, now: Date): Promise<InspectionSwitchingRow> {
  await tx.insert(inspectionSwitching).values({ supplierId, partId, createdAt: now, updatedAt: now }).onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(inspectionSwitching)
    .where(and(eq(inspectionSwitching.supplierId, supplierId), eq(inspectionSwitching.partId, partId)))
    .for('update');
  return row!;
}

async function saveState(tx: Tx, supplierId: string, partId: string, state: SwitchingState, now: Date): Promise<InspectionSwitchingRow> {
  const [row] = await tx
    .update(inspectionSwitching)
    .set({ ...state, updatedAt: now })
    .where(and(eq(inspectionSwitching.supplierId, supplierId), eq(inspectionSwitching.partId, partId)))
    .returning();
  return row!;
}

/** Moves the switching state by a decided lot, in the decision's transaction; logs a switch. */
export async function applyDecidedLot(tx: Tx, ctx: ServiceContext, inspection: InspectionRow, defectsFound: number, accepted: boolean, partNumber: string): Promise<void> {
  const now = ctx.now();
  const row = await lockState(tx, inspection.supplierId, inspection.partId, now);
  const [supplier] = await tx.select({ reducedInspectionAllowed: suppliers.reducedInspectionAllowed }).from(suppliers).where(eq(suppliers.id, inspection.supplierId));
  const tighter = tighterAql(Number(inspection.aql));
  const tighterAc = tighter === null ? inspection.acceptNumber : samplingPlan(inspection.lotSize, tighter, inspection.inspectionLevel).acceptNumber;
  const before = stateOf(row);
  const [delayed] = await tx
    .select({ id: deliveryEvents.id })
    .from(deliveryEvents)
    .where(and(eq(deliveryEvents.deliveryId, inspection.deliveryId), eq(deliveryEvents.status, 'DELAYED')))
    .limit(1);
  const after = nextSwitchingState(
    before,
    { accepted, acceptNumber: inspection.acceptNumber, acceptedAtTighterAql: accepted && defectsFound <= tighterAc, productionSteady: delayed === undefined },
    supplier!.reducedInspectionAllowed,
  );
  await saveState(tx, inspection.supplierId, inspection.partId, after, now);
  const change = describeSwitch(before, after);
  if (change !== null) {
    await recordActivity(tx, ctx.viewer, now, {
      kind: after.discontinued ? 'INSPECTION_DISCONTINUED' : 'INSPECTION_SEVERITY_CHANGED',
      subjectType: 'Part',
      subjectId: inspection.partId,
      supplierId: inspection.supplierId,
      summary: `Part ${partNumber}: ${change}.`,
    });
  }
}

const QUALITY_ROLES = ['ADMIN', 'QUALITY_ENGINEER'] as const;

function requireQualityStaff(ctx: ServiceContext, what: string) {
  if (ctx.viewer.organization !== null || !hasAnyRole(ctx.viewer, QUALITY_ROLES)) throw new Forbidden(msg`Quality engineers ${what}.`);
}

const reinstateInput = z.object({ supplierId: z.string(), partId: z.string(), note: requiredText('Note', 2000) });

/** Resumes a discontinued inspection of a supplier's part, at tightened inspection. */
export function reinstateInspection(ctx: ServiceContext, input: unknown): Promise<Result<InspectionSwitchingRow>> {
  const valid = validateInput(reinstateInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  requireQualityStaff(ctx, 'reinstate inspection');
  const supplierId = idOfType(valid.value.supplierId, 'Supplier');
  const partId = idOfType(valid.value.partId, 'Part');
  if (supplierId === null) return Promise.resolve(fail('NOT_FOUND', ['input', 'supplierId'], msg`No supplier with this id.`));
  if (partId === null) return Promise.resolve(fail('NOT_FOUND', ['input', 'partId'], msg`No part with this id.`));
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx
      .select()
      .from(inspectionSwitching)
      .where(and(eq(inspectionSwitching.supplierId, supplierId), eq(inspectionSwitching.partId, partId)))
      .for('update');
    if (!row?.discontinued) return fail('INVALID_STATE_TRANSITION', ['input', 'partId'], msg`Inspection of this part from this supplier is not discontinued.`);
    const now = ctx.now();
    const updated = await saveState(tx, supplierId, partId, reinstatedState(), now);
    const [part] = await tx.select({ partNumber: parts.partNumber }).from(parts).where(eq(parts.id, partId));
    await recordActivity(tx, ctx.viewer, now, { kind: 'INSPECTION_REINSTATED', subjectType: 'Part', subjectId: partId, supplierId, summary: `Part ${part!.partNumber}: inspection reinstated at TIGHTENED: ${valid.value.note}` });
    return ok(updated);
  });
}

const allowReducedInput = z.object({ supplierId: z.string(), allowed: z.boolean() });

/** Quality staff allow (or stop allowing) reduced inspection of a supplier's lots. */
export function allowReducedInspection(ctx: ServiceContext, input: unknown): Promise<Result<SupplierRow>> {
  const valid = validateInput(allowReducedInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  requireQualityStaff(ctx, 'allow reduced inspection');
  const supplierId = idOfType(valid.value.supplierId, 'Supplier');
  if (supplierId === null) return Promise.resolve(fail('NOT_FOUND', ['input', 'supplierId'], msg`No supplier with this id.`));
  return inTransaction(ctx, async (tx) => {
    const now = ctx.now();
    const [updated] = await tx.update(suppliers).set({ reducedInspectionAllowed: valid.value.allowed, updatedAt: now }).where(eq(suppliers.id, supplierId)).returning();
    if (!updated) return fail('NOT_FOUND', ['input', 'supplierId'], msg`No supplier with this id.`);
    // Without the permission reduced inspection ends: those parts go back to normal, counting afresh.
    if (!valid.value.allowed) {
      await tx
        .update(inspectionSwitching)
        .set({ ...INITIAL_SWITCHING_STATE, updatedAt: now })
        .where(and(eq(inspectionSwitching.supplierId, supplierId), eq(inspectionSwitching.severity, 'REDUCED')));
    }
    await recordActivity(tx, ctx.viewer, now, {
      kind: 'SUPPLIER_REDUCED_INSPECTION_ALLOWED',
      subjectType: 'Supplier',
      subjectId: supplierId,
      supplierId,
      summary: `${updated.code}: reduced inspection ${valid.value.allowed ? 'allowed' : 'no longer allowed'} (it applies once a part's switching score reaches 30).`,
    });
    return ok(updated);
  });
}
