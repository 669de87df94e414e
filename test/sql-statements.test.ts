import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedSupplier, createPart, designate } from './support/fixtures.js';
import { type Actor, startServer, type TestServer } from './support/server.js';

// Nested relations are read through per-request loaders: the statement count of a page does not
// grow with the page size.
let server: TestServer;
let buyer: Actor;

beforeAll(async () => {
  server = await startServer();
  const admin = await server.as('admin');
  const parts = [];
  for (let i = 0; i < 20; i++) parts.push(await createPart(admin, { importanceClass: ['I', 'II', 'III'][i % 3] }));
  for (let i = 0; i < 60; i++) {
    const supplier = await approvedSupplier(admin);
    // Each supplier sources two parts; each part ends up with several competing sources.
    await designate(admin, parts[i % 20]!.id, supplier.id, 'APPROVED');
    await designate(admin, parts[(i + 7) % 20]!.id, supplier.id, i % 2 === 0 ? 'APPROVED' : 'TRIAL');
  }
  buyer = await server.as('buyer');
});
afterAll(() => server.stop());

const QUERY = `query($first: Int!) {
  suppliers(first: $first) { nodes { contacts { name } sourcedParts { part { sourcingAdvice { action } sources { supplier { name } } } } } }
}`;

async function statementsFor(first: number): Promise<number> {
  const before = server.statements();
  const data = await buyer.data(QUERY, { first });
  const after = server.statements();
  expect(data.suppliers.nodes).toHaveLength(first);
  expect(data.suppliers.nodes.every((s: { sourcedParts: unknown[] }) => s.sourcedParts.length === 2)).toBe(true);
  return after - before;
}

describe('SQL statements per request', () => {
  it('are the same for 5 and 50 suppliers with nested sourcing, and at most 6', async () => {
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(fifty).toBe(five);
    expect(fifty).toBeLessThanOrEqual(6);
    console.log(`suppliers(first: 5|50) nested sourcing: ${five}|${fifty} SQL statements`);
  });
});
