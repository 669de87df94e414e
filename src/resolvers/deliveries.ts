import { and, eq, like, type SQL } from 'drizzle-orm';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { permissions } from '../auth/permissions.js';
import { type Context, serviceContext } from '../context.js';
import { decodeActivityCursor, encodeActivityCursor } from '../db/queries/activity.js';
import { deliveryConditions, listDeliveries } from '../db/queries/deliveries.js';
import { activity, type ActivityRow, type DeliveryEventRow, type DeliveryLineRow, type DeliveryRow } from '../db/schema/index.js';
import * as deliveries from '../domain/deliveries/service.js';
import { toGlobalId } from '../domain/shared/ids.js';
import type { HubEvent } from '../realtime/hub.js';
import {
  CreateDeliveryInput,
  Delivery,
  DeliveryConnection,
  DeliveryEvent,
  DeliveryFilter,
  DeliveryLine,
  DeliveryPayload,
  DeliveryUpdate,
  ReceiveDeliveryInput,
  RecordDeliveryEventInput,
} from '../schema/deliveries.js';
import { Order, OrderLine } from '../schema/orders.js';
import { Inspection } from '../schema/inspections.js';
import { deliveryLineKey } from '../db/queries/inspections.js';
import { PageArguments } from '../schema/partners.js';
import { decodeDeliveryFilter, filterId } from '../read/filters.js';
import { payload } from './payload.js';

@Resolver(() => Delivery)
export class DeliveryResolver {
  @Authorized()
  @Query(() => DeliveryConnection)
  deliveries(@Args(() => PageArguments) page: PageArguments, @Arg('filter', () => DeliveryFilter, { nullable: true }) filter: DeliveryFilter | null, @Ctx() ctx: Context) {
    return listDeliveries(ctx.db, page, deliveryConditions(ctx.viewer!, decodeDeliveryFilter(filter), ctx.now()));
  }

  @FieldResolver(() => ID)
  id(@Root() d: DeliveryRow) {
    return toGlobalId('Delivery', d.id);
  }

  @FieldResolver(() => Order)
  order(@Root() d: DeliveryRow, @Ctx() ctx: Context) {
    return ctx.loaders.orderById.load(d.orderId);
  }

  @FieldResolver(() => [DeliveryLine])
  lines(@Root() d: DeliveryRow, @Ctx() ctx: Context) {
    return ctx.loaders.deliveryLinesByDeliveryId.load(d.id);
  }

  @FieldResolver(() => [DeliveryEvent])
  events(@Root() d: DeliveryRow, @Ctx() ctx: Context) {
    return ctx.loaders.deliveryEventsByDeliveryId.load(d.id);
  }

  @Authorized(...permissions.createDelivery)
  @Mutation(() => DeliveryPayload)
  async createDelivery(@Arg('input', () => CreateDeliveryInput) input: CreateDeliveryInput, @Ctx() ctx: Context) {
    return payload(ctx, 'delivery', await deliveries.createDelivery(serviceContext(ctx), input));
  }

  @Authorized(...permissions.recordDeliveryEvent)
  @Mutation(() => DeliveryPayload)
  async recordDeliveryEvent(@Arg('input', () => RecordDeliveryEventInput) input: RecordDeliveryEventInput, @Ctx() ctx: Context) {
    return payload(ctx, 'delivery', await deliveries.recordDeliveryEvent(serviceContext(ctx), input));
  }

  @Authorized(...permissions.receiveDelivery)
  @Mutation(() => DeliveryPayload, { description: 'Books received quantities on the order lines and moves the order to PARTIALLY_DELIVERED or DELIVERED.' })
  async receiveDelivery(@Arg('input', () => ReceiveDeliveryInput) input: ReceiveDeliveryInput, @Ctx() ctx: Context) {
    return payload(ctx, 'delivery', await deliveries.receiveDelivery(serviceContext(ctx), input));
  }

  @Authorized()
  @Subscription(() => DeliveryUpdate, {
    description: 'Status events of the deliveries the viewer may see; `after` replays what was recorded after that cursor first.',
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      const a = args as { orderId?: string | null; deliveryId?: string | null; after?: string | null };
      const orderId = filterId(a.orderId, 'Order');
      const deliveryId = filterId(a.deliveryId, 'Delivery');
      const after = a.after == null ? null : decodeActivityCursor(a.after);
      const where: SQL | undefined = and(
        eq(activity.subjectType, 'Delivery'),
        like(activity.kind, 'DELIVERY\\_%'),
        orderId === null ? undefined : eq(activity.orderId, orderId),
        deliveryId === null ? undefined : eq(activity.subjectId, deliveryId),
      );
      return ctx.hub.subscribe({
        viewer: ctx.viewer!,
        where,
        matches: (row: ActivityRow) => row.subjectType === 'Delivery' && row.kind.startsWith('DELIVERY_') && (orderId === null || row.orderId === orderId) && (deliveryId === null || row.subjectId === deliveryId),
        after,
      });
    },
  })
  deliveryUpdated(
    @Root() event: HubEvent,
    @Arg('orderId', () => ID, { nullable: true }) _orderId: string | null,
    @Arg('deliveryId', () => ID, { nullable: true }) _deliveryId: string | null,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ) {
    return { cursor: encodeActivityCursor(event.row), occurredAt: event.row.occurredAt, delivery: event.delivery, event: event.deliveryEvent };
  }
}

@Resolver(() => DeliveryLine)
export class DeliveryLineResolver {
  @FieldResolver(() => Inspection, { nullable: true, description: 'The incoming inspection of this line of a received purchase delivery.' })
  inspection(@Root() line: DeliveryLineRow, @Ctx() ctx: Context) {
    return ctx.loaders.inspectionByDeliveryLine.load(deliveryLineKey(line.deliveryId, line.orderLineId));
  }

  @FieldResolver(() => OrderLine)
  orderLine(@Root() line: DeliveryLineRow, @Ctx() ctx: Context) {
    return ctx.loaders.orderLineById.load(line.orderLineId);
  }
}

@Resolver(() => DeliveryEvent)
export class DeliveryEventResolver {
  @FieldResolver(() => ID)
  id(@Root() e: DeliveryEventRow) {
    return toGlobalId('DeliveryEvent', e.id);
  }
}
