import { and, inArray, type SQL, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer.js';
import type { Queryable } from '../client.js';
import { type SatisfactionSurveyRow, satisfactionSurveys } from '../schema/index.js';
import { visibility } from '../scope.js';
import { anyId } from '../any-id.js';

/** A survey with the change of its overall score against the customer's previous survey. */
export type SurveyView = SatisfactionSurveyRow & { change: number | null };

function surveysWithTrend(db: Queryable, where: SQL | undefined): Promise<SurveyView[]> {
  const withTrend = db
    .select({
      id: satisfactionSurveys.id,
      change: sql<number | null>`round((${satisfactionSurveys.overall} - lag(${satisfactionSurveys.overall}) over (partition by ${satisfactionSurveys.customerId} order by ${satisfactionSurveys.periodFrom}))::numeric, 2)::float8`.as('change'),
    })
    .from(satisfactionSurveys)
    .where(where)
    .as('with_trend');
  return db
    .select({ survey: satisfactionSurveys, change: withTrend.change })
    .from(withTrend)
    .innerJoin(satisfactionSurveys, sql`${satisfactionSurveys.id} = ${withTrend.id}`)
    .orderBy(satisfactionSurveys.customerId, satisfactionSurveys.periodFrom, satisfactionSurveys.id)
    .then((rows) => rows.map((r) => ({ ...r.survey, change: r.change })));
}

/** Customer.satisfaction for many customers in one statement, oldest period first. */
export function surveysByCustomerIds(db: Queryable, viewer: Viewer, customerIds: readonly string[]): Promise<SurveyView[]> {
  return surveysWithTrend(db, and(anyId(satisfactionSurveys.customerId, customerIds), visibility(viewer).satisfactionSurveys));
}

/** Surveys by id, each with its trend against the same customer's previous survey. */
export async function surveysByIds(db: Queryable, viewer: Viewer, ids: readonly string[]): Promise<SurveyView[]> {
  const customersOfIds = db.select({ customerId: satisfactionSurveys.customerId }).from(satisfactionSurveys).where(anyId(satisfactionSurveys.id, ids));
  const rows = await surveysWithTrend(db, and(inArray(satisfactionSurveys.customerId, customersOfIds), visibility(viewer).satisfactionSurveys));
  const wanted = new Set(ids);
  return rows.filter((r) => wanted.has(r.id));
}
