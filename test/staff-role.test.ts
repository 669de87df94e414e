import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/auth/viewer.js';
import { executeRows } from '../src/db/client.js';
import { approvedSupplier } from './support/fixtures.js';
import { fromGlobalId } from '../src/domain/shared/ids.js';
import { startServer, type TestServer } from './support/server.js';

/**
 * Staff statements run as scm_staff (drizzle/0023): the application role's privileges without
 * row-level security, whose policies let staff see everything anyway; partners and requests without
 * a viewer stay scm_application under the policies. The role is chosen with the viewer's settings,
 * for a single statement (its prelude) and for a use case's transaction alike.
 */
let server: TestServer;
let supplierId: string;

const staff: Viewer = { id: 'staff-user', name: 'Staff', email: '', roles: ['BUYER'], organization: null };
const supplier = (): Viewer => ({ id: 'supplier-user', name: 'Supplier user', email: '', roles: ['SUPPLIER_USER'], organization: { type: 'Supplier', id: supplierId } });
const customer: Viewer = { id: 'customer-user', name: 'Customer user', email: '', roles: ['CUSTOMER_USER'], organization: { type: 'Customer', id: '6a7c0d52-4f4e-4f52-9b8e-0a9c3c2a1b10' } };

const run = (viewer: Viewer | null, statement: SQL) => executeRows<Record<string, unknown>>(server.database.forViewer(viewer), statement);
const roleOf = async (viewer: Viewer | null) => (await run(viewer, sql`select current_user as role, r.rolbypassrls as bypass from pg_roles r where r.rolname = current_user`))[0];
/** The plan of a count of deliveries, as text. */
const planOf = async (viewer: Viewer | null) => JSON.stringify(await run(viewer, sql`explain (format json) select count(*) from deliveries where status = 'IN_TRANSIT'`));

beforeAll(async () => {
  server = await startServer();
  const admin = await server.as('admin');
  supplierId = fromGlobalId((await approvedSupplier(admin, { name: 'Gamma Forgings' })).id)!.id;
}, 60_000);
afterAll(() => server.stop());

describe('the role a statement runs as', () => {
  it('is scm_staff, without row-level security, for staff', async () => {
    expect(await roleOf(staff)).toEqual({ role: 'scm_staff', bypass: true });
    const inTransaction = await server.database.forViewer(staff).transaction(async (tx) => executeRows<{ role: string }>(tx, sql`select current_user as role`));
    expect(inTransaction).toEqual([{ role: 'scm_staff' }]);
  });

  it('is scm_application, under row-level security, for partners and for nobody', async () => {
    expect(await roleOf(supplier())).toEqual({ role: 'scm_application', bypass: false });
    expect(await roleOf(customer)).toEqual({ role: 'scm_application', bypass: false });
    expect(await roleOf(null)).toEqual({ role: 'scm_application', bypass: false });
    const inTransaction = await server.database.forViewer(supplier()).transaction(async (tx) => executeRows<{ role: string }>(tx, sql`select current_user as role`));
    expect(inTransaction).toEqual([{ role: 'scm_application' }]);
  });
});

describe("a staff statement's plan", () => {
  it("carries no policy, where a partner's carries the deliveries policy", async () => {
    // The policy reads the viewer through InitPlans of scm_viewer_* (drizzle/0010, 0022).
    expect(await planOf(staff)).not.toContain('InitPlan');
    expect(await planOf(supplier())).toContain('InitPlan');
  });
});

describe('scm_staff', () => {
  it('has the application role\'s privileges and no more: no DDL', async () => {
    await expect(run(staff, sql`create table staff_probe (n int)`)).rejects.toMatchObject({ cause: { code: '42501' } });
    // It reads and writes the tables, as the application role does.
    expect(await run(staff, sql`select count(*)::int as n from suppliers where id = ${supplierId}`)).toEqual([{ n: 1 }]);
  });

  it('sees every partner\'s rows, as the policies let staff do', async () => {
    const counts = async (viewer: Viewer) => (await run(viewer, sql`select count(*)::int as n from suppliers`))[0];
    const owner = (await executeRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from suppliers`))[0];
    expect(await counts(staff)).toEqual(owner);
    expect(await counts(supplier())).toEqual({ n: 1 });
  });
});
