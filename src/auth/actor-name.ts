import type { Viewer } from './viewer.js';

/**
 * How a change's author is shown to a viewer: staff and the viewer's own organisation by name; a
 * partner sees another partner's users only as that partner's role in the record ("Supplier",
 * "Customer"), so that a supplier and a customer sharing a nonconformance never learn who the other is.
 */
export function actorNameFor(viewer: Viewer | null, actor: { organizationId: string | null; name: string }, record: { supplierId: string | null; customerId: string | null }): string {
  const viewerOrg = viewer?.organization?.id ?? null;
  if (viewerOrg === null || actor.organizationId === null || actor.organizationId === viewerOrg) return actor.name;
  return actor.organizationId === record.supplierId ? 'Supplier' : actor.organizationId === record.customerId ? 'Customer' : 'Partner';
}
