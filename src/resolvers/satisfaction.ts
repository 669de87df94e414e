import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { permissions } from '../auth/permissions.js';
import { type Context, serviceContext } from '../context.js';
import type { SurveyView } from '../db/queries/satisfaction.js';
import * as satisfaction from '../domain/satisfaction/service.js';
import { toGlobalId } from '../domain/shared/ids.js';
import { DateScalar } from '../schema/common.js';
import { Customer } from '../schema/partners.js';
import { RecordSatisfactionSurveyInput, SatisfactionSurvey, SatisfactionSurveyPayload } from '../schema/satisfaction.js';
import { payload } from './payload.js';

@Resolver(() => SatisfactionSurvey)
export class SatisfactionSurveyResolver {
  @FieldResolver(() => ID)
  id(@Root() row: SurveyView) {
    return toGlobalId('SatisfactionSurvey', row.id);
  }

  @FieldResolver(() => Customer)
  customer(@Root() row: SurveyView, @Ctx() ctx: Context) {
    return ctx.loaders.customerById.load(row.customerId);
  }

  @FieldResolver(() => DateScalar)
  from(@Root() row: SurveyView) {
    return row.periodFrom;
  }

  @FieldResolver(() => DateScalar)
  to(@Root() row: SurveyView) {
    return row.periodTo;
  }

  @Authorized(...permissions.recordSatisfactionSurvey)
  @Mutation(() => SatisfactionSurveyPayload, { description: "A customer's satisfaction for a period, 1..5 per dimension; one survey per customer and period." })
  async recordSatisfactionSurvey(@Arg('input', () => RecordSatisfactionSurveyInput) input: RecordSatisfactionSurveyInput, @Ctx() ctx: Context) {
    const result = await satisfaction.recordSatisfactionSurvey(serviceContext(ctx), input);
    // The payload shows the survey with its trend, read back like any other.
    const survey = result.ok ? await ctx.loaders.surveyById.load(result.value.id) : null;
    return payload(ctx, 'survey', result.ok ? { ok: true as const, value: survey! } : result);
  }
}
