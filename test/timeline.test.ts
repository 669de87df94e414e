import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, createPart } from './support/fixtures.js';
import { M, mutate, tomorrow } from './support/orders.js';
import { type Actor, startServer, type TestServer } from './support/server.js';

/**
 * The customer file: Customer.timeline, newest first, over the customer's orders, deliveries,
 * feedback, surveys and nonconformances, with the activity scope; the same on both read paths.
 */
let server: TestServer;
let admin: Actor;
let sales: Actor;
let quality: Actor;
let customer: { id: string; code: string };
let customerUser: Actor;
let rivalUser: Actor;

const TIMELINE = `query($id: ID!, $first: Int, $after: String) { node(id: $id) { ... on Customer { timeline(first: $first, after: $after) {
  totalCount edges { cursor node { kind summary subject { __typename } } } pageInfo { hasNextPage endCursor } } } } }`;

async function ask(actor: Actor, variables: Record<string, unknown>, path: 'compiled' | 'executed') {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${actor.token}`, 'x-read-path': path },
    body: JSON.stringify({ query: TIMELINE, variables }),
  });
  return { path: response.headers.get('x-read-path'), body: (await response.json()) as { extensions?: unknown; data?: { node: { timeline: { totalCount: number; edges: { cursor: string; node: { kind: string; subject: { __typename: string } | null } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null }; errors?: unknown[] } };
}

/** Asks both ways; they must agree; returns the timeline (null when the customer is not visible). */
type Timeline = { totalCount: number; edges: { cursor: string; node: { kind: string; subject: { __typename: string } | null } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

async function timeline(actor: Actor, variables: Record<string, unknown>): Promise<Timeline | null> {
  const compiled = await ask(actor, variables, 'compiled');
  const executed = await ask(actor, variables, 'executed');
  expect(compiled.path).toBe('compiled');
  expect(executed.path).toBe('executed');
  expect(compiled.body.data).toEqual(executed.body.data);
  return compiled.body.data!.node?.timeline ?? null;
}

beforeAll(async () => {
  server = await startServer();
  admin = await server.as({ roles: ['ADMIN'] });
  sales = await server.as({ roles: ['SALES'] });
  quality = await server.as({ roles: ['QUALITY_ENGINEER'] });
  customer = await createCustomer(admin);
  const rival = await createCustomer(admin);
  customerUser = await server.as({ roles: ['CUSTOMER_USER'], org: customer.id });
  rivalUser = await server.as({ roles: ['CUSTOMER_USER'], org: rival.id });
  const part = await createPart(admin, { importanceClass: 'II' });
  // A sales order issued to the customer, and one to the rival.
  for (const partner of [customer, rival]) {
    const order = await mutate(server, sales, M.createOrder, { direction: 'SALES', partnerId: partner.id, currency: 'EUR', lines: [{ partId: part.id, quantity: '4', unitPrice: '9', requestedDate: tomorrow(server, 5) }] });
    expect((await mutate(server, sales, M.issueOrder, { id: order.order.id })).errors).toEqual([]);
  }
  const feedback = await mutate(server, sales, 'mutation($input: RecordFeedbackInput!) { recordFeedback(input: $input) { feedback { id } errors { code } } }', { customerId: customer.id, kind: 'COMPLAINT', channel: 'EMAIL', subject: 'Late', description: 'Two weeks late' });
  expect(feedback.errors).toEqual([]);
  const survey = await mutate(server, sales, 'mutation($input: RecordSatisfactionSurveyInput!) { recordSatisfactionSurvey(input: $input) { survey { id } errors { code message } } }', {
    customerId: customer.id,
    from: '2026-01-01',
    to: '2026-03-31',
    scores: [{ dimension: 'QUALITY', score: 4 }],
  });
  expect(survey.errors).toEqual([]);
  const nc = await mutate(server, quality, 'mutation($input: ReportNonconformanceInput!) { reportNonconformance(input: $input) { nonconformance { id } errors { code } } }', {
    source: 'CUSTOMER_COMPLAINT',
    severity: 'MAJOR',
    partId: part.id,
    customerId: customer.id,
    quantityAffected: '4',
    description: 'Wrong colour',
  });
  expect(nc.errors).toEqual([]);
}, 60_000);
afterAll(() => server.stop());

describe('Customer.timeline', () => {
  it("holds the customer's record, orders, feedback, surveys and nonconformances, newest first, paged without gaps", async () => {
    const all = (await timeline(customerUser, { id: customer.id, first: 50 }))!;
    const kinds = all.edges.map((e) => e.node.kind);
    expect(kinds[0]).toBe('NONCONFORMANCE_REPORTED');
    expect(kinds).toEqual(expect.arrayContaining(['ORDER_ISSUED', 'FEEDBACK_RECEIVED', 'SATISFACTION_SURVEY_RECORDED', 'NONCONFORMANCE_REPORTED']));
    expect(new Set(all.edges.map((e) => e.node.subject?.__typename))).toEqual(new Set(['Customer', 'Order', 'CustomerFeedback', 'SatisfactionSurvey', 'Nonconformance']));
    expect(all.totalCount).toBe(all.edges.length);
    // Pages of two, following endCursor: the same entries in the same order.
    const paged: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const page: Timeline = (await timeline(customerUser, { id: customer.id, first: 2, after }))!;
      paged.push(...page.edges.map((e) => e.cursor));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(all.edges.map((e) => e.cursor));
  });

  it('keeps to the activity scope: staff see internal steps, another customer sees nothing, a bad cursor is refused', async () => {
    const staff = (await timeline(sales, { id: customer.id, first: 100 }))!;
    const own = (await timeline(customerUser, { id: customer.id, first: 100 }))!;
    // The draft order's creation is internal: staff see it, the customer does not.
    expect(staff.edges.map((e) => e.node.kind)).toContain('ORDER_CREATED');
    expect(own.edges.map((e) => e.node.kind)).not.toContain('ORDER_CREATED');
    expect(staff.totalCount).toBeGreaterThan(own.totalCount);
    // Nothing of the rival's order is in this customer's file, and the rival cannot open it.
    expect(staff.edges.length).toBe(staff.totalCount);
    expect(await timeline(rivalUser, { id: customer.id, first: 10 })).toBeNull();
    const bad = await ask(customerUser, { id: customer.id, first: 10, after: 'bm9wZQ' }, 'compiled');
    expect(bad.body.errors).toBeDefined();
  });
});
