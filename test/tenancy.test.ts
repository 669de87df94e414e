import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedSupplier, createCustomer, createPart, designate } from './support/fixtures.js';
import { type Actor, startServer, type TestServer } from './support/server.js';

// Partner users see only their own organisation's records: in lists, totals, filters, node and
// nodes lookups and nested fields. Every probe below uses another partner's real ids.
let server: TestServer;
let staff: Actor;
let supplierA: Actor;
let customerA: Actor;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer();
  const admin = await server.as('admin');
  staff = await server.as('viewer');
  const a = await approvedSupplier(admin, { name: 'Alpha Castings' });
  const b = await approvedSupplier(admin, { name: 'Beta Castings' });
  const c1 = await createCustomer(admin, { name: 'Gamma Motors' });
  const c2 = await createCustomer(admin, { name: 'Delta Motors' });
  const shared = await createPart(admin, { importanceClass: 'I', description: 'Shared housing' });
  const onlyB = await createPart(admin, { importanceClass: 'II', description: 'Beta-only bracket' });
  const unsourced = await createPart(admin, { importanceClass: 'III', description: 'Unsourced washer' });
  expect((await designate(admin, shared.id, a.id, 'APPROVED', 40)).errors).toEqual([]);
  expect((await designate(admin, shared.id, b.id, 'APPROVED', 60)).errors).toEqual([]);
  expect((await designate(admin, onlyB.id, b.id, 'APPROVED', 100)).errors).toEqual([]);
  Object.assign(ids, { a: a.id, b: b.id, c1: c1.id, c2: c2.id, shared: shared.id, onlyB: onlyB.id, unsourced: unsourced.id, aCode: a.code, bCode: b.code, c2Code: c2.code });
  supplierA = await server.as({ roles: ['SUPPLIER_USER'], org: a.id });
  customerA = await server.as({ roles: ['CUSTOMER_USER'], org: c1.id });
});
afterAll(() => server.stop());

const LISTS = `{
  suppliers { totalCount nodes { id name } }
  customers { totalCount nodes { id name } }
  parts { totalCount nodes { id description } }
}`;

describe('a supplier user', () => {
  it('lists only its own organisation, with matching totals', async () => {
    const data = await supplierA.data(LISTS);
    expect(data.suppliers).toEqual({ totalCount: 1, nodes: [{ id: ids.a, name: 'Alpha Castings' }] });
    expect(data.customers).toEqual({ totalCount: 0, nodes: [] });
    expect(data.parts).toEqual({ totalCount: 1, nodes: [{ id: ids.shared, description: 'Shared housing' }] });
  });

  it('finds nothing of another supplier through filters', async () => {
    const data = await supplierA.data('query($code: String!) { suppliers(filter: { search: $code }) { totalCount nodes { id } } byClass: suppliers(filter: { importanceClass: [I, II] }) { totalCount nodes { id } } parts(filter: { search: "Beta" }) { totalCount } }', { code: ids.bCode });
    expect(data.suppliers).toEqual({ totalCount: 0, nodes: [] });
    expect(data.byClass).toEqual({ totalCount: 1, nodes: [{ id: ids.a }] });
    expect(data.parts.totalCount).toBe(0);
  });

  it('gets null for every other organisation through node and nodes', async () => {
    const data = await supplierA.data('query($b: ID!, $ids: [ID!]!) { node(id: $b) { id } nodes(ids: $ids) { id } }', {
      b: ids.b,
      ids: [ids.a, ids.b, ids.c1, ids.c2, ids.onlyB, ids.unsourced, ids.shared],
    });
    expect(data.node).toBeNull();
    expect(data.nodes).toEqual([{ id: ids.a }, null, null, null, null, null, { id: ids.shared }]);
  });

  it("sees only its own sourcing of a shared part, never the competitor's share", async () => {
    const data = await supplierA.data('query($id: ID!) { node(id: $id) { ... on Part { sources { supplier { id name } sharePercent } } } }', { id: ids.shared });
    expect(data.node.sources).toEqual([{ supplier: { id: ids.a, name: 'Alpha Castings' }, sharePercent: 40 }]);
    const own = await supplierA.data('query($id: ID!) { node(id: $id) { ... on Supplier { sourcedParts { part { id sources { supplier { id } } } } } } }', { id: ids.a });
    expect(own.node.sourcedParts).toEqual([{ part: { id: ids.shared, sources: [{ supplier: { id: ids.a } }] } }]);
  });

  it('is not told the sourcing advice (it would reveal the number of sources)', async () => {
    const response = await supplierA.run('query($id: ID!) { node(id: $id) { ... on Part { partNumber sourcingAdvice { designatedSupplierCount } } } }', { id: ids.shared });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.body.errors?.[0]?.path).toEqual(['node', 'sourcingAdvice']);
  });

  it('is not told how the company manages it', async () => {
    const response = await supplierA.run('query($id: ID!) { node(id: $id) { ... on Supplier { relationship { relationship } } } }', { id: ids.a });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const staffView = await staff.data('query($id: ID!) { node(id: $id) { ... on Supplier { relationship { importanceClass grade relationship actions } } } }', { id: ids.a });
    expect(staffView.node.relationship).toMatchObject({ importanceClass: 'I', grade: null, relationship: 'DEVELOPMENT' });
  });

  it('sees its own organisation as viewer.organization', async () => {
    const data = await supplierA.data('{ viewer { organization { __typename id name } } }');
    expect(data.viewer.organization).toEqual({ __typename: 'Supplier', id: ids.a, name: 'Alpha Castings' });
  });
});

describe('a customer user', () => {
  it('lists only its own organisation, and no suppliers or parts', async () => {
    const data = await customerA.data(LISTS);
    expect(data.customers).toEqual({ totalCount: 1, nodes: [{ id: ids.c1, name: 'Gamma Motors' }] });
    expect(data.suppliers).toEqual({ totalCount: 0, nodes: [] });
    expect(data.parts).toEqual({ totalCount: 0, nodes: [] });
  });

  it('gets null for everyone else through node and nodes, and finds no one through filters', async () => {
    const data = await customerA.data('query($ids: [ID!]!, $code: String!) { nodes(ids: $ids) { id } customers(filter: { search: $code }) { totalCount } }', {
      ids: [ids.c1, ids.c2, ids.a, ids.shared],
      code: ids.c2Code,
    });
    expect(data.nodes).toEqual([{ id: ids.c1 }, null, null, null]);
    expect(data.customers.totalCount).toBe(0);
  });
});

describe('staff', () => {
  it('see every organisation and every source', async () => {
    const data = await staff.data('query($id: ID!) { suppliers { totalCount } customers { totalCount } parts { totalCount } node(id: $id) { ... on Part { sources { sharePercent } sourcingAdvice { designatedSupplierCount action } } } }', { id: ids.shared });
    expect(data.suppliers.totalCount).toBe(2);
    expect(data.customers.totalCount).toBe(2);
    expect(data.parts.totalCount).toBe(3);
    expect(data.node.sources.map((s: { sharePercent: number }) => s.sharePercent).sort()).toEqual([40, 60]);
    expect(data.node.sourcingAdvice).toEqual({ designatedSupplierCount: 2, action: 'KEEP' });
  });
});
