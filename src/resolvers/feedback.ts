import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { permissions } from '../auth/permissions.js';
import { type Context, serviceContext } from '../context.js';
import { decodeFeedbackFilter } from '../read/filters.js';
import { feedbackConditions, listFeedback } from '../db/queries/feedback.js';
import type { CustomerFeedbackRow } from '../db/schema/index.js';
import { isFeedbackOverdue } from '../domain/feedback/lifecycle.js';
import * as feedback from '../domain/feedback/service.js';
import { toGlobalId } from '../domain/shared/ids.js';
import { CloseFeedbackInput, CustomerFeedback, CustomerFeedbackConnection, CustomerFeedbackPayload, FeedbackActionInput, FeedbackFilter, RecordFeedbackInput } from '../schema/feedback.js';
import { Nonconformance } from '../schema/nonconformances.js';
import { Customer, PageArguments } from '../schema/partners.js';

import { payload } from './payload.js';

@Resolver(() => CustomerFeedback)
export class CustomerFeedbackResolver {
  @Authorized()
  @Query(() => CustomerFeedbackConnection, { description: 'Customer feedback, newest first: staff see all of it, a customer its own, a supplier none.' })
  customerFeedback(@Args(() => PageArguments) page: PageArguments, @Arg('filter', () => FeedbackFilter, { nullable: true }) filter: FeedbackFilter | null, @Ctx() ctx: Context) {
    return listFeedback(ctx.db, page, feedbackConditions(ctx.viewer!, decodeFeedbackFilter(filter), ctx.now()));
  }

  @FieldResolver(() => ID)
  id(@Root() row: CustomerFeedbackRow) {
    return toGlobalId('CustomerFeedback', row.id);
  }

  @FieldResolver(() => Customer)
  customer(@Root() row: CustomerFeedbackRow, @Ctx() ctx: Context) {
    return ctx.loaders.customerById.load(row.customerId);
  }

  @FieldResolver(() => Nonconformance, { nullable: true, description: 'The nonconformance a complaint was traced to; a customer sees its status, not who supplied the part.' })
  nonconformance(@Root() row: CustomerFeedbackRow, @Ctx() ctx: Context) {
    return row.nonconformanceId === null ? null : ctx.loaders.nonconformanceById.load(row.nonconformanceId);
  }

  @FieldResolver(() => Boolean, { description: 'A service deadline (acknowledgeBy, resolveBy) has passed and what it asks for is not done.' })
  overdue(@Root() row: CustomerFeedbackRow, @Ctx() ctx: Context) {
    return isFeedbackOverdue(row, ctx.now());
  }

  @Authorized(...permissions.recordFeedback)
  @Mutation(() => CustomerFeedbackPayload, { description: 'A customer records its own feedback; sales staff record it for any customer, noting the channel.' })
  async recordFeedback(@Arg('input', () => RecordFeedbackInput) input: RecordFeedbackInput, @Ctx() ctx: Context) {
    return payload(ctx, 'feedback', await feedback.recordFeedback(serviceContext(ctx), input));
  }

  @Authorized(...permissions.handleFeedback)
  @Mutation(() => CustomerFeedbackPayload, { description: 'RECEIVED -> ACKNOWLEDGED; nonconformanceId links a complaint to its nonconformance.' })
  async acknowledgeFeedback(@Arg('input', () => FeedbackActionInput) input: FeedbackActionInput, @Ctx() ctx: Context) {
    return payload(ctx, 'feedback', await feedback.acknowledgeFeedback(serviceContext(ctx), input));
  }

  @Authorized(...permissions.handleFeedback)
  @Mutation(() => CustomerFeedbackPayload, { description: 'Work on it begins: ACKNOWLEDGED -> IN_PROGRESS; nonconformanceId links a complaint to its nonconformance.' })
  async startFeedback(@Arg('input', () => FeedbackActionInput) input: FeedbackActionInput, @Ctx() ctx: Context) {
    return payload(ctx, 'feedback', await feedback.startFeedback(serviceContext(ctx), input));
  }

  @Authorized(...permissions.handleFeedback)
  @Mutation(() => CustomerFeedbackPayload, { description: 'IN_PROGRESS (or ACKNOWLEDGED, which records the implied start) -> RESOLVED with the resolution the customer is given.' })
  async resolveFeedback(@Arg('input', () => FeedbackActionInput) input: FeedbackActionInput, @Ctx() ctx: Context) {
    return payload(ctx, 'feedback', await feedback.resolveFeedback(serviceContext(ctx), input));
  }

  @Authorized(...permissions.closeFeedback)
  @Mutation(() => CustomerFeedbackPayload, { description: 'RESOLVED -> CLOSED by the customer, or by sales staff for it, with an optional 1..5 rating.' })
  async closeFeedback(@Arg('input', () => CloseFeedbackInput) input: CloseFeedbackInput, @Ctx() ctx: Context) {
    return payload(ctx, 'feedback', await feedback.closeFeedback(serviceContext(ctx), input));
  }

  @Authorized(...permissions.closeFeedback)
  @Mutation(() => CustomerFeedbackPayload, {
    description: 'Instead of closing: RESOLVED -> IN_PROGRESS within 14 days of the resolution, with a note saying why; resolveBy starts again.',
  })
  async reopenFeedback(@Arg('input', () => FeedbackActionInput) input: FeedbackActionInput, @Ctx() ctx: Context) {
    return payload(ctx, 'feedback', await feedback.reopenFeedback(serviceContext(ctx), input));
  }
}
