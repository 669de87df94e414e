import { GraphQLError } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver } from 'type-graphql';
import { permissions } from '../auth/permissions.js';
import { type Context, today } from '../context.js';
import { contractsExpiringBetween } from '../db/queries/contracts.js';
import { addDays } from '../domain/shared/dates.js';
import { Contract } from '../schema/contracts.js';
import { Dashboard } from '../schema/dashboard.js';

const MAX_EXPIRY_WINDOW_DAYS = 3650;
const MAX_EXPIRING = 500;

@Resolver(() => Dashboard)
export class DashboardResolver {
  @Authorized(...permissions.viewDashboard)
  @Query(() => Dashboard)
  dashboard() {
    return {};
  }

  @FieldResolver(() => [Contract], { description: 'Active contracts whose effectiveTo falls within the next `days` days (today included), soonest first; at most 500.' })
  contractsExpiringWithin(@Arg('days', () => Int, { defaultValue: 30 }) days: number, @Ctx() ctx: Context) {
    if (days < 0 || days > MAX_EXPIRY_WINDOW_DAYS) {
      throw new GraphQLError(`days must be between 0 and ${MAX_EXPIRY_WINDOW_DAYS}; got ${days}.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'days' } });
    }
    const from = today(ctx);
    return contractsExpiringBetween(ctx.db, ctx.viewer!, from, addDays(from, days), MAX_EXPIRING);
  }
}
