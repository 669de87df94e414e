import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { permissions } from '../auth/permissions.js';
import { type Context, serviceContext } from '../context.js';
import { decodeActivityCursor, encodeActivityCursor } from '../db/queries/activity.js';
import { listOrders, type OrderSortField, type OrderView, orderConditions } from '../db/queries/orders.js';
import { activity, type ActivityRow, type OrderChangeRequestRow, type OrderLineChangeRow, type OrderLineRow } from '../db/schema/index.js';
import * as orders from '../domain/orders/service.js';
import { toGlobalId } from '../domain/shared/ids.js';
import type { HubEvent } from '../realtime/hub.js';
import { typed } from '../schema/common.js';
import { Contract } from '../schema/contracts.js';
import { Delivery } from '../schema/deliveries.js';
import {
  AcknowledgeOrderInput,
  CreateOrderInput,
  LineChange,
  Order,
  OrderActionInput,
  OrderChangeRequest,
  OrderChangeRequestPayload,
  OrderConnection,
  OrderFilter,
  OrderLine,
  OrderOrder,
  OrderPayload,
  OrderUpdate,
  RejectOrderInput,
  RequestOrderChangeInput,
  RespondToOrderChangeInput,
  WithdrawOrderChangeInput,
} from '../schema/orders.js';
import { PageArguments, Part, Partner } from '../schema/partners.js';
import { decodeOrderFilter, filterId } from '../read/filters.js';
import { payload } from './payload.js';

/** The order a list is sorted in: by due date unless asked otherwise. */
export const orderSortOf = (orderBy: OrderOrder | null | undefined): { field: OrderSortField; descending: boolean } => ({ field: orderBy?.field ?? 'DUE_DATE', descending: orderBy?.direction === 'DESC' });


/** Activity kinds that are order updates, and the change each one is. */
const orderChanges: Record<string, keyof typeof import('../schema/orders.js').OrderChange> = {
  ORDER_ISSUED: 'ISSUED',
  ORDER_ACKNOWLEDGED: 'ACKNOWLEDGED',
  ORDER_REJECTED: 'REJECTED',
  ORDER_CANCELLED: 'CANCELLED',
  ORDER_CLOSED: 'CLOSED',
  ORDER_CHANGE_REQUESTED: 'CHANGE_REQUESTED',
  ORDER_CHANGE_ACCEPTED: 'CHANGE_ACCEPTED',
  ORDER_CHANGE_REJECTED: 'CHANGE_REJECTED',
  ORDER_CHANGE_WITHDRAWN: 'CHANGE_WITHDRAWN',
  DELIVERY_RECEIVED: 'DELIVERY_RECEIVED',
};

@Resolver(() => Order)
export class OrderResolver {
  @Authorized()
  @Query(() => OrderConnection)
  async orders(
    @Args(() => PageArguments) page: PageArguments,
    @Arg('filter', () => OrderFilter, { nullable: true }) filter: OrderFilter | null,
    @Arg('orderBy', () => OrderOrder, { nullable: true }) orderBy: OrderOrder | null,
    @Ctx() ctx: Context,
  ) {
    return listOrders(ctx.db, page, orderConditions(ctx.viewer!, decodeOrderFilter(filter)), orderSortOf(orderBy));
  }

  @FieldResolver(() => ID)
  id(@Root() o: OrderView) {
    return toGlobalId('Order', o.id);
  }

  @FieldResolver(() => Partner)
  async partner(@Root() o: OrderView, @Ctx() ctx: Context) {
    if (o.supplierId !== null) return typed('Supplier', (await ctx.loaders.supplierById.load(o.supplierId))!);
    return typed('Customer', (await ctx.loaders.customerById.load(o.customerId!))!);
  }

  @FieldResolver(() => Contract, { nullable: true })
  contract(@Root() o: OrderView, @Ctx() ctx: Context) {
    return o.contractId === null ? null : ctx.loaders.contractById.load(o.contractId);
  }

  @FieldResolver(() => [OrderLine])
  lines(@Root() o: OrderView, @Ctx() ctx: Context) {
    return ctx.loaders.linesByOrderId.load(o.id);
  }

  @FieldResolver(() => [OrderChangeRequest])
  changeRequests(@Root() o: OrderView, @Ctx() ctx: Context) {
    return ctx.loaders.changeRequestsByOrderId.load(o.id);
  }

  @FieldResolver(() => [Delivery])
  deliveries(@Root() o: OrderView, @Ctx() ctx: Context) {
    return ctx.loaders.deliveriesByOrderId.load(o.id);
  }

  @Authorized(...permissions.createOrder)
  @Mutation(() => OrderPayload)
  async createOrder(@Arg('input', () => CreateOrderInput) input: CreateOrderInput, @Ctx() ctx: Context) {
    return payload(ctx, 'order', await orders.createOrder(serviceContext(ctx), input));
  }

  @Authorized(...permissions.issueOrder)
  @Mutation(() => OrderPayload)
  async issueOrder(@Arg('input', () => OrderActionInput) input: OrderActionInput, @Ctx() ctx: Context) {
    return payload(ctx, 'order', await orders.issueOrder(serviceContext(ctx), input));
  }

  @Authorized(...permissions.acknowledgeOrder)
  @Mutation(() => OrderPayload)
  async acknowledgeOrder(@Arg('input', () => AcknowledgeOrderInput) input: AcknowledgeOrderInput, @Ctx() ctx: Context) {
    return payload(ctx, 'order', await orders.acknowledgeOrder(serviceContext(ctx), input));
  }

  @Authorized(...permissions.rejectOrder)
  @Mutation(() => OrderPayload)
  async rejectOrder(@Arg('input', () => RejectOrderInput) input: RejectOrderInput, @Ctx() ctx: Context) {
    return payload(ctx, 'order', await orders.rejectOrder(serviceContext(ctx), input));
  }

  @Authorized(...permissions.cancelOrder)
  @Mutation(() => OrderPayload)
  async cancelOrder(@Arg('input', () => OrderActionInput) input: OrderActionInput, @Ctx() ctx: Context) {
    return payload(ctx, 'order', await orders.cancelOrder(serviceContext(ctx), input));
  }

  @Authorized(...permissions.closeOrder)
  @Mutation(() => OrderPayload)
  async closeOrder(@Arg('input', () => OrderActionInput) input: OrderActionInput, @Ctx() ctx: Context) {
    return payload(ctx, 'order', await orders.closeOrder(serviceContext(ctx), input));
  }

  @Authorized(...permissions.requestOrderChange)
  @Mutation(() => OrderChangeRequestPayload)
  async requestOrderChange(@Arg('input', () => RequestOrderChangeInput) input: RequestOrderChangeInput, @Ctx() ctx: Context) {
    return payload(ctx, 'changeRequest', await orders.requestOrderChange(serviceContext(ctx), input));
  }

  @Authorized(...permissions.respondToOrderChange)
  @Mutation(() => OrderChangeRequestPayload)
  async respondToOrderChange(@Arg('input', () => RespondToOrderChangeInput) input: RespondToOrderChangeInput, @Ctx() ctx: Context) {
    return payload(ctx, 'changeRequest', await orders.respondToOrderChange(serviceContext(ctx), input));
  }

  @Authorized(...permissions.withdrawOrderChange)
  @Mutation(() => OrderChangeRequestPayload, { description: 'The side that asked for a change withdraws it while it is PENDING.' })
  async withdrawOrderChange(@Arg('input', () => WithdrawOrderChangeInput) input: WithdrawOrderChangeInput, @Ctx() ctx: Context) {
    return payload(ctx, 'changeRequest', await orders.withdrawOrderChange(serviceContext(ctx), input));
  }

  @Authorized()
  @Subscription(() => OrderUpdate, {
    description: 'Changes of the orders the viewer may see; `after` replays what was recorded after that cursor first.',
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      const a = args as { orderId?: string | null; after?: string | null };
      const orderId = filterId(a.orderId, 'Order');
      const kinds = Object.keys(orderChanges);
      const where: SQL | undefined = and(inArray(activity.kind, kinds), orderId === null ? undefined : eq(activity.orderId, orderId));
      return ctx.hub.subscribe({
        viewer: ctx.viewer!,
        where,
        matches: (row: ActivityRow) => row.kind in orderChanges && (orderId === null || row.orderId === orderId),
        after: a.after == null ? null : decodeActivityCursor(a.after),
      });
    },
  })
  orderUpdated(
    @Root() event: HubEvent,
    @Arg('orderId', () => ID, { nullable: true }) _orderId: string | null,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ) {
    return {
      cursor: encodeActivityCursor(event.row),
      occurredAt: event.row.occurredAt,
      change: orderChanges[event.row.kind],
      order: event.order,
      changeRequest: event.changeRequest ?? null,
    };
  }
}

@Resolver(() => OrderLine)
export class OrderLineResolver {
  @FieldResolver(() => ID)
  id(@Root() line: OrderLineRow) {
    return toGlobalId('OrderLine', line.id);
  }

  @FieldResolver(() => Part)
  part(@Root() line: OrderLineRow, @Ctx() ctx: Context) {
    return ctx.loaders.partOfVisibleRecord.load(line.partId);
  }
}

@Resolver(() => OrderChangeRequest)
export class OrderChangeRequestResolver {
  @FieldResolver(() => ID)
  id(@Root() request: OrderChangeRequestRow) {
    return toGlobalId('OrderChangeRequest', request.id);
  }

  @FieldResolver(() => Order)
  order(@Root() request: OrderChangeRequestRow, @Ctx() ctx: Context) {
    return ctx.loaders.orderById.load(request.orderId);
  }

  @FieldResolver(() => [LineChange])
  changes(@Root() request: OrderChangeRequestRow, @Ctx() ctx: Context) {
    return ctx.loaders.lineChangesByRequestId.load(request.id);
  }
}

@Resolver(() => LineChange)
export class LineChangeResolver {
  @FieldResolver(() => OrderLine)
  line(@Root() change: OrderLineChangeRow, @Ctx() ctx: Context) {
    return ctx.loaders.orderLineById.load(change.lineId);
  }
}
