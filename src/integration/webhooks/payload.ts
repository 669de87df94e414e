import { actorNameFor } from '../../auth/actor-name.js';
import type { Viewer } from '../../auth/viewer.js';
import { encodeActivityCursor } from '../../db/queries/activity.js';
import type { ActivityRow, WebhookEndpointRow } from '../../db/schema/index.js';
import { type NodeType, nodeTypes, toGlobalId } from '../../domain/shared/ids.js';

/**
 * The endpoint's owner as a viewer: a partner's endpoint reads as that partner's users do, the
 * company's as an ADMIN (only ADMINs register those). Payload documents run as this viewer.
 */
export function endpointViewer(endpoint: Pick<WebhookEndpointRow, 'id' | 'supplierId' | 'customerId'>): Viewer {
  if (endpoint.supplierId !== null) return { id: `webhook:${endpoint.id}`, name: 'webhook', email: '', roles: ['SUPPLIER_USER'], organization: { type: 'Supplier', id: endpoint.supplierId } };
  if (endpoint.customerId !== null) return { id: `webhook:${endpoint.id}`, name: 'webhook', email: '', roles: ['CUSTOMER_USER'], organization: { type: 'Customer', id: endpoint.customerId } };
  return { id: `webhook:${endpoint.id}`, name: 'webhook', email: '', roles: ['ADMIN'], organization: null };
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
