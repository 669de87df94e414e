import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { endpointViewer } from '../integration/webhooks/payload.js';
import { sealWithConfiguredKey } from '../integration/webhooks/secret-box.js';
import { subscriptionDocumentProblem } from '../integration/webhooks/subscription-documents.js';
import { permissions } from '../auth/permissions.js';
import { type Context, contextWith, serviceContext } from '../context.js';
import { listWebhookDeliveries, listWebhookEndpoints } from '../db/queries/webhooks.js';
import type { WebhookDeliveryRow, WebhookEndpointRow } from '../db/schema/index.js';
import * as webhooks from '../domain/integration/webhook-service.js';
import { toGlobalId } from '../domain/shared/ids.js';
import type { Result } from '../domain/shared/result.js';
import {
  RedeliverWebhookInput,
  RedeliverWebhooksSinceInput,
  RedeliverWebhooksSincePayload,
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

/** The payload of a use case that answers with the endpoint and one more field (the secret, a count). */
function endpointPayload<T extends { endpoint: WebhookEndpointRow }, K extends Exclude<keyof T, 'endpoint'> & string>(ctx: Context, result: Result<T>, more: K) {
  const shaped = payload(ctx, 'endpoint', result.ok ? { ok: true as const, value: result.value.endpoint } : result);
  return { ...shaped, [more]: result.ok ? result.value[more] : null };
}

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
  async registerWebhookEndpoint(@Arg('input', () => RegisterWebhookEndpointInput) input: RegisterWebhookEndpointInput, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    // A payload document is checked as the endpoint's owner will run it (a partner's users, or the company as ADMIN).
    const owner = endpointViewer({ id: 'new', supplierId: ctx.viewer!.organization?.type === 'Supplier' ? ctx.viewer!.organization.id : null, customerId: ctx.viewer!.organization?.type === 'Customer' ? ctx.viewer!.organization.id : null });
    const check = (query: string) => subscriptionDocumentProblem(info.schema, query, contextWith(ctx, { viewer: owner }));
    return endpointPayload(ctx, await webhooks.registerWebhookEndpoint(serviceContext(ctx), input, check, sealWithConfiguredKey), 'secret');
  }

  @Authorized(...permissions.setWebhookEndpointActive)
  @Mutation(() => WebhookEndpointPayload, { description: 'Turns an endpoint off, or back on.' })
  async setWebhookEndpointActive(@Arg('input', () => SetWebhookEndpointActiveInput) input: SetWebhookEndpointActiveInput, @Ctx() ctx: Context) {
    return payload(ctx, 'endpoint', await webhooks.setWebhookEndpointActive(serviceContext(ctx), input));
  }

  @Authorized(...permissions.redeliverWebhooksSince)
  @Mutation(() => RedeliverWebhooksSincePayload, { description: 'Sends again every event of an endpoint after an activity cursor, in order per subject, with the same webhook-ids.' })
  async redeliverWebhooksSince(@Arg('input', () => RedeliverWebhooksSinceInput) input: RedeliverWebhooksSinceInput, @Ctx() ctx: Context) {
    return endpointPayload(ctx, await webhooks.redeliverWebhooksSince(serviceContext(ctx), input), 'count');
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
