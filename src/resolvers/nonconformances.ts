import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { permissions } from '../auth/permissions.js';
import { actorNameFor } from '../auth/actor-name.js';
import { type Context, serviceContext } from '../context.js';
import { partnerFilter } from '../db/scope.js';
import { decodeActivityCursor, encodeActivityCursor } from '../db/queries/activity.js';
import { listNonconformances, nonconformanceConditions } from '../db/queries/nonconformances.js';
import { activity, type ActivityRow, type NonconformanceHistoryRow, type NonconformanceRow } from '../db/schema/index.js';
import { isOverdue } from '../domain/nonconformances/lifecycle.js';
import * as nonconformances from '../domain/nonconformances/service.js';
import { toGlobalId } from '../domain/shared/ids.js';
import type { HubEvent } from '../realtime/hub.js';
import { Delivery } from '../schema/deliveries.js';
import { Inspection } from '../schema/inspections.js';
import {
  Nonconformance,
  NonconformanceConnection,
  NonconformanceFilter,
  NonconformanceHistoryEntry,
  NonconformancePayload,
  NonconformanceUpdate,
  ReportNonconformanceInput,
  RespondToNonconformanceInput,
  TransitionNonconformanceInput,
} from '../schema/nonconformances.js';
import { Order } from '../schema/orders.js';
import { Customer, PageArguments, Part, Supplier } from '../schema/partners.js';
import { decodeNonconformanceFilter, filterId } from '../read/filters.js';
import { payload } from './payload.js';

/**
 * A customer follows a nonconformance raised from its complaint by its status; the problem-solving
 * record and the notes are between us and the supplier, and the supplier stays unnamed.
 */
function forCustomer(ctx: Context): boolean {
  return ctx.viewer?.organization?.type === 'Customer';
}


const changes: Record<string, 'REPORTED' | 'STATUS_CHANGED' | 'RESPONSE_SUBMITTED'> = {
  NONCONFORMANCE_REPORTED: 'REPORTED',
  NONCONFORMANCE_STATUS_CHANGED: 'STATUS_CHANGED',
  NONCONFORMANCE_RESPONSE_SUBMITTED: 'RESPONSE_SUBMITTED',
};

@Resolver(() => Nonconformance)
export class NonconformanceResolver {
  @Authorized()
  @Query(() => NonconformanceConnection)
  nonconformances(@Args(() => PageArguments) page: PageArguments, @Arg('filter', () => NonconformanceFilter, { nullable: true }) filter: NonconformanceFilter | null, @Ctx() ctx: Context) {
    return listNonconformances(ctx.db, page, nonconformanceConditions(ctx.viewer!, decodeNonconformanceFilter(filter), ctx.now()));
  }

  @FieldResolver(() => ID)
  id(@Root() nc: NonconformanceRow) {
    return toGlobalId('Nonconformance', nc.id);
  }

  @FieldResolver(() => Boolean)
  overdue(@Root() nc: NonconformanceRow, @Ctx() ctx: Context) {
    return isOverdue(nc, ctx.now());
  }

  @FieldResolver(() => Part)
  part(@Root() nc: NonconformanceRow, @Ctx() ctx: Context) {
    return ctx.loaders.partOfVisibleRecord.load(nc.partId);
  }

  @FieldResolver(() => Supplier, { nullable: true })
  supplier(@Root() nc: NonconformanceRow, @Ctx() ctx: Context) {
    return nc.supplierId === null ? null : ctx.loaders.supplierById.load(nc.supplierId);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() nc: NonconformanceRow, @Ctx() ctx: Context) {
    return nc.customerId === null ? null : ctx.loaders.customerById.load(nc.customerId);
  }

  @FieldResolver(() => Order, { nullable: true })
  order(@Root() nc: NonconformanceRow, @Ctx() ctx: Context) {
    return nc.orderId === null ? null : ctx.loaders.orderById.load(nc.orderId);
  }

  @FieldResolver(() => Delivery, { nullable: true })
  delivery(@Root() nc: NonconformanceRow, @Ctx() ctx: Context) {
    return nc.deliveryId === null ? null : ctx.loaders.deliveryById.load(nc.deliveryId);
  }

  @FieldResolver(() => Inspection, { nullable: true })
  inspection(@Root() nc: NonconformanceRow, @Ctx() ctx: Context) {
    return nc.inspectionId === null ? null : ctx.loaders.inspectionById.load(nc.inspectionId);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The problem-solving record: contain, find the cause, act, verify, prevent. Not shown to customers.' })
  containment(@Root() nc: NonconformanceRow, @Ctx() ctx: Context) {
    return forCustomer(ctx) ? null : nc.containment;
  }

  @FieldResolver(() => String, { nullable: true })
  rootCause(@Root() nc: NonconformanceRow, @Ctx() ctx: Context) {
    return forCustomer(ctx) ? null : nc.rootCause;
  }

  @FieldResolver(() => String, { nullable: true })
  correctiveAction(@Root() nc: NonconformanceRow, @Ctx() ctx: Context) {
    return forCustomer(ctx) ? null : nc.correctiveAction;
  }

  @FieldResolver(() => String, { nullable: true })
  preventiveAction(@Root() nc: NonconformanceRow, @Ctx() ctx: Context) {
    return forCustomer(ctx) ? null : nc.preventiveAction;
  }

  @FieldResolver(() => String, { nullable: true })
  verification(@Root() nc: NonconformanceRow, @Ctx() ctx: Context) {
    return forCustomer(ctx) ? null : nc.verification;
  }

  @FieldResolver(() => [NonconformanceHistoryEntry], { description: 'Every step; a customer sees the steps without their notes, and supplier users unnamed.' })
  async history(@Root() nc: NonconformanceRow, @Ctx() ctx: Context) {
    const customer = forCustomer(ctx);
    return (await ctx.loaders.nonconformanceHistoryById.load(nc.id)).map((h: NonconformanceHistoryRow) => ({
      at: h.at,
      by: actorNameFor(ctx.viewer, { organizationId: h.byOrganizationId, name: h.byName }, nc),
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      note: customer ? null : h.note,
    }));
  }

  @Authorized(...permissions.reportNonconformance)
  @Mutation(() => NonconformancePayload)
  async reportNonconformance(@Arg('input', () => ReportNonconformanceInput) input: ReportNonconformanceInput, @Ctx() ctx: Context) {
    return payload(ctx, 'nonconformance', await nonconformances.reportNonconformance(serviceContext(ctx), input));
  }

  @Authorized(...permissions.respondToNonconformance)
  @Mutation(() => NonconformancePayload)
  async respondToNonconformance(@Arg('input', () => RespondToNonconformanceInput) input: RespondToNonconformanceInput, @Ctx() ctx: Context) {
    return payload(ctx, 'nonconformance', await nonconformances.respondToNonconformance(serviceContext(ctx), input));
  }

  @Authorized(...permissions.transitionNonconformance)
  @Mutation(() => NonconformancePayload)
  async transitionNonconformance(@Arg('input', () => TransitionNonconformanceInput) input: TransitionNonconformanceInput, @Ctx() ctx: Context) {
    return payload(ctx, 'nonconformance', await nonconformances.transitionNonconformance(serviceContext(ctx), input));
  }

  @Authorized()
  @Subscription(() => NonconformanceUpdate, {
    description: 'Changes of the nonconformances the viewer may see; `after` replays what was recorded after that cursor first.',
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      const a = args as { supplierId?: string | null; customerId?: string | null; after?: string | null };
      const { supplierId, customerId } = partnerFilter(ctx.viewer!, { supplierId: filterId(a.supplierId, 'Supplier'), customerId: filterId(a.customerId, 'Customer') });
      const after = a.after == null ? null : decodeActivityCursor(a.after);
      const where: SQL | undefined = and(
        eq(activity.subjectType, 'Nonconformance'),
        inArray(activity.kind, Object.keys(changes)),
        supplierId === null ? undefined : eq(activity.supplierId, supplierId),
        customerId === null ? undefined : eq(activity.customerId, customerId),
      );
      return ctx.hub.subscribe({
        viewer: ctx.viewer!,
        where,
        matches: (row: ActivityRow) => row.subjectType === 'Nonconformance' && row.kind in changes && (supplierId === null || row.supplierId === supplierId) && (customerId === null || row.customerId === customerId),
        after,
      });
    },
  })
  nonconformanceUpdated(
    @Root() event: HubEvent,
    @Arg('supplierId', () => ID, { nullable: true }) _supplierId: string | null,
    @Arg('customerId', () => ID, { nullable: true }) _customerId: string | null,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ) {
    return { cursor: encodeActivityCursor(event.row), occurredAt: event.row.occurredAt, change: changes[event.row.kind], nonconformance: event.nonconformance };
  }
}
