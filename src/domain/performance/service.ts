import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { scorecardFigures } from '../../db/queries/performance.js';
import { nonconformances, type SupplierEvaluationRow, supplierEvaluations, suppliers } from '../../db/schema/index.js';
import { recordActivity } from '../activity/record.js';
import { calendarDate } from '../shared/dates.js';
import { Forbidden } from '../shared/errors.js';
import { idOfType } from '../shared/ids.js';
import { fail, ok, type Result } from '../shared/result.js';
import { inTransaction, type ServiceContext } from '../shared/service.js';
import { optionalText, validateInput } from '../shared/validation.js';
import { hasAnyRole } from '../../auth/viewer.js';
import { evaluationGrade, rewardsAndPenalties, totalScore } from './evaluation.js';
import { qualityScore } from './scorecard.js';
import { msg } from '../../i18n/message.js';

const score = (what: string) => z.number().min(0, msg`${what} is between 0 and 100.`).max(100, msg`${what} is between 0 and 100.`);

const evaluateSupplierInput = z
  .object({
    supplierId: z.string(),
    from: z.string(),
    to: z.string(),
    serviceScore: score('serviceScore'),
    priceScore: score('priceScore'),
    technicalScore: score('technicalScore'),
    notes: optionalText('Notes', 4000),
  })
  .refine((v) => v.from <= v.to, { path: ['to'], message: msg`to must not be before from.` });

/**
 * Evaluates a supplier for a period: quality and delivery scores from the period's records, the
 * rest from staff; the weighted total's grade becomes the supplier's grade; rewards and penalties
 * follow the table in evaluation.ts.
 */
export function evaluateSupplier(ctx: ServiceContext, input: unknown): Promise<Result<SupplierEvaluationRow>> {
  const valid = validateInput(evaluateSupplierInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  if (ctx.viewer.organization !== null || !hasAnyRole(ctx.viewer, ['ADMIN', 'BUYER', 'QUALITY_ENGINEER'])) throw new Forbidden(msg`Suppliers are evaluated by purchasing and quality staff.`);
  const supplierId = idOfType(v.supplierId, 'Supplier');
  if (supplierId === null) return Promise.resolve(fail('NOT_FOUND', ['input', 'supplierId'], msg`No supplier with this id.`));
  return inTransaction(ctx, async (tx) => {
    const [supplier] = await tx.select().from(suppliers).where(eq(suppliers.id, supplierId)).for('update');
    if (!supplier) return fail('NOT_FOUND', ['input', 'supplierId'], msg`No supplier with this id.`);
    const figures = (await scorecardFigures(tx, [supplierId], v.from, v.to, ctx.timeZone, calendarDate(ctx.now(), ctx.timeZone))).get(supplierId)!;
    const quality = qualityScore(figures.qualityPpm);
    if (quality === null) return fail('INVALID', ['input', 'from'], msg`No lot was inspected in the period: quality cannot be scored from the records.`);
    if (figures.onTimeDeliveryRate === null) return fail('INVALID', ['input', 'from'], msg`Nothing was received in the period: delivery cannot be scored from the records.`);
    const scores = { quality, delivery: 100 * figures.onTimeDeliveryRate, service: v.serviceScore, price: v.priceScore, technical: v.technicalScore };
    const total = totalScore(scores);
    const grade = evaluationGrade(total);
    const closed = await tx
      .select({ number: nonconformances.number, severity: nonconformances.severity, responsibility: nonconformances.responsibility })
      .from(nonconformances)
      .where(and(eq(nonconformances.supplierId, supplierId), eq(nonconformances.status, 'CLOSED'), sql`(${nonconformances.updatedAt} at time zone ${ctx.timeZone})::date between ${v.from}::date and ${v.to}::date`));
    const now = ctx.now();
    const [evaluation] = await tx
      .insert(supplierEvaluations)
      .values({
        supplierId,
        periodFrom: v.from,
        periodTo: v.to,
        qualityScore: scores.quality,
        deliveryScore: scores.delivery,
        serviceScore: scores.service,
        priceScore: scores.price,
        technicalScore: scores.technical,
        totalScore: total,
        grade,
        rewardsAndPenalties: rewardsAndPenalties(grade, figures, closed),
        evaluatedByName: ctx.viewer.name,
        evaluatedAt: now,
        notes: v.notes,
      })
      .returning();
    await tx.update(suppliers).set({ grade, updatedAt: now }).where(eq(suppliers.id, supplierId));
    await recordActivity(tx, ctx.viewer, now, {
      kind: 'SUPPLIER_EVALUATED',
      subjectType: 'Supplier',
      subjectId: supplierId,
      supplierId,
      summary: `Supplier ${supplier.code} evaluated for ${v.from}..${v.to}: ${total} points, grade ${grade}.`,
    });
    return ok(evaluation!);
  });
}
