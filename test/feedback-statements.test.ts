import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedSupplier, createCustomer, createPart } from './support/fixtures.js';
import { type Actor, startServer, TestClock, type TestServer } from './support/server.js';

// Customer.feedback (with each item's nonconformance) and Customer.satisfaction (with its trend) are
// read through loaders: a page of customers costs the same statements whatever its size.
let server: TestServer;
let sales: Actor;

beforeAll(async () => {
  server = await startServer({ clock: new TestClock(new Date('2026-11-26T08:00:00Z')) });
  const admin = await server.as('admin');
  const quality = await server.as('quality');
  sales = await server.as('sales');
  const supplier = await approvedSupplier(admin);
  const part = await createPart(admin);
  for (let i = 0; i < 6; i++) {
    const customer = await createCustomer(admin);
    const nc = (
      await quality.data('mutation($input: ReportNonconformanceInput!) { reportNonconformance(input: $input) { nonconformance { id } } }', {
        input: { source: 'CUSTOMER_COMPLAINT', severity: 'MINOR', partId: part.id, supplierId: supplier.id, customerId: customer.id, quantityAffected: '1', description: 'x' },
      })
    ).reportNonconformance.nonconformance;
    for (const kind of ['COMPLAINT', 'INQUIRY']) {
      const fb = (await sales.data('mutation($input: RecordFeedbackInput!) { recordFeedback(input: $input) { feedback { id } } }', { input: { customerId: customer.id, kind, channel: 'EMAIL', subject: 's', description: 'd' } })).recordFeedback.feedback;
      if (kind === 'COMPLAINT') await sales.data('mutation($input: FeedbackActionInput!) { acknowledgeFeedback(input: $input) { errors { code } } }', { input: { id: fb.id, nonconformanceId: nc.id } });
    }
    for (const [from, to, score] of [['2026-01-01', '2026-06-30', 3], ['2026-07-01', '2026-09-30', 4]] as const) {
      await sales.data('mutation($input: RecordSatisfactionSurveyInput!) { recordSatisfactionSurvey(input: $input) { errors { code } } }', { input: { customerId: customer.id, from, to, scores: [{ dimension: 'Overall', score }] } });
    }
  }
});
afterAll(() => server.stop());

const QUERY = `query($first: Int!) {
  customers(first: $first) { nodes { feedback(first: 5) { totalCount nodes { kind overdue customer { code } nonconformance { status part { partNumber } } } } satisfaction { overall change } } }
}`;

async function statementsFor(first: number): Promise<number> {
  const before = server.statements();
  const data = await sales.data(QUERY, { first });
  const after = server.statements();
  expect(data.customers.nodes).toHaveLength(first);
  for (const c of data.customers.nodes) {
    expect(c.feedback.totalCount).toBe(2);
    expect(c.feedback.nodes.filter((f: { nonconformance: unknown }) => f.nonconformance !== null)).toHaveLength(1);
    expect(c.satisfaction).toEqual([
      { overall: 3, change: null },
      { overall: 4, change: 1 },
    ]);
  }
  return after - before;
}

describe('SQL statements for customer feedback and satisfaction', () => {
  it('are the same for 2 and 6 customers', async () => {
    const two = await statementsFor(2);
    const six = await statementsFor(6);
    expect(six).toBe(two);
    expect(six).toBeLessThanOrEqual(7);
    console.log(`customers(first: 2|6) with feedback, nonconformances and satisfaction: ${two}|${six} SQL statements`);
  });
});
