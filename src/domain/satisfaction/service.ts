import { and, eq, gte, lte } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { customers, type SatisfactionSurveyRow, satisfactionSurveys } from '../../db/schema/index.js';
import { visibility } from '../../db/scope.js';
import { recordActivity } from '../activity/record.js';
import { calendarDate } from '../shared/dates.js';
import { idOfType } from '../shared/ids.js';
import { fail, ok, type Result } from '../shared/result.js';
import { inTransaction, type ServiceContext } from '../shared/service.js';
import { validateInput } from '../shared/validation.js';
import { overallScore, recordSatisfactionSurveyInput } from './survey.js';
import { msg } from '../../i18n/message.js';

async function overlapping(tx: Tx, customerId: string, from: string, to: string) {
  const [row] = await tx
    .select({ from: satisfactionSurveys.periodFrom, to: satisfactionSurveys.periodTo })
    .from(satisfactionSurveys)
    .where(and(eq(satisfactionSurveys.customerId, customerId), lte(satisfactionSurveys.periodFrom, to), gte(satisfactionSurveys.periodTo, from)))
    .limit(1);
  return row;
}

/** Records a customer's survey for a period: by the customer itself, or by sales staff for any customer. */
export function recordSatisfactionSurvey(ctx: ServiceContext, input: unknown): Promise<Result<SatisfactionSurveyRow>> {
  const valid = validateInput(recordSatisfactionSurveyInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const v = valid.value;
  const customerId = idOfType(v.customerId, 'Customer');
  if (customerId === null) return Promise.resolve(fail('NOT_FOUND', ['input', 'customerId'], msg`No customer with this id.`));
  const today = calendarDate(ctx.now(), ctx.timeZone);
  if (v.to > today) return Promise.resolve(fail('INVALID', ['input', 'to'], msg`A survey scores a period that has ended; to is after today (${today}).`));
  return inTransaction(ctx, async (tx) => {
    // The customer row is the lock that keeps two surveys of one period from both passing the overlap check.
    const [customer] = await tx
      .select({ id: customers.id, code: customers.code })
      .from(customers)
      .where(and(eq(customers.id, customerId), visibility(ctx.viewer).customers))
      .for('update');
    if (!customer) return fail('NOT_FOUND', ['input', 'customerId'], msg`No customer with this id.`);
    const clash = await overlapping(tx, customerId, v.from, v.to);
    if (clash) return fail('DUPLICATE', ['input', 'from'], msg`This customer already has a survey for ${clash.from} to ${clash.to}; periods of one customer do not overlap.`);
    const now = ctx.now();
    const overall = overallScore(v.scores);
    const [survey] = await tx
      .insert(satisfactionSurveys)
      .values({ customerId, periodFrom: v.from, periodTo: v.to, scores: v.scores, overall, comments: v.comments, submittedAt: now, submittedById: ctx.viewer.id })
      .returning();
    await recordActivity(tx, ctx.viewer, now, {
      kind: 'SATISFACTION_SURVEY_RECORDED',
      subjectType: 'SatisfactionSurvey',
      subjectId: survey!.id,
      customerId,
      summary: `Satisfaction of ${customer.code} for ${v.from} to ${v.to}: ${overall} of 5.`,
    });
    return ok(survey!);
  });
}
