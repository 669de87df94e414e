import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
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

/**
 * actorNameFor in SQL, for reads built by the database: the same rule over columns of the change
 * (the actor's organisation and name) and of the record (its supplier and customer).
 */
export function actorNameSql(viewer: Viewer, actor: { organizationId: SQL | AnyPgColumn; name: SQL | AnyPgColumn }, record: { supplierId: SQL | AnyPgColumn; customerId: SQL | AnyPgColumn }): SQL {
  const viewerOrg = viewer.organization?.id ?? null;
  if (viewerOrg === null) return sql`${actor.name}`;
  return sql`(case when ${actor.organizationId} is null or ${actor.organizationId} = ${viewerOrg}::uuid then ${actor.name}
    when ${actor.organizationId} = ${record.supplierId} then 'Supplier' when ${actor.organizationId} = ${record.customerId} then 'Customer' else 'Partner' end)`;
}
