import { GraphQLError } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver } from 'type-graphql';
import { permissions } from '../auth/permissions.js';
import { type Context, today } from '../context.js';
import { contractsExpiringBetween } from '../db/queries/contracts.js';
import { addDays } from '../domain/shared/dates.js';
import { Contract } from '../schema/contracts.js';
import { CountByKey, Dashboard, SupplierRanking } from '../schema/dashboard.js';
import { overdueFeedbackCount } from '../db/queries/feedback.js';
import { lateDeliveryCount, openNonconformancesBySeverity, openOrderCount, overdueNonconformanceCount, suppliersByGrade, topSuppliers } from '../db/queries/dashboard.js';
import { msg } from '../i18n/message.js';

const MAX_EXPIRY_WINDOW_DAYS = 3650;
const MAX_EXPIRING = 500;

@Resolver(() => Dashboard)
export class DashboardResolver {
  @Authorized(...permissions.viewDashboard)
  @Query(() => Dashboard)
  dashboard() {
    return {};
  }

  @FieldResolver(() => Int, { description: 'Purchase orders issued and not yet fully delivered.' })
  openPurchaseOrders(@Ctx() ctx: Context) {
    return openOrderCount(ctx.db, 'PURCHASE');
  }

  @FieldResolver(() => Int, { description: 'Sales orders issued and not yet fully delivered.' })
  openSalesOrders(@Ctx() ctx: Context) {
    return openOrderCount(ctx.db, 'SALES');
  }

  @FieldResolver(() => Int, { description: 'Deliveries whose estimated arrival has passed and that have not arrived.' })
  lateDeliveries(@Ctx() ctx: Context) {
    return lateDeliveryCount(ctx.db, ctx.now());
  }

  @FieldResolver(() => [CountByKey], { description: 'Open nonconformances per severity, every severity listed.' })
  openNonconformancesBySeverity(@Ctx() ctx: Context) {
    return openNonconformancesBySeverity(ctx.db);
  }

  @FieldResolver(() => Int)
  overdueNonconformances(@Ctx() ctx: Context) {
    return overdueNonconformanceCount(ctx.db, ctx.now());
  }

  @FieldResolver(() => Int, { description: 'Customer feedback past a service deadline (acknowledgeBy, resolveBy) that is not met.' })
  overdueFeedback(@Ctx() ctx: Context) {
    return overdueFeedbackCount(ctx.db, ctx.now());
  }

  @FieldResolver(() => [CountByKey], { description: 'Suppliers (not disqualified) per grade, A to D and UNGRADED.' })
  suppliersByGrade(@Ctx() ctx: Context) {
    return suppliersByGrade(ctx.db);
  }

  @FieldResolver(() => [SupplierRanking], { description: 'Suppliers with the most open purchase orders; at most 100.' })
  async topSuppliers(@Arg('first', () => Int, { defaultValue: 20 }) first: number, @Ctx() ctx: Context) {
    if (first < 0 || first > 100) throw new GraphQLError(msg`first must be between 0 and 100; got ${first}.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
    const rows = await topSuppliers(ctx.db, first, ctx.now(), ctx.timeZone);
    return Promise.all(rows.map(async (r) => ({ ...r, supplier: await ctx.loaders.supplierById.load(r.supplierId) })));
  }

  @FieldResolver(() => [Contract], { description: 'Active contracts whose effectiveTo falls within the next `days` days (today included), soonest first; at most 500.' })
  contractsExpiringWithin(@Arg('days', () => Int, { defaultValue: 30 }) days: number, @Ctx() ctx: Context) {
    if (days < 0 || days > MAX_EXPIRY_WINDOW_DAYS) {
      throw new GraphQLError(msg`days must be between 0 and ${MAX_EXPIRY_WINDOW_DAYS}; got ${days}.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'days' } });
    }
    const from = today(ctx);
    return contractsExpiringBetween(ctx.db, ctx.viewer!, from, addDays(from, days), MAX_EXPIRING);
  }
}
