import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { permissions } from '../auth/permissions.js';
import { type Context, serviceContext } from '../context.js';
import { listWebhookDeliveries, listWebhookEndpoints } from '../db/queries/webhooks.js';
import type { WebhookDeliveryRow, WebhookEndpointRow } from '../db/schema/index.js';
import * as webhooks from '../domain/integration/webhook-service.js';
import { toGlobalId } from '../domain/shared/ids.js';
import {
  RedeliverWebhookInput,
  RegisterWebhookEndpointInput,
  RegisterWebhookEndpointPayload,
  SetWebhookEndpointActiveInput,
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookDeliveryPayload,
  WebhookEndpoint,
  WebhookEndpointConnection,
  WebhookEndpointPayload,
} from '../schema/webhooks.js';
import { payload } from './payload.js';

@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  @Authorized()
  @Query(() => WebhookEndpointConnection, { description: "The webhook endpoints the viewer manages: a partner's users those of their organisation, staff every one." })
  webhookEndpoints(@Arg('first', () => Int, { nullable: true, description: 'Page size, at most 100 (20 when not given).' }) first: number | null, @Arg('after', () => String, { nullable: true }) after: string | null, @Ctx() ctx: Context) {
    return listWebhookEndpoints(ctx.db, ctx.viewer!, { first, after });
  }

  @FieldResolver(() => ID)
  id(@Root() row: WebhookEndpointRow) {
    return toGlobalId('WebhookEndpoint', row.id);
  }

  @FieldResolver(() => WebhookDeliveryConnection, { description: 'The delivery log, newest first: every event queued for this endpoint and its last attempt.' })
  deliveries(@Root() row: WebhookEndpointRow, @Arg('first', () => Int, { nullable: true, description: 'Page size, at most 100 (20 when not given).' }) first: number | null, @Arg('after', () => String, { nullable: true }) after: string | null, @Ctx() ctx: Context) {
    return listWebhookDeliveries(ctx.db, row.id, { first, after });
  }

  @Authorized(...permissions.registerWebhookEndpoint)
  @Mutation(() => RegisterWebhookEndpointPayload, { description: "Registers an endpoint for the viewer's organisation, or for the company (ADMIN). The answer holds the signing secret, once." })
  async registerWebhookEndpoint(@Arg('input', () => RegisterWebhookEndpointInput) input: RegisterWebhookEndpointInput, @Ctx() ctx: Context) {
    const result = await webhooks.registerWebhookEndpoint(serviceContext(ctx), input);
    const shaped = payload(ctx, 'endpoint', result.ok ? { ok: true as const, value: result.value.endpoint } : result);
    return { ...shaped, secret: result.ok ? result.value.secret : null };
  }

  @Authorized(...permissions.setWebhookEndpointActive)
  @Mutation(() => WebhookEndpointPayload, { description: 'Turns an endpoint off, or back on.' })
  async setWebhookEndpointActive(@Arg('input', () => SetWebhookEndpointActiveInput) input: SetWebhookEndpointActiveInput, @Ctx() ctx: Context) {
    return payload(ctx, 'endpoint', await webhooks.setWebhookEndpointActive(serviceContext(ctx), input));
  }

  @Authorized(...permissions.redeliverWebhook)
  @Mutation(() => WebhookDeliveryPayload, { description: 'Sends one logged event to its endpoint again, with the same webhook-id.' })
  async redeliverWebhook(@Arg('input', () => RedeliverWebhookInput) input: RedeliverWebhookInput, @Ctx() ctx: Context) {
    return payload(ctx, 'delivery', await webhooks.redeliverWebhook(serviceContext(ctx), input));
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => ID)
  id(@Root() row: WebhookDeliveryRow) {
    return toGlobalId('WebhookDelivery', row.id);
  }

  @FieldResolver(() => ID)
  eventId(@Root() row: WebhookDeliveryRow) {
    return toGlobalId('Activity', String(row.activityId));
  }
}
