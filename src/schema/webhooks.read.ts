import { eq, sql } from 'drizzle-orm';
import { webhookDeliveries, webhookEndpoints } from '../db/schema/index.js';
import { column, globalId, instant } from '../read/fields.js';
import { type ConnectionModel, connection, type RootModel, type TableModel, table } from '../read/model.js';
import { sortOf } from '../read/sort.js';

/** Read models of webhook endpoints and their delivery logs (see src/read/model.ts and src/db/queries/webhooks.ts). */

export const webhookDeliveryModel: TableModel = table({
  type: 'WebhookDelivery',
  from: sql`${webhookDeliveries}`,
  key: webhookDeliveries.id,
  scope: (env) => env.scope.webhookDeliveries,
  fields: {
    id: globalId('WebhookDelivery', webhookDeliveries.id),
    eventId: globalId('Activity', webhookDeliveries.activityId),
    kind: column(webhookDeliveries.kind),
    status: column(webhookDeliveries.status),
    attempts: column(webhookDeliveries.attempts),
    lastAttemptAt: instant(webhookDeliveries.lastAttemptAt),
    lastStatusCode: column(webhookDeliveries.lastStatusCode),
    lastLatencyMs: column(webhookDeliveries.lastLatencyMs),
    lastResponse: column(webhookDeliveries.lastResponse),
    nextAttemptAt: instant(webhookDeliveries.nextAttemptAt),
    deliveredAt: instant(webhookDeliveries.deliveredAt),
    createdAt: instant(webhookDeliveries.createdAt),
  },
});

/** An endpoint's log, newest first (listWebhookDeliveries). */
const deliveryConnection: ConnectionModel = {
  type: 'WebhookDeliveryConnection',
  node: () => webhookDeliveryModel,
  where: (env) => env.scope.webhookDeliveries,
  sort: () => sortOf({ name: 'created', expression: webhookDeliveries.createdAt, cast: 'timestamptz' }, webhookDeliveries.id, true),
  backward: false,
};

export const webhookEndpointModel: TableModel = table({
  type: 'WebhookEndpoint',
  from: sql`${webhookEndpoints}`,
  key: webhookEndpoints.id,
  scope: (env) => env.scope.webhookEndpoints,
  fields: {
    id: globalId('WebhookEndpoint', webhookEndpoints.id),
    url: column(webhookEndpoints.url),
    eventKinds: column(webhookEndpoints.eventKinds),
    query: column(webhookEndpoints.query),
    active: column(webhookEndpoints.active),
    disabledReason: column(webhookEndpoints.disabledReason),
    failingSince: instant(webhookEndpoints.failingSince),
    createdAt: instant(webhookEndpoints.createdAt),
    deliveries: connection(() => deliveryConnection, eq(webhookDeliveries.endpointId, webhookEndpoints.id)),
  },
});

const endpointConnection: ConnectionModel = {
  type: 'WebhookEndpointConnection',
  node: () => webhookEndpointModel,
  where: (env) => env.scope.webhookEndpoints,
  sort: () => sortOf({ name: 'created', expression: webhookEndpoints.createdAt, cast: 'timestamptz' }, webhookEndpoints.id, false),
  backward: false,
};

export const webhookRoots: Record<string, RootModel> = {
  webhookEndpoints: { kind: 'connection', connection: () => endpointConnection },
};
