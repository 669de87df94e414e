import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { type ActivityCursor, decodeActivityCursor } from '../../db/queries/activity.js';
import { z } from 'zod';
import { visibility } from '../../db/scope.js';
import { type WebhookDeliveryRow, type WebhookEndpointRow, webhookDeliveries, webhookEndpoints } from '../../db/schema/index.js';
import { type Message, msg } from '../../i18n/message.js';
import { recordActivity } from '../activity/record.js';
import { idOfType } from '../shared/ids.js';
import { fail, ok, type Result } from '../shared/result.js';
import { inTransaction, type ServiceContext } from '../shared/service.js';
import { validateInput } from '../shared/validation.js';
import { webhookUrlProblem } from './webhook-rules.js';

const registerInput = z.object({
  url: z
    .string()
    .trim()
    .superRefine((url, issue) => {
      const problem = webhookUrlProblem(url);
      if (problem !== null) issue.addIssue({ code: 'custom', message: problem });
    }),
  eventKinds: z
    .array(z.string().trim().regex(/^[A-Z][A-Z0-9_]{1,63}$/, msg`An event kind is written like ORDER_ACKNOWLEDGED.`))
    .max(100, msg`At most 100 event kinds.`)
    .nullish()
    .transform((kinds) => [...new Set(kinds ?? [])].sort()),
  query: z.string().trim().min(1, msg`Leave query out, or give a subscription document.`).nullish(),
});

/** Checks a payload document against the schema and the owner's permissions: why it cannot be used, or null. */
export type QueryCheck = (query: string) => Promise<Message | null>;

const setActiveInput = z.object({ id: z.string(), active: z.boolean() });
const redeliverInput = z.object({ deliveryId: z.string() });
const redeliverSinceInput = z.object({ endpointId: z.string(), after: z.string() });

/** A fresh signing secret, as Standard Webhooks writes them: whsec_ and 24 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * Registers an endpoint for the viewer's organisation (a partner's user) or for the company (ADMIN).
 * The secret is in the result once and never shown again.
 */
/** How a secret is kept at rest (src/integration/webhooks/secret-box.ts). */
export type SecretSeal = (secret: string) => string;

export async function registerWebhookEndpoint(ctx: ServiceContext, input: unknown, checkQuery: QueryCheck, seal: SecretSeal): Promise<Result<{ endpoint: WebhookEndpointRow; secret: string }>> {
  const valid = validateInput(registerInput, input);
  if (!valid.ok) return valid;
  const { url, eventKinds } = valid.value;
  const query = valid.value.query ?? null;
  if (query !== null) {
    const problem = await checkQuery(query);
    if (problem !== null) return fail('INVALID', ['input', 'query'], problem);
  }
  const org = ctx.viewer.organization;
  return inTransaction(ctx, async (tx) => {
    const now = ctx.now();
    const secret = newWebhookSecret();
    const [endpoint] = await tx
      .insert(webhookEndpoints)
      .values({ url, eventKinds, query, secret: seal(secret), supplierId: org?.type === 'Supplier' ? org.id : null, customerId: org?.type === 'Customer' ? org.id : null, createdById: ctx.viewer.id, createdAt: now, updatedAt: now })
      .returning();
    await recordActivity(tx, ctx.viewer, now, {
      kind: 'WEBHOOK_ENDPOINT_REGISTERED',
      subjectType: 'WebhookEndpoint',
      subjectId: endpoint!.id,
      supplierId: endpoint!.supplierId,
      customerId: endpoint!.customerId,
      summary: `Webhook endpoint ${new URL(url).host} registered.`,
    });
    return ok({ endpoint: endpoint!, secret });
  });
}

/** Turns an endpoint off, or back on (which clears why it was turned off and retries what is pending at once). */
export function setWebhookEndpointActive(ctx: ServiceContext, input: unknown): Promise<Result<WebhookEndpointRow>> {
  const valid = validateInput(setActiveInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const id = idOfType(valid.value.id, 'WebhookEndpoint');
  if (id === null) return Promise.resolve(fail('NOT_FOUND', ['input', 'id'], msg`No webhook endpoint with this id.`));
  const active = valid.value.active;
  return inTransaction(ctx, async (tx) => {
    const now = ctx.now();
    const [endpoint] = await tx
      .update(webhookEndpoints)
      .set(active ? { active, disabledReason: null, failingSince: null, updatedAt: now } : { active, updatedAt: now })
      .where(and(eq(webhookEndpoints.id, id), visibility(ctx.viewer).webhookEndpoints))
      .returning();
    if (endpoint === undefined) return fail('NOT_FOUND', ['input', 'id'], msg`No webhook endpoint with this id.`);
    if (active) await tx.update(webhookDeliveries).set({ nextAttemptAt: null }).where(and(eq(webhookDeliveries.endpointId, id), eq(webhookDeliveries.status, 'PENDING')));
    await recordActivity(tx, ctx.viewer, now, {
      kind: active ? 'WEBHOOK_ENDPOINT_ENABLED' : 'WEBHOOK_ENDPOINT_DISABLED',
      subjectType: 'WebhookEndpoint',
      subjectId: endpoint.id,
      supplierId: endpoint.supplierId,
      customerId: endpoint.customerId,
      summary: `Webhook endpoint ${new URL(endpoint.url).host} turned ${active ? 'on' : 'off'}.`,
    });
    return ok(endpoint);
  });
}

/** Sends one event to its endpoint again, whatever became of it (same webhook-id: receivers may deduplicate). */
export function redeliverWebhook(ctx: ServiceContext, input: unknown): Promise<Result<WebhookDeliveryRow>> {
  const valid = validateInput(redeliverInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const id = idOfType(valid.value.deliveryId, 'WebhookDelivery');
  if (id === null) return Promise.resolve(fail('NOT_FOUND', ['input', 'deliveryId'], msg`No webhook delivery with this id.`));
  return inTransaction(ctx, async (tx) => {
    const [found] = await tx
      .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(and(eq(webhookDeliveries.id, id), visibility(ctx.viewer).webhookEndpoints));
    if (found === undefined) return fail('NOT_FOUND', ['input', 'deliveryId'], msg`No webhook delivery with this id.`);
    if (!found.endpoint.active) return fail('INVALID_STATE_TRANSITION', ['input', 'deliveryId'], msg`The endpoint is off; turn it on first.`);
    const [delivery] = await tx.update(webhookDeliveries).set({ status: 'PENDING', nextAttemptAt: null, deliveredAt: null }).where(eq(webhookDeliveries.id, id)).returning();
    return ok(delivery!);
  });
}

/**
 * Sends again every event of an endpoint after an activity cursor (the `cursor` of a delivered
 * payload, or of the activity feed): what a receiver lost after restoring a backup, for instance.
 * Each subject's events go out again in order, with their original webhook-ids.
 */
export function redeliverWebhooksSince(ctx: ServiceContext, input: unknown): Promise<Result<{ endpoint: WebhookEndpointRow; count: number }>> {
  const valid = validateInput(redeliverSinceInput, input);
  if (!valid.ok) return Promise.resolve(valid);
  const id = idOfType(valid.value.endpointId, 'WebhookEndpoint');
  if (id === null) return Promise.resolve(fail('NOT_FOUND', ['input', 'endpointId'], msg`No webhook endpoint with this id.`));
  let position: ActivityCursor;
  try {
    position = decodeActivityCursor(valid.value.after);
  } catch (error) {
    if (error instanceof GraphQLError) return Promise.resolve(fail('INVALID', ['input', 'after'], msg`after is not an activity cursor.`));
    throw error;
  }
  return inTransaction(ctx, async (tx) => {
    const [endpoint] = await tx.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.id, id), visibility(ctx.viewer).webhookEndpoints));
    if (endpoint === undefined) return fail('NOT_FOUND', ['input', 'endpointId'], msg`No webhook endpoint with this id.`);
    if (!endpoint.active) return fail('INVALID_STATE_TRANSITION', ['input', 'endpointId'], msg`The endpoint is off; turn it on first.`);
    const again = await tx
      .update(webhookDeliveries)
      .set({ status: 'PENDING', nextAttemptAt: null, deliveredAt: null })
      .where(and(eq(webhookDeliveries.endpointId, id), sql`(${webhookDeliveries.txId}, ${webhookDeliveries.activityId}) > (${position.txId}::xid8, ${position.id}::bigint)`))
      .returning({ id: webhookDeliveries.id });
    return ok({ endpoint, count: again.length });
  });
}
