import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedSupplier, createCustomer } from './support/fixtures.js';
import { type Actor, startServer, TestClock, type TestServer } from './support/server.js';

let server: TestServer;
let admin: Actor;
let sales: Actor;
let quality: Actor;
let buyer: Actor;
let customer: { id: string };
let customerUser: Actor;
let otherCustomerUser: Actor;
let supplierUser: Actor;

const FEEDBACK = 'id number kind channel subject description severity status receivedAt acknowledgeBy acknowledgedAt resolveBy resolvedAt resolution satisfactionRating overdue customer { id } nonconformance { id }';
const RECORD = `mutation($input: RecordFeedbackInput!) { recordFeedback(input: $input) { feedback { ${FEEDBACK} } errors { field code message } } }`;
const action = (name: string, input = 'FeedbackActionInput') => `mutation($input: ${input}!) { ${name}(input: $input) { feedback { ${FEEDBACK} } errors { field code message } } }`;
const ACK = action('acknowledgeFeedback');
const START = action('startFeedback');
const RESOLVE = action('resolveFeedback');
const REOPEN = action('reopenFeedback');
const CLOSE = action('closeFeedback', 'CloseFeedbackInput');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// biome-ignore lint/suspicious/noExplicitAny: response shapes vary
async function run(actor: Actor, mutation: string, input: Record<string, unknown>): Promise<any> {
  return Object.values(await actor.data(mutation, { input }))[0];
}

async function record(actor: Actor, overrides: Record<string, unknown> = {}) {
  const result = await run(actor, RECORD, { customerId: customer.id, kind: 'COMPLAINT', severity: 'CRITICAL', subject: 'Cracked housings', description: 'Three housings of lot 2611 cracked at the flange.', ...overrides });
  expect(result.errors).toEqual([]);
  return result.feedback;
}

async function feedbackCount(): Promise<number> {
  return (await admin.data('{ customerFeedback { totalCount } }')).customerFeedback.totalCount;
}

async function forbidden(actor: Actor, mutation: string, input: Record<string, unknown>) {
  const response = await actor.run(mutation, { input });
  return response.body.errors?.[0]?.extensions?.code;
}

beforeAll(async () => {
  // A Thursday morning.
  server = await startServer({ clock: new TestClock(new Date('2026-11-26T08:00:00Z')) });
  admin = await server.as('admin');
  sales = await server.as('sales');
  quality = await server.as('quality');
  buyer = await server.as('buyer');
  customer = await createCustomer(admin);
  customerUser = await server.as({ roles: ['CUSTOMER_USER'], org: customer.id, name: 'Hanna Berg' });
  const other = await createCustomer(admin);
  otherCustomerUser = await server.as({ roles: ['CUSTOMER_USER'], org: other.id });
  const supplier = await approvedSupplier(admin);
  supplierUser = await server.as({ roles: ['SUPPLIER_USER'], org: supplier.id });
});
afterAll(() => server.stop());

describe('recording feedback', () => {
  it('by the customer for itself, through the portal, with deadlines from the service standard', async () => {
    const receivedAt = server.clock.now();
    const feedback = await record(customerUser);
    expect(feedback).toMatchObject({ number: expect.stringMatching(/^FB-2026-\d{5}$/), kind: 'COMPLAINT', channel: 'PORTAL', severity: 'CRITICAL', status: 'RECEIVED', overdue: false, customer: { id: customer.id }, nonconformance: null, acknowledgedAt: null, resolvedAt: null });
    expect(feedback.receivedAt).toBe(receivedAt.toISOString());
    // A CRITICAL complaint: acknowledged within 1 hour, resolved within 2 days.
    expect(feedback.acknowledgeBy).toBe(new Date(receivedAt.getTime() + HOUR).toISOString());
    expect(feedback.resolveBy).toBe(new Date(receivedAt.getTime() + 2 * DAY).toISOString());
  });

  it('by sales staff for any customer, only with the channel noted', async () => {
    const before = await feedbackCount();
    const missing = await run(sales, RECORD, { customerId: customer.id, kind: 'INQUIRY', subject: 'Lead time', description: 'What is the lead time for 500 housings?' });
    expect(missing).toEqual({ feedback: null, errors: [{ field: ['input', 'channel'], code: 'INVALID', message: expect.stringContaining('channel') }] });
    expect(await feedbackCount()).toBe(before);
    const byPhone = await record(sales, { kind: 'INQUIRY', severity: null, channel: 'PHONE', subject: 'Lead time', description: 'What is the lead time for 500 housings?' });
    expect(byPhone).toMatchObject({ channel: 'PHONE', kind: 'INQUIRY', severity: null });
  });

  it('counts business days for an inquiry: received on a Friday afternoon, acknowledged by Monday', async () => {
    server.clock.set('2026-11-27T15:00:00Z');
    const inquiry = await record(customerUser, { kind: 'INQUIRY', severity: null, subject: 'Drawing revision', description: 'Which drawing revision applies to order 17?' });
    expect(inquiry.acknowledgeBy).toBe('2026-11-30T15:00:00.000Z');
    expect(inquiry.resolveBy).toBe('2026-12-02T15:00:00.000Z');
    server.clock.set('2026-11-26T08:30:00Z');
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await feedbackCount();
    const blank = await run(customerUser, RECORD, { customerId: customer.id, kind: 'COMPLAINT', subject: '   ', description: 'x' });
    expect(blank.errors).toEqual([{ field: ['input', 'subject'], code: 'INVALID', message: 'Subject is required.' }]);
    const long = await customerUser.run(RECORD, { input: { customerId: customer.id, kind: 'COMPLAINT', subject: 'x', description: 'y'.repeat(4001) } });
    expect(long.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.description' });
    const badId = await run(customerUser, RECORD, { customerId: 'nonsense', kind: 'PRAISE', subject: 'x', description: 'y' });
    expect(badId.errors).toEqual([{ field: ['input', 'customerId'], code: 'NOT_FOUND', message: 'No customer with this id.' }]);
    expect(await feedbackCount()).toBe(before);
  });

  it("refuses a customer recording another customer's feedback, and suppliers and buyers altogether", async () => {
    const before = await feedbackCount();
    const other = await run(otherCustomerUser, RECORD, { customerId: customer.id, kind: 'COMPLAINT', subject: 'x', description: 'y' });
    expect(other.errors).toEqual([{ field: ['input', 'customerId'], code: 'NOT_FOUND', message: 'No customer with this id.' }]);
    const input = { customerId: customer.id, kind: 'COMPLAINT', subject: 'x', description: 'y', channel: 'EMAIL' };
    expect(await forbidden(supplierUser, RECORD, input)).toBe('FORBIDDEN');
    expect(await forbidden(buyer, RECORD, input)).toBe('FORBIDDEN');
    expect(await feedbackCount()).toBe(before);
  });

  it('records a retried request once, and refuses the key with other input', async () => {
    const input = { customerId: customer.id, kind: 'SUGGESTION', subject: 'Returnable crates', description: 'Ship the housings in returnable crates.', idempotencyKey: 'fb-retry-1' };
    const first = await run(customerUser, RECORD, input);
    const again = await run(customerUser, RECORD, input);
    expect(again.feedback.id).toBe(first.feedback.id);
    expect(again.feedback.number).toBe(first.feedback.number);
    const changed = await run(customerUser, RECORD, { ...input, subject: 'Other' });
    expect(changed.errors).toEqual([{ field: ['input', 'idempotencyKey'], code: 'DUPLICATE', message: expect.any(String) }]);
  });
});

describe('the feedback workflow', () => {
  it('goes RECEIVED -> ACKNOWLEDGED -> IN_PROGRESS -> RESOLVED -> CLOSED with a rating, each step an activity row', async () => {
    const fb = await record(customerUser, { severity: 'MAJOR' });
    server.clock.advance(10 * 60_000);
    const acked = await run(quality, ACK, { id: fb.id, note: 'Samples requested' });
    expect(acked.feedback).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedAt: server.clock.now().toISOString() });
    expect((await run(sales, START, { id: fb.id })).feedback.status).toBe('IN_PROGRESS');
    const noAnswer = await run(sales, RESOLVE, { id: fb.id });
    expect(noAnswer.errors).toEqual([{ field: ['input', 'resolution'], code: 'INVALID', message: expect.any(String) }]);
    const resolved = await run(sales, RESOLVE, { id: fb.id, resolution: 'Replacement housings shipped; flange radius corrected.' });
    expect(resolved.feedback).toMatchObject({ status: 'RESOLVED', resolution: 'Replacement housings shipped; flange radius corrected.', resolvedAt: server.clock.now().toISOString() });
    const badRating = await run(customerUser, CLOSE, { id: fb.id, satisfactionRating: 6 });
    expect(badRating.errors).toEqual([{ field: ['input', 'satisfactionRating'], code: 'INVALID', message: 'The satisfaction rating is from 1 to 5.' }]);
    const closed = await run(customerUser, CLOSE, { id: fb.id, satisfactionRating: 4 });
    expect(closed.feedback).toMatchObject({ status: 'CLOSED', satisfactionRating: 4, overdue: false });
    const trail = await customerUser.data('query($id: ID!) { activity(subjectId: $id) { nodes { kind actor summary } } }', { id: fb.id });
    expect(trail.activity.nodes.map((a: { kind: string }) => a.kind)).toEqual(['FEEDBACK_RECEIVED', 'FEEDBACK_ACKNOWLEDGED', 'FEEDBACK_STARTED', 'FEEDBACK_RESOLVED', 'FEEDBACK_CLOSED']);
    expect(trail.activity.nodes[1]).toEqual({ kind: 'FEEDBACK_ACKNOWLEDGED', actor: 'Qing Quality', summary: `${fb.number} RECEIVED -> ACKNOWLEDGED: Samples requested` });
    expect(trail.activity.nodes[4].summary).toBe(`${fb.number} RESOLVED -> CLOSED (rated 4 of 5)`);
  });

  it('resolves acknowledged feedback at once, recording the implied start, for clients that never start it', async () => {
    const fb = await record(customerUser, { severity: 'MAJOR' });
    await run(sales, ACK, { id: fb.id });
    expect((await run(sales, RESOLVE, { id: fb.id })).errors).toEqual([{ field: ['input', 'resolution'], code: 'INVALID', message: 'Say how it was resolved: the answer the customer gets.' }]);
    expect(await forbidden(customerUser, RESOLVE, { id: fb.id, resolution: 'Done' })).toBe('FORBIDDEN');
    const resolved = await run(quality, RESOLVE, { id: fb.id, resolution: 'Sorted and replaced at our cost.' });
    expect(resolved).toMatchObject({ errors: [], feedback: { status: 'RESOLVED', resolution: 'Sorted and replaced at our cost.', resolvedAt: server.clock.now().toISOString() } });
    const trail = await customerUser.data('query($id: ID!) { activity(subjectId: $id) { nodes { kind summary } } }', { id: fb.id });
    expect(trail.activity.nodes).toEqual([
      { kind: 'FEEDBACK_RECEIVED', summary: expect.any(String) },
      { kind: 'FEEDBACK_ACKNOWLEDGED', summary: `${fb.number} RECEIVED -> ACKNOWLEDGED.` },
      { kind: 'FEEDBACK_STARTED', summary: `${fb.number} ACKNOWLEDGED -> IN_PROGRESS, implied by its resolution.` },
      { kind: 'FEEDBACK_RESOLVED', summary: `${fb.number} ACKNOWLEDGED -> RESOLVED: Sorted and replaced at our cost.` },
    ]);
    // A retried resolution finds it resolved already.
    expect((await run(quality, RESOLVE, { id: fb.id, resolution: 'Sorted and replaced at our cost.' })).errors[0]).toMatchObject({ code: 'INVALID_STATE_TRANSITION', field: ['input', 'id'] });
  });

  it('refuses steps out of order, retried steps, and the wrong people', async () => {
    const fb = await record(customerUser);
    expect((await run(sales, RESOLVE, { id: fb.id, resolution: 'x' })).errors).toEqual([{ field: ['input', 'id'], code: 'INVALID_STATE_TRANSITION', message: 'RECEIVED feedback cannot be resolved; that takes IN_PROGRESS or ACKNOWLEDGED feedback.' }]);
    expect(await forbidden(customerUser, ACK, { id: fb.id })).toBe('FORBIDDEN');
    expect(await forbidden(buyer, ACK, { id: fb.id })).toBe('FORBIDDEN');
    expect((await run(sales, ACK, { id: fb.id })).errors).toEqual([]);
    expect((await run(sales, ACK, { id: fb.id })).errors[0]).toMatchObject({ code: 'INVALID_STATE_TRANSITION', field: ['input', 'id'] });
    await run(sales, START, { id: fb.id });
    await run(sales, RESOLVE, { id: fb.id, resolution: 'Credit note issued.' });
    // Quality engineers handle feedback but do not close it for the customer.
    expect(await forbidden(quality, CLOSE, { id: fb.id })).toBe('FORBIDDEN');
    expect((await run(otherCustomerUser, CLOSE, { id: fb.id })).errors).toEqual([{ field: ['input', 'id'], code: 'NOT_FOUND', message: 'No feedback with this id.' }]);
    expect((await run(sales, CLOSE, { id: fb.id })).feedback).toMatchObject({ status: 'CLOSED', satisfactionRating: null });
    expect((await run(customerUser, CLOSE, { id: fb.id })).errors[0]).toMatchObject({ code: 'INVALID_STATE_TRANSITION' });
  });

  it('lets the customer reopen a resolution within 14 days, with a reason, and restarts the resolution deadline', async () => {
    const fb = await record(customerUser, { severity: 'MINOR', kind: 'COMPLAINT' });
    await run(sales, ACK, { id: fb.id });
    await run(sales, START, { id: fb.id });
    await run(sales, RESOLVE, { id: fb.id, resolution: 'Labels reprinted.' });
    server.clock.advance(13 * DAY);
    expect((await run(customerUser, REOPEN, { id: fb.id })).errors).toEqual([{ field: ['input', 'note'], code: 'INVALID', message: expect.any(String) }]);
    const reopenedAt = server.clock.now();
    const reopened = await run(customerUser, REOPEN, { id: fb.id, note: 'The new labels peel off too.' });
    expect(reopened.feedback).toMatchObject({ status: 'IN_PROGRESS', resolvedAt: null, overdue: false });
    // A MINOR complaint is resolved within 10 business days, counted again from the reopening.
    expect(new Date(reopened.feedback.resolveBy).getTime()).toBeGreaterThanOrEqual(reopenedAt.getTime() + 14 * DAY);
    await run(sales, RESOLVE, { id: fb.id, resolution: 'Labels of a new material.' });
    server.clock.advance(14 * DAY + 60_000);
    expect((await run(customerUser, REOPEN, { id: fb.id, note: 'Still peeling' })).errors).toEqual([{ field: ['input', 'id'], code: 'INVALID', message: expect.stringContaining('within 14 days') }]);
    expect((await run(customerUser, CLOSE, { id: fb.id, satisfactionRating: 2 })).feedback.status).toBe('CLOSED');
  });
});

describe('service deadlines', () => {
  it('make feedback overdue when acknowledgement or resolution is late, filterable and on the dashboard', async () => {
    server.clock.set('2026-12-10T08:00:00Z');
    const viewer = await server.as('viewer');
    const overdueNow = async () => (await viewer.data('{ dashboard { overdueFeedback } }')).dashboard.overdueFeedback as number;
    const overdueIds = async () => (await sales.data('{ customerFeedback(first: 100, filter: { overdue: true }) { nodes { id } } }')).customerFeedback.nodes.map((n: { id: string }) => n.id) as string[];
    const baseline = await overdueNow();
    const fb = await record(customerUser, { severity: 'CRITICAL' });
    const read = async () => (await sales.data('query($id: ID!) { node(id: $id) { ... on CustomerFeedback { overdue } } }', { id: fb.id })).node.overdue;
    server.clock.advance(HOUR);
    expect(await read()).toBe(false);
    server.clock.advance(1);
    expect(await read()).toBe(true);
    expect(await overdueIds()).toContain(fb.id);
    expect(await overdueNow()).toBe(baseline + 1);
    // Acknowledged late: that deadline is met now; resolution is not due yet.
    await run(sales, ACK, { id: fb.id });
    expect(await read()).toBe(false);
    expect(await overdueIds()).not.toContain(fb.id);
    expect(await overdueNow()).toBe(baseline);
    server.clock.advance(2 * DAY);
    expect(await read()).toBe(true);
    expect(await overdueNow()).toBe(baseline + 1);
    const notOverdue = (await sales.data('{ customerFeedback(first: 100, filter: { overdue: false }) { nodes { id } } }')).customerFeedback.nodes.map((n: { id: string }) => n.id);
    expect(notOverdue).not.toContain(fb.id);
    await run(sales, START, { id: fb.id });
    await run(sales, RESOLVE, { id: fb.id, resolution: 'Sorted at our cost.' });
    expect(await read()).toBe(false);
    expect(await overdueNow()).toBe(baseline);
  });
});

describe('who sees feedback', () => {
  it('a customer its own, staff all, a supplier none', async () => {
    const fb = await record(customerUser, { kind: 'PRAISE', severity: null, subject: 'Great packaging' });
    const own = await customerUser.data('query($id: ID!, $c: ID!) { node(id: $id) { id } customerFeedback(first: 100) { nodes { customer { id } } } customer: node(id: $c) { ... on Customer { feedback(first: 2, filter: { kind: [PRAISE] }) { totalCount nodes { id kind } } } } }', { id: fb.id, c: customer.id });
    expect(own.node).toEqual({ id: fb.id });
    expect(new Set(own.customerFeedback.nodes.map((n: { customer: { id: string } }) => n.customer.id))).toEqual(new Set([customer.id]));
    expect(own.customer.feedback.nodes[0]).toEqual({ id: fb.id, kind: 'PRAISE' });
    expect(own.customer.feedback.nodes.every((n: { kind: string }) => n.kind === 'PRAISE')).toBe(true);
    for (const outsider of [otherCustomerUser, supplierUser]) {
      const seen = await outsider.data('query($id: ID!) { node(id: $id) { id } customerFeedback { totalCount } activity(subjectId: $id) { nodes { kind } } }', { id: fb.id });
      expect(seen).toEqual({ node: null, customerFeedback: { totalCount: 0 }, activity: { nodes: [] } });
    }
    const staff = await admin.data('query($c: ID!) { customerFeedback(first: 1, filter: { customerId: $c, kind: [PRAISE], status: [RECEIVED] }) { totalCount nodes { id } } }', { c: customer.id });
    expect(staff.customerFeedback.nodes).toEqual([{ id: fb.id }]);
  });

  it('pages with keyset cursors in both directions', async () => {
    const forward = await sales.data('{ customerFeedback(first: 3) { nodes { id } pageInfo { endCursor hasNextPage } } }');
    expect(forward.customerFeedback.pageInfo.hasNextPage).toBe(true);
    const next = await sales.data('query($after: String) { customerFeedback(first: 3, after: $after) { nodes { id } pageInfo { startCursor } } }', { after: forward.customerFeedback.pageInfo.endCursor });
    const back = await sales.data('query($before: String) { customerFeedback(last: 3, before: $before) { nodes { id } } }', { before: next.customerFeedback.pageInfo.startCursor });
    expect(back.customerFeedback.nodes).toEqual(forward.customerFeedback.nodes);
    const tooMany = await sales.run('{ customerFeedback(first: 101) { totalCount } }');
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
