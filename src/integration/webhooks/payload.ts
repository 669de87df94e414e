import { actorNameFor } from '../../auth/actor-name.js';
import type { Viewer } from '../../auth/viewer.js';
import { encodeActivityCursor } from '../../db/queries/activity.js';
import type { ActivityRow, WebhookEndpointRow } from '../../db/schema/index.js';
import { type NodeType, nodeTypes, toGlobalId } from '../../domain/shared/ids.js';

/** The endpoint's owner as a viewer, for the rules that show a change to someone (its author's name). */
export function endpointViewer(endpoint: Pick<WebhookEndpointRow, 'id' | 'supplierId' | 'customerId'>): Viewer {
  const organization = endpoint.supplierId !== null ? { type: 'Supplier' as const, id: endpoint.supplierId } : endpoint.customerId !== null ? { type: 'Customer' as const, id: endpoint.customerId } : null;
  return { id: `webhook:${endpoint.id}`, name: 'webhook', email: '', roles: [], organization } as Viewer;
}

/**
 * The JSON a delivery posts (Standard Webhooks: type, timestamp, data). `data` is the event as the
 * activity feed shows it to the endpoint's owner, with the cursor to resume the feed from.
 */
export function webhookPayload(event: ActivityRow, endpoint: Pick<WebhookEndpointRow, 'id' | 'supplierId' | 'customerId'>): string {
  const subjectType = (nodeTypes as readonly string[]).includes(event.subjectType) ? (event.subjectType as NodeType) : null;
  return JSON.stringify({
    type: event.kind,
    timestamp: event.occurredAt.toISOString(),
    data: {
      id: toGlobalId('Activity', String(event.id)),
      cursor: encodeActivityCursor(event),
      kind: event.kind,
      occurredAt: event.occurredAt.toISOString(),
      actor: actorNameFor(endpointViewer(endpoint), { organizationId: event.actorOrganizationId, name: event.actorName }, event),
      summary: event.summary,
      subject: subjectType === null ? null : { __typename: subjectType, id: toGlobalId(subjectType, event.subjectId) },
    },
  });
}
