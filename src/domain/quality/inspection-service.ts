import { and, eq } from 'drizzle-orm';
import { hasAnyRole } from '../../auth/viewer.js';
import type { Tx } from '../../db/client.js';
import { type InspectionRow, inspections, type OrderRow, orderLines, orders, parts } from '../../db/schema/index.js';
import { visibility } from '../../db/scope.js';
import { recordActivity } from '../activity/record.js';
import { openNonconformance } from '../nonconformances/service.js';
import { calendarDate } from '../shared/dates.js';
import { add } from '../shared/decimal.js';
import { Forbidden } from '../shared/errors.js';
import { idOfType } from '../shared/ids.js';
import { fail, ok, type Result } from '../shared/result.js';
import { inTransaction, type ServiceContext } from '../shared/service.js';
import { validateInput } from '../shared/validation.js';
import { z } from 'zod';
import { optionalText } from '../shared/validation.js';
import { activeAgreementsOfSupplier } from '../../db/queries/quality.js';
import { governingAgreement } from './agreements.js';
import { applyDecidedLot, switchingStates } from './switching-service.js';
import { DEFAULT_AQL, DEFAULT_LEVEL, decideLot, lotSizeOf } from './inspection.js';
import { samplingPlan } from './sampling.js';
import { msg } from '../../i18n/message.js';

/**
 * Opens one inspection per received line of a purchase-order receipt, in the receipt's
 * transaction, with the sampling plan of the quality agreement that governs the supplier's part
 * (AQL 1.0, level II without one), at the severity the part's switching state is at.
 */
export async function openInspections(
  tx: Tx,
  ctx: ServiceContext,
  order: OrderRow,
  deliveryId: string,
  received: { lineId: string; partId: string; quantity: string; lotNumber: string | null }[],
): Promise<void> {
  if (received.length === 0) return;
  const today = calendarDate(ctx.now(), ctx.timeZone);
  const now = ctx.now();
  const supplierId = order.supplierId!;
  const agreements = await activeAgreementsOfSupplier(tx, supplierId);
  const states = await switchingStates(tx, supplierId, received.map((r) => r.partId));
  await tx.insert(inspections).values(
    received.map((r) => {
      const agreement = governingAgreement(agreements, r.partId, today);
      const aql = agreement ? Number(agreement.aql) : DEFAULT_AQL;
      const level = agreement?.inspectionLevel ?? DEFAULT_LEVEL;
      const plan = samplingPlan(lotSizeOf(r.quantity), aql, level, states.get(r.partId)!.severity);
      return {
        deliveryId,
        orderLineId: r.lineId,
        partId: r.partId,
        supplierId,
        qualityAgreementId: agreement?.id ?? null,
        lotNumber: r.lotNumber,
        lotSize: plan.lotSize,
        receivedQuantity: r.quantity,
        aql: String(plan.aql),
        inspectionLevel: plan.inspectionLevel,
        severity: plan.severity,
        codeLetter: plan.codeLetter,
        sampleSize: plan.sampleSize,
        acceptNumber: plan.acceptNumber,
        rejectNumber: plan.rejectNumber,
        sourceInspection: agreement?.sourceInspection ?? false,
        createdAt: now,
        updatedAt: now,
      };
    }),
  );
}

const recordInspectionResultInput = z.object({
  inspectionId: z.string(),
  defectsFound: z.number().int().min(0, msg`defectsFound cannot be negative.`),
  note: optionalText('Note', 2000),
});

/** Accepts or rejects a lot by its plan; acceptance books the accepted quantity, rejection opens a nonconformance. */
export function recordInspectionResult(ctx: ServiceContext, input: unknown): Promise<Result<InspectionRow>> {
  const valid = validateInput(recordInspectionResultInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  if (ctx.viewer.organization !== null || !hasAnyRole(ctx.viewer, ['ADMIN', 'QUALITY_ENGINEER'])) throw new Forbidden(msg`Quality engineers record inspection results.`);
  const id = idOfType(v.inspectionId, 'Inspection');
  if (id === null) return Promise.resolve(fail('NOT_FOUND', ['input', 'inspectionId'], msg`No inspection with this id.`));
  return inTransaction(ctx, async (tx) => {
    const [inspection] = await tx
      .select()
      .from(inspections)
      .where(and(eq(inspections.id, id), visibility(ctx.viewer).inspections))
      .for('update');
    if (!inspection) return fail('NOT_FOUND', ['input', 'inspectionId'], msg`No inspection with this id.`);
    if (inspection.result !== 'PENDING') return fail('INVALID_STATE_TRANSITION', ['input', 'inspectionId'], msg`This lot was already ${inspection.result}.`);
    const decided = decideLot(v.defectsFound, inspection);
    if ('error' in decided) return fail('INVALID', ['input', 'defectsFound'], decided.error);
    const now = ctx.now();
    const [line] = await tx.select().from(orderLines).where(eq(orderLines.id, inspection.orderLineId)).for('update');
    const [part] = await tx.select({ partNumber: parts.partNumber }).from(parts).where(eq(parts.id, inspection.partId));
    if (decided.result === 'ACCEPTED') {
      await tx.update(orderLines).set({ acceptedQuantity: add(line!.acceptedQuantity, inspection.receivedQuantity) }).where(eq(orderLines.id, line!.id));
      // The order changed with its line: incremental sync (updatedSince) must see it.
      await tx.update(orders).set({ updatedAt: now }).where(eq(orders.id, line!.orderId));
    } else {
      await openNonconformance(
        tx,
        ctx,
        {
          source: 'INCOMING_INSPECTION',
          severity: 'MAJOR',
          partId: inspection.partId,
          supplierId: inspection.supplierId,
          customerId: null,
          orderId: line!.orderId,
          deliveryId: inspection.deliveryId,
          inspectionId: inspection.id,
          quantityAffected: inspection.receivedQuantity,
          description: `Incoming inspection rejected lot ${inspection.lotNumber ?? '(no lot number)'}: ${v.defectsFound} defects in a sample of ${inspection.sampleSize} (Re ${inspection.rejectNumber}).${v.note ? ` ${v.note}` : ''}`,
        },
        part!.partNumber,
      );
    }
    await applyDecidedLot(tx, ctx, inspection, v.defectsFound, decided.result === 'ACCEPTED', part!.partNumber);
    const [updated] = await tx
      .update(inspections)
      .set({ defectsFound: v.defectsFound, result: decided.result, inspectedByName: ctx.viewer.name, inspectedAt: now, note: v.note, updatedAt: now })
      .where(eq(inspections.id, id))
      .returning();
    await recordActivity(tx, ctx.viewer, now, {
      kind: decided.result === 'ACCEPTED' ? 'INSPECTION_ACCEPTED' : 'INSPECTION_REJECTED',
      subjectType: 'Inspection',
      subjectId: id,
      supplierId: inspection.supplierId,
      orderId: line!.orderId,
      summary: `Lot of part ${part!.partNumber} ${decided.result.toLowerCase()}: ${v.defectsFound} defects in ${inspection.sampleSize} sampled (Ac ${inspection.acceptNumber}, Re ${inspection.rejectNumber}).`,
    });
    return ok(updated!);
  });
}
