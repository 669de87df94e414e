import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { customers, satisfactionSurveys } from '../db/schema/index.js';
import { column, elementsOf, globalId, instant, member } from '../read/fields.js';
import { object, type TableModel, table, value } from '../read/model.js';
import { customerModel } from './partners.read.js';

/** Read model of satisfaction surveys (see src/read/model.ts). */

const previous = alias(satisfactionSurveys, 'previous_survey');

const scores = elementsOf('SatisfactionScore', satisfactionSurveys.scores, 'score', (score) => ({ dimension: member(score, 'dimension'), score: member(score, 'score') }));

export const surveyModel: TableModel = table({
  type: 'SatisfactionSurvey',
  from: sql`${satisfactionSurveys}`,
  key: satisfactionSurveys.id,
  scope: (env) => env.scope.satisfactionSurveys,
  fields: {
    id: globalId('SatisfactionSurvey', satisfactionSurveys.id),
    customer: object(() => customerModel, eq(customers.id, satisfactionSurveys.customerId)),
    from: column(satisfactionSurveys.periodFrom),
    to: column(satisfactionSurveys.periodTo),
    scores: scores.listed,
    overall: column(satisfactionSurveys.overall),
    comments: column(satisfactionSurveys.comments),
    submittedAt: instant(satisfactionSurveys.submittedAt),
    // The trend: against the customer's survey of the period before.
    change: value(
      sql`(select round((${satisfactionSurveys.overall} - ${previous.overall})::numeric, 2)::float8 from ${satisfactionSurveys} as previous_survey
        where ${previous.customerId} = ${satisfactionSurveys.customerId} and ${previous.periodFrom} < ${satisfactionSurveys.periodFrom}
        order by ${previous.periodFrom} desc, ${previous.id} desc limit 1)`,
    ),
  },
});
