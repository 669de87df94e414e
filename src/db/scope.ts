import { and, eq, exists, type SQL, sql } from 'drizzle-orm';
import type { Viewer } from '../auth/viewer.js';
import { customers, parts, sourcedParts, suppliers } from './schema/index.js';

/**
 * Tenancy, in one place: what each viewer may see of each table, as a SQL condition that every
 * read (lists, node lookups, loaders, counts) and every lookup before a write adds to its WHERE.
 * Staff see everything; a partner user sees only its own organisation's rows.
 * `undefined` means no restriction.
 */
const nothing = sql`false`;

export interface Visibility {
  suppliers: SQL | undefined;
  customers: SQL | undefined;
  parts: SQL | undefined;
  sourcedParts: SQL | undefined;
}

export function visibility(viewer: Viewer): Visibility {
  const org = viewer.organization;
  if (org === null) return { suppliers: undefined, customers: undefined, parts: undefined, sourcedParts: undefined };
  if (org.type === 'Supplier') {
    return {
      suppliers: eq(suppliers.id, org.id),
      customers: nothing,
      // A supplier sees the parts it is designated for, and only its own sourcing of them.
      parts: exists(
        sql`(select 1 from ${sourcedParts} where ${and(eq(sourcedParts.partId, parts.id), eq(sourcedParts.supplierId, org.id))})`,
      ),
      sourcedParts: eq(sourcedParts.supplierId, org.id),
    };
  }
  return {
    suppliers: nothing,
    customers: eq(customers.id, org.id),
    parts: nothing,
    sourcedParts: nothing,
  };
}
