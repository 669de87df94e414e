import type { SQL } from 'drizzle-orm';
import type { Viewer } from '../../src/auth/viewer.js';
import { executeRows } from '../../src/db/client.js';
import type { TestServer } from './server.js';

/** Runs `statement` as a request of a supplier's user does: as the application role, under row-level security. */
export function asSupplier(server: TestServer, org: string, statement: SQL): Promise<Record<string, unknown>[]> {
  const viewer: Viewer = { id: `user-of-${org}`, name: 'Supplier user', email: '', roles: ['SUPPLIER_USER'], organization: { type: 'Supplier', id: org } };
  return executeRows<Record<string, unknown>>(server.database.forViewer(viewer), statement);
}
