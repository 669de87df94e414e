import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, DateTimeScalar, EdgeType, Payload } from './common.js';

export const WebhookDeliveryStatus = { PENDING: 'PENDING', DELIVERED: 'DELIVERED' } as const;
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Whether the endpoint has taken an event.',
  valuesConfig: {
    PENDING: { description: 'Not yet answered with 2xx: waiting for its turn, or for the back-off after a failed attempt.' },
    DELIVERED: { description: 'The endpoint answered 2xx.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'One event for one endpoint, with its last attempt: the delivery log.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'The delivery (pass it to redeliverWebhook).' }) id: string;
  @Field(() => ID, { description: 'The event: the activity entry, also sent as the webhook-id header (the same on every retry).' }) eventId: string;
  @Field(() => String, { description: 'The activity kind, e.g. ORDER_ACKNOWLEDGED.' }) kind: string;
  @Field(() => WebhookDeliveryStatus, { description: 'PENDING until the endpoint answers 2xx, then DELIVERED.' }) status: keyof typeof WebhookDeliveryStatus;
  @Field(() => Int, { description: 'Attempts made so far.' }) attempts: number;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the last attempt was made.' }) lastAttemptAt: Date | null;
  @Field(() => Int, { nullable: true, description: "The HTTP status of the last attempt's answer; null when there was none (time-out, refused address, connection error)." }) lastStatusCode: number | null;
  @Field(() => Int, { nullable: true, description: 'How long the last attempt took, in milliseconds.' }) lastLatencyMs: number | null;
  @Field(() => String, { nullable: true, description: 'The first 1,024 characters of the last answer, or why there was none.' }) lastResponse: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'After a failed attempt: the next is not before this (exponential back-off).' }) nextAttemptAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the endpoint answered 2xx.' }) deliveredAt: Date | null;
  @Field(() => DateTimeScalar, { description: 'When the event was queued for this endpoint.' }) createdAt: Date;
}

@ObjectType({ simpleResolvers: true })
export class WebhookDeliveryEdge extends EdgeType(WebhookDelivery) {}
@ObjectType({ simpleResolvers: true })
export class WebhookDeliveryConnection extends ConnectionType(WebhookDelivery, WebhookDeliveryEdge) {}

@ObjectType({
  simpleResolvers: true,
  description:
    'Where events are POSTed, signed as Standard Webhooks says (webhook-id, webhook-timestamp, webhook-signature: HMAC-SHA256 with the secret). The company\'s endpoints receive every event; a partner\'s only what its own users could see.',
})
export class WebhookEndpoint {
  @Field(() => ID, { description: 'The endpoint (pass it to setWebhookEndpointActive).' }) id: string;
  @Field(() => String, { description: 'Where events are POSTed.' }) url: string;
  @Field(() => [String], { description: 'The activity kinds sent; empty for every kind.' }) eventKinds: string[];
  @Field(() => String, { nullable: true, description: 'The subscription document that shapes the payload; null: the activity entry.' }) query: string | null;
  @Field(() => Boolean, { description: 'False when turned off by its owner or by the server (see disabledReason).' }) active: boolean;
  @Field(() => String, { nullable: true, description: 'Why the server turned it off: it failed for longer than the configured time (a day by default).' }) disabledReason: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Since when deliveries fail without a success; null while they succeed.' }) failingSince: Date | null;
  @Field(() => DateTimeScalar) createdAt: Date;
}

@ObjectType({ simpleResolvers: true })
export class WebhookEndpointEdge extends EdgeType(WebhookEndpoint) {}
@ObjectType({ simpleResolvers: true })
export class WebhookEndpointConnection extends ConnectionType(WebhookEndpoint, WebhookEndpointEdge) {}

@InputType({ description: 'A new endpoint of the viewer\'s organisation, or of the company (ADMIN).' })
export class RegisterWebhookEndpointInput {
  @Field(() => String, { description: 'An absolute https:// URL (http:// too; private and loopback addresses only where the server allows them).' }) url: string;
  @Field(() => [String], { nullable: true, description: 'Activity kinds to send, e.g. ORDER_ACKNOWLEDGED; none or empty for every kind.' }) eventKinds?: string[] | null;
  @Field(() => String, {
    nullable: true,
    description:
      'A subscription document that shapes the payload, as in Saleor: e.g. `subscription { deliveryUpdated { delivery { number status } event { status location } } }`. Each event that subscription would deliver to the owner is sent with its `data`; eventKinds narrows further. Validated now against the schema, the operation limits and the owner\'s permissions.',
  })
  query?: string | null;
}

@InputType({ description: 'Turns an endpoint off or back on.' })
export class SetWebhookEndpointActiveInput {
  @Field(() => ID) id: string;
  @Field(() => Boolean, { description: 'On again: pending events are retried at once and disabledReason is cleared.' }) active: boolean;
}

@InputType({ description: 'Sends one logged event to its endpoint again.' })
export class RedeliverWebhookInput {
  @Field(() => ID) deliveryId: string;
}

@InputType({ description: "Sends again every event of an endpoint after a point of the activity feed." })
export class RedeliverWebhooksSinceInput {
  @Field(() => ID, { description: 'The endpoint whose events are sent again.' }) endpointId: string;
  @Field(() => String, { description: 'An activity cursor: the `cursor` of a delivered payload, or of the activity feed. Events after it are sent again, in order, with their webhook-ids.' }) after: string;
}

@ObjectType({ simpleResolvers: true })
export class RedeliverWebhooksSincePayload extends Payload {
  @Field(() => WebhookEndpoint, { nullable: true }) endpoint: WebhookEndpoint | null;
  @Field(() => Int, { nullable: true, description: 'How many events are sent again.' }) count: number | null;
}

@ObjectType({ simpleResolvers: true })
export class RegisterWebhookEndpointPayload extends Payload {
  @Field(() => WebhookEndpoint, { nullable: true }) endpoint: WebhookEndpoint | null;
  @Field(() => String, { nullable: true, description: 'The signing secret (whsec_…), shown this once: keep it; it cannot be read again.' }) secret: string | null;
}

@ObjectType({ simpleResolvers: true })
export class WebhookEndpointPayload extends Payload {
  @Field(() => WebhookEndpoint, { nullable: true }) endpoint: WebhookEndpoint | null;
}

@ObjectType({ simpleResolvers: true })
export class WebhookDeliveryPayload extends Payload {
  @Field(() => WebhookDelivery, { nullable: true }) delivery: WebhookDelivery | null;
}
