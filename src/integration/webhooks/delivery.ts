import { and, asc, eq, sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import type { WebhookConfig } from '../../config.js';
import type { Db } from '../../db/client.js';
import { type ActivityRow, activity, type WebhookEndpointRow, webhookDeliveries, webhookEndpoints } from '../../db/schema/index.js';
import { failedTooLong, retryDelayMs } from '../../domain/integration/webhook-rules.js';
import { toGlobalId } from '../../domain/shared/ids.js';
import { postJson } from './outbound.js';
import { openSecret } from './secret-box.js';
import { webhookPayload } from './payload.js';

/**
 * Sends the pending deliveries of one subject to one endpoint, oldest first, one at a time, until one
 * fails: events of a subject arrive in order. Each attempt is signed as Standard Webhooks says
 * (webhook-id is the event's id, the same on every retry) and logged on the delivery. Returns when to
 * try again (a failure's back-off, or now when the job's time is up), or null when nothing is left or
 * the endpoint is off.
 */
/** What one attempt did, for the metrics. */
export interface WebhookAttempt {
  delivered: boolean;
  seconds: number;
  /** The failure that turned its endpoint off. */
  disabledEndpoint: boolean;
}

/** The body posted for an event: the activity entry, or what the endpoint's payload document gives. */
export type PayloadOf = (event: ActivityRow, endpoint: WebhookEndpointRow) => Promise<string>;

/**
 * Sends the pending deliveries of one (endpoint, subject) in order until none is due. Returns when
 * the next is due (a retry's back-off), now when `ended()` says the job must stop with some left
 * (its share of the expiry is used, or the instance stops), or null when none is left.
 */
export async function deliverPending(
  db: Db,
  config: WebhookConfig,
  endpointId: string,
  subjectId: string,
  ended: () => boolean,
  onAttempt: (attempt: WebhookAttempt) => void = () => {},
  payloadOf: PayloadOf = async (event, endpoint) => webhookPayload(event, endpoint),
): Promise<Date | null> {
  for (;;) {
    // A long backlog is sent by several jobs in turn: a job never runs past its expiry, after which
    // another could take the same subject and send out of order.
    if (ended()) return new Date();
    const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    if (endpoint === undefined || !endpoint.active) return null;
    const [next] = await db
      .select({ delivery: webhookDeliveries, event: activity })
      .from(webhookDeliveries)
      .innerJoin(activity, eq(activity.id, webhookDeliveries.activityId))
      .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.subjectId, subjectId), eq(webhookDeliveries.status, 'PENDING')))
      .orderBy(asc(webhookDeliveries.txId), asc(webhookDeliveries.activityId))
      .limit(1);
    if (next === undefined) return null;
    const { delivery, event } = next;
    // Wall-clock time: receivers check the signature's timestamp against their own clocks.
    const now = new Date();
    if (delivery.nextAttemptAt !== null && delivery.nextAttemptAt > now) return delivery.nextAttemptAt;
    const body = await payloadOf(event, endpoint);
    const messageId = toGlobalId('Activity', String(event.id));
    const signature = new Webhook(openSecret(config.secretKey, endpoint.secret)).sign(messageId, now, body);
    const answer = await postJson(endpoint.url, body, { 'webhook-id': messageId, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': signature }, { timeoutMs: config.timeoutMs, allowNetworks: config.allowNetworks });
    const delivered = answer.status !== null && answer.status >= 200 && answer.status < 300;
    const attempts = delivery.attempts + 1;
    const retryAt = new Date(now.getTime() + retryDelayMs(attempts, config.retryDelaySeconds));
    const disabled = await db.transaction(async (tx) => {
      await tx
        .update(webhookDeliveries)
        .set({
          attempts: sql`${webhookDeliveries.attempts} + 1`,
          lastAttemptAt: now,
          lastStatusCode: answer.status,
          lastLatencyMs: answer.latencyMs,
          lastResponse: answer.excerpt,
          ...(delivered ? { status: 'DELIVERED' as const, deliveredAt: now, nextAttemptAt: null } : { nextAttemptAt: retryAt }),
        })
        .where(eq(webhookDeliveries.id, delivery.id));
      if (delivered) {
        if (endpoint.failingSince !== null) await tx.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, endpoint.id));
        return false;
      }
      const failingSince = endpoint.failingSince ?? now;
      const off = failedTooLong(failingSince, now, config.disableAfterMs);
      await tx
        .update(webhookEndpoints)
        .set({
          failingSince,
          ...(off
            ? {
                active: false,
                disabledReason: `Turned off at ${now.toISOString()}: deliveries failed since ${failingSince.toISOString()}; the last answer was ${answer.status ?? 'none'} (${answer.excerpt.slice(0, 200)}).`,
                updatedAt: now,
              }
            : {}),
        })
        .where(eq(webhookEndpoints.id, endpoint.id));
      return off;
    });
    onAttempt({ delivered, seconds: answer.latencyMs / 1000, disabledEndpoint: disabled });
    if (!delivered) return retryAt;
  }
}
