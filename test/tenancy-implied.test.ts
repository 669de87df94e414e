import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/auth/viewer.js';
import { executeRows } from '../src/db/client.js';
import { seedDemoData } from '../src/demo/seed.js';
import { render } from '../src/read/model.js';
import { readEnv } from '../src/read/operation.js';
import { impliedReaches } from '../src/read/registry.js';
import { startServer, type TestServer } from './support/server.js';
import { addVariety } from './support/variety.js';

/**
 * A relation of the read models may skip its target's scope, claiming the parent's visibility implies
 * it (an order's lines, the part of a visible order line). Each claim is checked here on the demo data
 * (with test/support/variety.ts) for every partner organisation as viewer: every target row reached from a row the viewer may see
 * must itself pass the target's scope.
 */
let server: TestServer;
const viewers: Viewer[] = [];

beforeAll(async () => {
  server = await startServer();
  await seedDemoData(server.database.db);
  await addVariety(server);
  const orgs = await executeRows<{ type: 'Supplier' | 'Customer'; id: string }>(server.database.db, sql`select 'Supplier' as type, id from suppliers union all select 'Customer', id from customers`);
  for (const org of orgs) viewers.push({ id: `probe-${org.id}`, name: 'Probe', email: 'probe@example.com', roles: [org.type === 'Supplier' ? 'SUPPLIER_USER' : 'CUSTOMER_USER'], organization: { type: org.type, id: org.id } });
});
afterAll(() => server.stop());

describe('implied visibility', () => {
  it('holds for every relation that claims it, for every partner', async () => {
    const reaches = impliedReaches();
    expect(reaches.length).toBeGreaterThan(10);
    const checked: Record<string, number> = {};
    for (const reach of reaches) {
      const name = `${reach.parent.type}.${reach.field}`;
      checked[name] = 0;
      for (const viewer of viewers) {
        const env = readEnv({ viewer, now: server.clock.now(), timeZone: 'UTC' });
        const parentScope = reach.parent.scope(env) ?? sql`true`;
        const targetScope = reach.target.scope(env) ?? sql`true`;
        const [row] = await executeRows<{ reached: number; hidden: number }>(
          server.database.db,
          sql`select count(*)::int as reached, (count(*) filter (where not reached.visible))::int as hidden
            from ${reach.parent.from} cross join lateral (select (${targetScope}) as visible from ${reach.target.from} where ${render(reach.on, env, {})}) as reached
            where ${parentScope}`,
        );
        expect({ relation: name, claim: reach.claim, organization: viewer.organization, hidden: row!.hidden }).toEqual({ relation: name, claim: reach.claim, organization: viewer.organization, hidden: 0 });
        checked[name] += row!.reached;
      }
    }
    console.log('implied visibility, target rows checked per relation:', checked);
    // Every claim is checked on rows that reach it.
    expect(Object.entries(checked).filter(([, n]) => n === 0)).toEqual([]);
  });
});
