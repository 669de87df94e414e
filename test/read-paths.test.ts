import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, createPart } from './support/fixtures.js';
import { acknowledgedOrder, M, mutate, supplierWithUser, tomorrow } from './support/orders.js';
import { type Actor, startServer, TestClock, type TestServer, wsRun } from './support/server.js';

// Queries are answered from JSON that PostgreSQL builds from the read models (src/read). Every answer
// must be exactly what graphql-js gives with the resolvers for the same query: in tests the header
// `x-read-path: executed` asks for graphql-js, so each case is asked both ways, by every kind of
// viewer. (test/read-differential.test.ts does the same with generated queries.)
let server: TestServer;
let admin: Actor;
let buyer: Actor;
let supplierUser: Actor;
let rivalUser: Actor;
let customerUser: Actor;
let orderIds: string[];
let rivalOrderId: string;
let salesOrderId: string;
let deliveryId: string;

const ORDER = `fragment O on Order {
  __typename id number direction status currency dueDate issuedAt acknowledgedAt createdAt updatedAt version total ref: number
  partner { __typename id name ... on Supplier { code country } ... on Customer { code } }
  lines { id lineNumber quantity unitPrice requestedDate confirmedQuantity confirmedDate deliveredQuantity acceptedQuantity
    part { __typename id partNumber description unit importanceClass revision } }
  deliveries { __typename id number status carrier trackingNumber estimatedArrival shippedAt arrivedAt receivedAt createdAt updatedAt }
}`;
const LIST = `query($first: Int, $last: Int, $after: String, $before: String, $filter: OrderFilter, $orderBy: OrderOrder) {
  list: orders(first: $first, last: $last, after: $after, before: $before, filter: $filter, orderBy: $orderBy) {
    __typename totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor __typename }
    edges { cursor node { ...O } }
    nodes { id ... on Order { number lines { quantity } } ...O }
  }
} ${ORDER}`;
const BY_ID = `query($id: ID!) { __typename node(id: $id) { id ... on Order { ...O } ... on Delivery { number } } } ${ORDER}`;
const W1 = 'query { orders(first: 50, filter: { status: [ISSUED, ACKNOWLEDGED, PARTIALLY_DELIVERED] }, orderBy: { field: DUE_DATE }) { nodes { number dueDate lines { quantity part { partNumber description } } deliveries { status } } } }';

// biome-ignore lint/suspicious/noExplicitAny: the connection's shape depends on the query
const listOf = (body: { data?: Record<string, unknown> | null }): any => body.data?.list ?? null;

async function ask(actor: Actor, query: string, variables: Record<string, unknown> | undefined, path: 'compiled' | 'executed') {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(actor.token ? { authorization: `Bearer ${actor.token}` } : {}), 'x-read-path': path },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, path: response.headers.get('x-read-path'), contentType: response.headers.get('content-type'), body: (await response.json()) as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] } };
}

/** Asks both ways; returns the compiled answer, the statements it took and which path gave it. */
async function both(actor: Actor, query: string, variables?: Record<string, unknown>) {
  const before = server.statements();
  const fast = await ask(actor, query, variables, 'compiled');
  const statements = server.statements() - before;
  const slow = await ask(actor, query, variables, 'executed');
  expect(fast.status).toBe(slow.status);
  // The budget left differs: the second request was charged after the first.
  const withoutBudget = (body: typeof fast.body) => JSON.parse(JSON.stringify(body, (key, value) => (key === 'remaining' ? undefined : value)));
  expect(withoutBudget(fast.body)).toEqual(withoutBudget(slow.body));
  expect(fast.contentType).toBe(slow.contentType);
  return { body: fast.body, statements, path: fast.path };
}

beforeAll(async () => {
  server = await startServer({ clock: new TestClock(new Date('2026-11-26T08:00:00.123Z')) });
  admin = await server.as('admin');
  buyer = await server.as('buyer');
  const a = await supplierWithUser(server, admin);
  const rival = await supplierWithUser(server, admin);
  supplierUser = a.user;
  rivalUser = rival.user;
  const p1 = await createPart(admin, { revision: 'B' });
  const p2 = await createPart(admin, { importanceClass: 'I' });
  orderIds = [];
  for (const quantities of [['1234.5', '0.000001'], ['100', '50'], ['7', '3']]) {
    orderIds.push((await acknowledgedOrder(server, buyer, a.supplier, a.user, [p1.id, p2.id], quantities)).id);
  }
  const first = await supplierUser.data(`query($id: ID!) { node(id: $id) { ... on Order { lines { id } } } }`, { id: orderIds[0] });
  const asn = await mutate(server, supplierUser, M.createDelivery, { orderId: orderIds[0], carrier: 'DHL', trackingNumber: 'T-1', lines: [{ orderLineId: first.node.lines[0].id, quantity: '1', lotNumber: 'L-1' }] });
  deliveryId = asn.delivery.id;
  await mutate(server, supplierUser, M.recordDeliveryEvent, { deliveryId, status: 'DISPATCHED' });
  await mutate(server, supplierUser, M.recordDeliveryEvent, { deliveryId, status: 'IN_TRANSIT', location: 'Hamburg' });
  await mutate(server, supplierUser, M.recordDeliveryEvent, { deliveryId, status: 'DELAYED', estimatedArrival: `${tomorrow(server, 3)}T10:30:00.250Z` });
  rivalOrderId = (await acknowledgedOrder(server, buyer, rival.supplier, rival.user, [p1.id], ['5'])).id;
  const customer = await createCustomer(admin);
  const sales = await server.as('sales');
  salesOrderId = (await mutate(server, sales, M.createOrder, { direction: 'SALES', partnerId: customer.id, currency: 'EUR', lines: [{ partId: p1.id, quantity: '3', unitPrice: '9.90', requestedDate: tomorrow(server) }] })).order.id;
  await mutate(server, sales, M.issueOrder, { id: salesOrderId, expectedVersion: 1 });
  customerUser = await server.as({ roles: ['CUSTOMER_USER'], org: customer.id });
});
afterAll(() => server.stop());

describe('reads', () => {
  it('answer the supplier portal page in one statement, as graphql-js does', async () => {
    const { body, statements, path } = await both(supplierUser, W1);
    expect(path).toBe('compiled');
    expect(statements).toBe(1);
    expect(body.data?.orders).toMatchObject({ nodes: [expect.anything(), expect.anything(), expect.anything()] });
  });

  it('page forwards and backwards, in every order, with filters, for every viewer', async () => {
    for (const actor of [buyer, supplierUser, rivalUser, customerUser, admin]) {
      const firstPage = await both(actor, LIST, { first: 2 });
      expect(firstPage).toMatchObject({ statements: 1, path: 'compiled' }); // the page and its count, in one statement
      const end = listOf(firstPage.body).pageInfo.endCursor as string | null;
      if (end !== null) await both(actor, LIST, { first: 2, after: end });
      await both(actor, LIST, { last: 2 });
      for (const field of ['NUMBER', 'DUE_DATE', 'CREATED_AT']) {
        for (const direction of ['ASC', 'DESC']) await both(actor, LIST, { first: 3, orderBy: { field, direction } });
      }
      await both(actor, LIST, { first: 10, filter: { status: ['ACKNOWLEDGED', 'PARTIALLY_DELIVERED'], direction: 'PURCHASE' } });
      await both(actor, LIST, { filter: { partnerId: (await buyer.data('query($id: ID!) { node(id: $id) { ... on Order { partner { id } } } }', { id: orderIds[0] })).node.partner.id } });
      await both(actor, LIST, { filter: { search: 'so-', dueBefore: tomorrow(server, 30) } });
    }
    const supplierList = await both(supplierUser, LIST, { first: 10 });
    expect(listOf(supplierList.body).totalCount).toBe(3);
    const customerList = await both(customerUser, LIST, { first: 10 });
    expect(listOf(customerList.body).nodes.map((n: { partner: { __typename: string } }) => n.partner.__typename)).toEqual(['Customer']);
    expect((await both(rivalUser, LIST, { first: 10 })).body.data?.list).toMatchObject({ totalCount: 1 });
  });

  it('read an order by id, or null when it is another partner\'s, in one statement', async () => {
    for (const actor of [buyer, supplierUser, rivalUser, customerUser]) {
      for (const id of [...orderIds, rivalOrderId, salesOrderId]) {
        const { body, statements, path } = await both(actor, BY_ID, { id });
        expect({ statements, path }).toEqual({ statements: 1, path: 'compiled' });
        expect(body.errors).toBeUndefined();
      }
    }
    const mine = await both(supplierUser, BY_ID, { id: orderIds[0] });
    expect(mine.body.data?.node).toMatchObject({ total: '3086.250003', lines: [{ quantity: '1234.5' }, { quantity: '0.000001' }], deliveries: [{ status: 'DELAYED', carrier: 'DHL', estimatedArrival: `${tomorrow(server, 3)}T10:30:00.250Z` }] });
    expect((await both(rivalUser, BY_ID, { id: orderIds[0] })).body.data?.node).toBeNull();
    expect((await both(customerUser, BY_ID, { id: orderIds[0] })).body.data?.node).toBeNull();
  });

  it('answer queries over WebSocket from the same read models, in one statement', async () => {
    const client = server.wsClient(supplierUser.token);
    const before = server.statements();
    const overSocket = await wsRun(client, W1);
    expect(server.statements() - before).toBe(1);
    expect(overSocket.errors).toBeUndefined();
    expect(overSocket.data).toEqual(await supplierUser.data(W1));
  });

  it('answer other node types and unknown ids, and leave errors to graphql-js, which gives them', async () => {
    expect(await both(supplierUser, BY_ID, { id: deliveryId })).toMatchObject({ path: 'compiled', statements: 1, body: { data: { node: { number: expect.any(String) } } } });
    expect(await both(supplierUser, BY_ID, { id: 'not-an-id' })).toMatchObject({ path: 'compiled', statements: 0, body: { data: { node: null } } });
    // A page too large, a cursor of another list, no viewer: graphql-js gives its errors.
    const tooMany = await both(supplierUser, LIST, { first: 1000 });
    expect(tooMany).toMatchObject({ path: 'executed' });
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await both(supplierUser, LIST, { first: 2, after: 'bm90IGEgY3Vyc29y' })).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const anonymous = { token: '' } as Actor;
    expect((await both(anonymous, W1)).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // Whatever an order shows, with change requests and every relation, is one statement.
    const mixed = await both(supplierUser, 'query { orders(first: 5) { edges { node { number changeRequests { id reason changes { quantity line { lineNumber } } } lines { quantity part { partNumber } } deliveries { status events { status } } partner { name } } } } }');
    expect(mixed).toMatchObject({ path: 'compiled', statements: 1 });
  });
});

describe('known reads', () => {
  /** Posts a query as a client would, without choosing a path. */
  async function post(actor: Actor, body: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${actor.token}`, ...headers }, body: JSON.stringify(body) });
    return { status: response.status, known: response.headers.get('x-read-known'), path: response.headers.get('x-read-path'), contentType: response.headers.get('content-type'), length: response.headers.get('content-length'), body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: { cost?: { requested: number } } } };
  }
  const withoutBudget = (body: unknown) => JSON.parse(JSON.stringify(body, (key, value) => (key === 'remaining' ? undefined : value)));

  it('answers a query Apollo admitted before without its pipeline, with the same answer for each viewer', async () => {
    const query = `query KnownOrder($id: ID!) { node(id: $id) { id ... on Order { number status lines { lineNumber quantity } } } }`;
    const first = await post(supplierUser, { query, variables: { id: orderIds[1] }, operationName: 'KnownOrder' });
    expect(first).toMatchObject({ status: 200, known: null, path: 'compiled' });
    const again = await post(supplierUser, { query, variables: { id: orderIds[1] }, operationName: 'KnownOrder' });
    expect(again).toMatchObject({ status: 200, known: 'yes', path: 'compiled', contentType: 'application/json; charset=utf-8' });
    expect(withoutBudget(again.body)).toEqual(withoutBudget(first.body));
    expect(again.body.extensions?.cost?.requested).toBe(first.body.extensions?.cost?.requested);
    expect(Number(again.length)).toBeGreaterThan(0);
    // Another viewer with the same text gets its own answer: the rival sees nothing, staff the order.
    const rival = await post(rivalUser, { query, variables: { id: orderIds[1] }, operationName: 'KnownOrder' });
    expect(rival).toMatchObject({ status: 200, known: 'yes', body: { data: { node: null } } });
    const staff = await post(buyer, { query, variables: { id: orderIds[1] }, operationName: 'KnownOrder' });
    expect(staff).toMatchObject({ status: 200, known: 'yes' });
    expect((staff.body.data as { node: unknown }).node).toEqual((first.body.data as { node: unknown }).node);
  });

  it('leaves refusals and anything but a plain JSON request to Apollo, which answers as it always does', async () => {
    const query = 'query($first: Int) { orders(first: $first) { nodes { number } } }';
    expect(await post(supplierUser, { query, variables: { first: 1 } })).toMatchObject({ status: 200, known: null });
    expect(await post(supplierUser, { query, variables: { first: 1 } })).toMatchObject({ status: 200, known: 'yes' });
    // Variables the limits refuse, and variables of the wrong type: Apollo's errors, nothing answered.
    const tooMany = await post(supplierUser, { query, variables: { first: 100_000 } });
    expect(tooMany).toMatchObject({ known: null, body: { errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] } });
    expect(tooMany.body.data ?? null).toBeNull();
    const wrongType = await post(supplierUser, { query, variables: { first: 'many' } });
    expect(wrongType).toMatchObject({ known: null, body: { errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] } });
    // Another content type asked for, or extensions sent: Apollo answers.
    const graphqlResponse = await post(supplierUser, { query, variables: { first: 1 } }, { accept: 'application/graphql-response+json' });
    expect(graphqlResponse).toMatchObject({ status: 200, known: null, contentType: 'application/graphql-response+json; charset=utf-8' });
    expect(await post(supplierUser, { query, variables: { first: 1 }, extensions: {} })).toMatchObject({ status: 200, known: null });
    // What the compiled path declines in a known text (a cursor of no list): graphql-js gives the error.
    const paged = 'query($first: Int, $after: String) { orders(first: $first, after: $after) { nodes { number } } }';
    await post(supplierUser, { query: paged, variables: { first: 1 } });
    expect(await post(supplierUser, { query: paged, variables: { first: 1 } })).toMatchObject({ known: 'yes' });
    const declined = await post(supplierUser, { query: paged, variables: { first: 1, after: 'bm90IGEgY3Vyc29y' } });
    expect(declined).toMatchObject({ known: null, path: 'executed' });
    expect(declined.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('planned reads that read first', () => {
  it('plan the activity feed, reading its horizon in the prelude of its one statement for every request: what commits after a plan was made still shows', async () => {
    const query = 'query($subjectId: ID) { activity(first: 100, subjectId: $subjectId) { totalCount nodes { kind summary } } }';
    const ask = async () => {
      const before = server.statements();
      const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${supplierUser.token}` }, body: JSON.stringify({ query, variables: { subjectId: deliveryId } }) });
      const body = (await response.json()) as { data: { activity: { totalCount: number; nodes: { kind: string }[] } } };
      expect(server.statements() - before).toBe(1);
      return { planned: response.headers.get('x-read-planned'), body };
    };
    await ask();
    await ask();
    const planned = await ask();
    expect(planned.planned).toBe('yes');
    const before = planned.body.data.activity;
    expect(await both(supplierUser, query, { subjectId: deliveryId })).toMatchObject({ path: 'compiled', body: { data: { activity: before } } });
    await mutate(server, supplierUser, M.recordDeliveryEvent, { deliveryId, status: 'IN_TRANSIT', location: 'Hamburg' });
    const after = await ask();
    expect(after.planned).toBe('yes');
    expect(after.body.data.activity.totalCount).toBe(before.totalCount + 1);
    expect(after.body.data.activity.nodes.slice(0, -1)).toEqual(before.nodes);
    expect(after.body.data.activity.nodes.at(-1)?.kind).toBe('DELIVERY_IN_TRANSIT');
  });
});
