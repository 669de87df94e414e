import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPart, createSupplier } from './support/fixtures.js';
import { type Actor, startServer, type TestServer } from './support/server.js';

let server: TestServer;
let viewer: Actor;
const names = Array.from({ length: 12 }, (_, i) => `Pager ${String.fromCharCode(65 + i)}`); // Pager A .. Pager L

beforeAll(async () => {
  server = await startServer();
  const admin = await server.as('admin');
  // Created in reverse name order, one second apart, so that creation order and name order differ.
  for (const name of [...names].reverse()) {
    server.clock.advance(1000);
    await createSupplier(admin, { name });
  }
  viewer = await server.as('viewer');
});
afterAll(() => server.stop());

const PAGE = `query($first: Int, $after: String, $last: Int, $before: String, $orderBy: SupplierOrder) {
  suppliers(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy, filter: { search: "pager" }) {
    totalCount
    edges { cursor node { name } }
    nodes { name }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

type Page = { totalCount: number; edges: { cursor: string; node: { name: string } }[]; nodes: { name: string }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null } };

async function page(variables: Record<string, unknown>): Promise<Page> {
  return (await viewer.data(PAGE, variables)).suppliers;
}

describe('cursor pagination', () => {
  it('walks forward page by page', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    const flags: [boolean, boolean][] = [];
    for (;;) {
      const p: Page = await page({ first: 5, after, orderBy: { field: 'NAME' } });
      expect(p.totalCount).toBe(12);
      expect(p.edges.map((e) => e.node)).toEqual(p.nodes);
      expect(p.pageInfo.startCursor).toBe(p.edges[0]?.cursor);
      expect(p.pageInfo.endCursor).toBe(p.edges.at(-1)?.cursor);
      seen.push(...p.nodes.map((n) => n.name));
      flags.push([p.pageInfo.hasPreviousPage, p.pageInfo.hasNextPage]);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen).toEqual(names);
    expect(flags).toEqual([
      [false, true],
      [true, true],
      [true, false],
    ]);
  });

  it('walks backward from the end with last/before', async () => {
    const seen: string[] = [];
    let before: string | null = null;
    for (;;) {
      const p: Page = await page({ last: 5, before, orderBy: { field: 'NAME' } });
      seen.unshift(...p.nodes.map((n) => n.name));
      if (!p.pageInfo.hasPreviousPage) break;
      expect(p.pageInfo.hasNextPage).toBe(before !== null);
      before = p.pageInfo.startCursor;
    }
    expect(seen).toEqual(names);
  });

  it('goes back from the middle of a forward walk', async () => {
    const first = await page({ first: 6, orderBy: { field: 'NAME' } });
    const back = await page({ last: 3, before: first.edges[4]!.cursor, orderBy: { field: 'NAME' } });
    expect(back.nodes.map((n) => n.name)).toEqual(['Pager B', 'Pager C', 'Pager D']);
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });

  it('orders descending and by creation time', async () => {
    expect((await page({ first: 3, orderBy: { field: 'NAME', direction: 'DESC' } })).nodes.map((n) => n.name)).toEqual(['Pager L', 'Pager K', 'Pager J']);
    const byCreation = await page({ first: 3, orderBy: { field: 'CREATED_AT' } });
    expect(byCreation.nodes.map((n) => n.name)).toEqual(['Pager L', 'Pager K', 'Pager J']);
    const next = await page({ first: 3, after: byCreation.pageInfo.endCursor, orderBy: { field: 'CREATED_AT' } });
    expect(next.nodes.map((n) => n.name)).toEqual(['Pager I', 'Pager H', 'Pager G']);
    const byGrade = await page({ first: 20, orderBy: { field: 'GRADE' } });
    expect(byGrade.nodes).toHaveLength(12);
  });

  it('returns an empty page for first: 0', async () => {
    const p = await page({ first: 0 });
    expect(p).toMatchObject({ totalCount: 12, edges: [], pageInfo: { hasNextPage: false, startCursor: null, endCursor: null } });
  });

  it.each([
    [{ first: 101 }, 'first must be between 0 and 100; got 101.'],
    [{ last: 1000 }, 'last must be between 0 and 100; got 1000.'],
    [{ first: -1 }, 'first must be between 0 and 100; got -1.'],
    [{ first: 5, last: 5 }, 'Pass either first or last, not both.'],
    [{ first: 5, after: 'garbage' }, 'after is not a cursor of this list in this order.'],
  ])('refuses %j with a clear error', async (variables, message) => {
    const response = await viewer.run(PAGE, variables);
    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('refuses a cursor taken from another order', async () => {
    const byName = await page({ first: 2, orderBy: { field: 'NAME' } });
    const response = await viewer.run(PAGE, { first: 2, after: byName.pageInfo.endCursor, orderBy: { field: 'CODE' } });
    expect(response.body.errors?.[0]?.message).toBe('after is not a cursor of this list in this order.');
  });

  it('pages parts and customers the same way', async () => {
    const admin = await server.as('admin');
    for (const n of ['PG-3', 'PG-1', 'PG-2']) await createPart(admin, { partNumber: n });
    const first = (await viewer.data('{ parts(first: 2, filter: { search: "PG-" }) { totalCount nodes { partNumber } pageInfo { endCursor hasNextPage } } }')).parts;
    expect(first).toMatchObject({ totalCount: 3, nodes: [{ partNumber: 'PG-1' }, { partNumber: 'PG-2' }], pageInfo: { hasNextPage: true } });
    const rest = (await viewer.data('query($after: String) { parts(first: 2, after: $after, filter: { search: "PG-" }) { nodes { partNumber } pageInfo { hasNextPage } } }', { after: first.pageInfo.endCursor })).parts;
    expect(rest).toEqual({ nodes: [{ partNumber: 'PG-3' }], pageInfo: { hasNextPage: false } });
    const customers = await viewer.run('{ customers(last: 101) { totalCount } }');
    expect(customers.body.errors?.[0]?.message).toBe('last must be between 0 and 100; got 101.');
  });
});
