import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedSupplier, createCustomer } from './support/fixtures.js';
import { type Actor, startServer, TestClock, type TestServer } from './support/server.js';

let server: TestServer;
let admin: Actor;
let sales: Actor;
let customer: { id: string; code: string };
let customerUser: Actor;
let otherCustomerUser: Actor;
let supplierUser: Actor;

const SURVEY = 'id customer { id } from to scores { dimension score } overall change comments submittedAt';
const RECORD = `mutation($input: RecordSatisfactionSurveyInput!) { recordSatisfactionSurvey(input: $input) { survey { ${SURVEY} } errors { field code message } } }`;

// biome-ignore lint/suspicious/noExplicitAny: response shapes vary
async function record(actor: Actor, input: Record<string, unknown>): Promise<any> {
  return (await actor.data(RECORD, { input })).recordSatisfactionSurvey;
}

const scores = (delivery: number, quality: number, service: number) => [
  { dimension: 'Delivery', score: delivery },
  { dimension: 'Quality', score: quality },
  { dimension: 'Service', score: service },
];

async function surveyCount(): Promise<number> {
  return (await admin.data('query($id: ID!) { node(id: $id) { ... on Customer { satisfaction { id } } } }', { id: customer.id })).node.satisfaction.length;
}

beforeAll(async () => {
  server = await startServer({ clock: new TestClock(new Date('2026-11-26T08:00:00Z')) });
  admin = await server.as('admin');
  sales = await server.as('sales');
  customer = await createCustomer(admin);
  customerUser = await server.as({ roles: ['CUSTOMER_USER'], org: customer.id });
  otherCustomerUser = await server.as({ roles: ['CUSTOMER_USER'], org: (await createCustomer(admin)).id });
  supplierUser = await server.as({ roles: ['SUPPLIER_USER'], org: (await approvedSupplier(admin)).id });
});
afterAll(() => server.stop());

describe('satisfaction surveys', () => {
  it('score each dimension 1..5 with the mean as overall, and show staff the trend per customer', async () => {
    const q1 = await record(sales, { customerId: customer.id, from: '2026-01-01', to: '2026-03-31', scores: scores(4, 5, 3.5), comments: 'Deliveries slipped in March.' });
    expect(q1.errors).toEqual([]);
    expect(q1.survey).toEqual({
      id: expect.any(String),
      customer: { id: customer.id },
      from: '2026-01-01',
      to: '2026-03-31',
      scores: scores(4, 5, 3.5),
      overall: 4.17,
      change: null,
      comments: 'Deliveries slipped in March.',
      submittedAt: '2026-11-26T08:00:00.000Z',
    });
    // Recorded out of order: the trend follows the periods, not the order of recording.
    const q3 = await record(customerUser, { customerId: customer.id, from: '2026-07-01', to: '2026-09-30', scores: scores(5, 5, 4) });
    expect(q3.survey).toMatchObject({ overall: 4.67, change: 0.5 });
    const q2 = await record(sales, { customerId: customer.id, from: '2026-04-01', to: '2026-06-30', scores: scores(3, 4, 3) });
    expect(q2.survey).toMatchObject({ overall: 3.33, change: -0.84 });
    const trend = await sales.data('query($id: ID!) { node(id: $id) { ... on Customer { satisfaction { from overall change } } } }', { id: customer.id });
    expect(trend.node.satisfaction).toEqual([
      { from: '2026-01-01', overall: 4.17, change: null },
      { from: '2026-04-01', overall: 3.33, change: -0.84 },
      { from: '2026-07-01', overall: 4.67, change: 1.34 },
    ]);
    const node = await sales.data('query($id: ID!) { node(id: $id) { ... on SatisfactionSurvey { overall change } } }', { id: q3.survey.id });
    expect(node.node).toEqual({ overall: 4.67, change: 1.34 });
    const activity = await customerUser.data('query($id: ID!) { activity(subjectId: $id) { nodes { kind summary } } }', { id: q2.survey.id });
    expect(activity.activity.nodes).toEqual([{ kind: 'SATISFACTION_SURVEY_RECORDED', summary: `Satisfaction of ${customer.code} for 2026-04-01 to 2026-06-30: 3.33 of 5.` }]);
  });

  it('refuse scores out of range, repeated dimensions, bad and overlapping periods, naming the field and writing nothing', async () => {
    const before = await surveyCount();
    const cases: [Record<string, unknown>, { field: string[]; code: string }][] = [
      [{ scores: [{ dimension: 'Delivery', score: 0 }] }, { field: ['input', 'scores', '0', 'score'], code: 'INVALID' }],
      [{ scores: [{ dimension: 'Delivery', score: 4 }, { dimension: 'Quality', score: 5.5 }] }, { field: ['input', 'scores', '1', 'score'], code: 'INVALID' }],
      [{ scores: [{ dimension: 'Delivery', score: 4 }, { dimension: ' delivery ', score: 3 }] }, { field: ['input', 'scores', '1', 'dimension'], code: 'INVALID' }],
      [{ scores: [{ dimension: '  ', score: 3 }] }, { field: ['input', 'scores', '0', 'dimension'], code: 'INVALID' }],
      [{ scores: [] }, { field: ['input', 'scores'], code: 'INVALID' }],
      [{ from: '2025-12-01', to: '2025-10-01' }, { field: ['input', 'to'], code: 'INVALID' }],
      [{ from: '2024-01-01', to: '2025-06-30' }, { field: ['input', 'to'], code: 'INVALID' }],
      [{ from: '2026-10-01', to: '2026-12-31' }, { field: ['input', 'to'], code: 'INVALID' }],
      [{ from: '2026-03-01', to: '2026-04-30' }, { field: ['input', 'from'], code: 'DUPLICATE' }],
    ];
    for (const [override, error] of cases) {
      const result = await record(sales, { customerId: customer.id, from: '2025-10-01', to: '2025-12-31', scores: scores(4, 4, 4), ...override });
      expect(result.survey, JSON.stringify(override)).toBeNull();
      expect(result.errors, JSON.stringify(override)).toEqual([{ ...error, message: expect.any(String) }]);
    }
    const notADate = await sales.run(RECORD, { input: { customerId: customer.id, from: '2025-02-30', to: '2025-03-31', scores: scores(4, 4, 4) } });
    expect(notADate.body.errors?.[0]).toMatchObject({ message: expect.stringContaining('input.from'), extensions: { code: 'BAD_USER_INPUT' } });
    expect(await surveyCount()).toBe(before);
  });

  it("are recorded by the customer itself or by sales staff, and seen by nobody else", async () => {
    const input = { customerId: customer.id, from: '2025-07-01', to: '2025-09-30', scores: scores(4, 4, 4) };
    expect((await record(otherCustomerUser, input)).errors).toEqual([{ field: ['input', 'customerId'], code: 'NOT_FOUND', message: 'No customer with this id.' }]);
    for (const who of [supplierUser, await server.as('buyer'), await server.as('quality')]) {
      expect((await who.run(RECORD, { input })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const mine = await record(customerUser, input);
    expect(mine.errors).toEqual([]);
    for (const outsider of [otherCustomerUser, supplierUser]) {
      const seen = await outsider.data('query($s: ID!, $c: ID!) { survey: node(id: $s) { id } customer: node(id: $c) { id } }', { s: mine.survey.id, c: customer.id });
      expect(seen).toEqual({ survey: null, customer: null });
    }
    const own = await customerUser.data('query($c: ID!) { node(id: $c) { ... on Customer { satisfaction { from } } } }', { c: customer.id });
    expect(own.node.satisfaction.map((s: { from: string }) => s.from)).toEqual(['2025-07-01', '2026-01-01', '2026-04-01', '2026-07-01']);
  });
});
