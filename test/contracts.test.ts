import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedSupplier, createCustomer, createPart, setStatus } from './support/fixtures.js';
import { type Actor, startServer, TestClock, type TestServer } from './support/server.js';

let server: TestServer;
let admin: Actor;
let buyer: Actor;
let buyer2: Actor;
let supplier: { id: string; code: string };
let partner: Actor;
let otherPartner: Actor;
let part: { id: string };
let part2: { id: string };

const CONTRACT = `id number title type status version inForceVersion currency effectiveFrom effectiveTo paymentTermDays deliveryTerms
  partner { __typename id name } clauses { heading body } items { part { id } unitPrice minimumOrderQuantity leadTimeDays }
  signatures { party signedBy signedAt } revisions { version changedBy summary }
  amendment { version summary title items { part { id } unitPrice } signatures { party } }`;
const PAYLOAD = `{ contract { ${CONTRACT} } errors { field code message } }`;
const CREATE = `mutation($input: CreateContractInput!) { createContract(input: $input) ${PAYLOAD} }`;
const AMEND = `mutation($input: AmendContractInput!) { amendContract(input: $input) ${PAYLOAD} }`;
const SUBMIT = `mutation($input: ContractActionInput!) { submitContractForReview(input: $input) ${PAYLOAD} }`;
const APPROVE = `mutation($input: ContractActionInput!) { approveContract(input: $input) ${PAYLOAD} }`;
const SIGN = `mutation($input: ContractActionInput!) { signContract(input: $input) ${PAYLOAD} }`;
const TERMINATE = `mutation($input: ContractActionInput!) { terminateContract(input: $input) ${PAYLOAD} }`;

// biome-ignore lint/suspicious/noExplicitAny: response shapes vary per mutation
type Payload = { contract: any; errors: { field: string[]; code: string; message: string }[] };

async function mutate(actor: Actor, mutation: string, input: Record<string, unknown>): Promise<Payload> {
  // Time passes between steps, as it does between people.
  server.clock.advance(1000);
  const data = await actor.data(mutation, { input });
  return Object.values(data)[0] as Payload;
}

async function draft(overrides: Record<string, unknown> = {}, by: Actor = buyer) {
  const result = await mutate(by, CREATE, {
    partnerId: supplier.id,
    type: 'SUPPLY',
    title: 'Frame agreement for machined housings',
    effectiveFrom: '2026-12-01',
    effectiveTo: '2027-11-30',
    currency: 'eur',
    paymentTermDays: 60,
    deliveryTerms: 'FCA Shanghai',
    clauses: [{ heading: 'Quality', body: 'Per the quality assurance agreement.' }],
    items: [{ partId: part.id, unitPrice: '12.50', minimumOrderQuantity: '100', leadTimeDays: 30 }],
    ...overrides,
  });
  expect(result.errors).toEqual([]);
  return result.contract;
}

/** Drafted by buyer, submitted, approved by buyer2: awaiting signatures. */
async function offered(overrides: Record<string, unknown> = {}) {
  const c = await draft(overrides);
  expect((await mutate(buyer, SUBMIT, { id: c.id })).errors).toEqual([]);
  const approved = await mutate(buyer2, APPROVE, { id: c.id });
  expect(approved.errors).toEqual([]);
  return approved.contract;
}

async function active(overrides: Record<string, unknown> = {}) {
  const c = await offered(overrides);
  expect((await mutate(partner, SIGN, { id: c.id, expectedVersion: 1 })).errors).toEqual([]);
  const signed = await mutate(buyer, SIGN, { id: c.id, expectedVersion: 1 });
  expect(signed.errors).toEqual([]);
  return signed.contract;
}

async function contractCount(): Promise<number> {
  return (await admin.data('{ contracts { totalCount } }')).contracts.totalCount;
}

beforeAll(async () => {
  server = await startServer({ clock: new TestClock(new Date('2026-11-26T08:00:00Z')) });
  admin = await server.as('admin');
  buyer = await server.as('buyer');
  buyer2 = await server.as('buyer2');
  supplier = await approvedSupplier(admin, { name: 'Suzhou Machining' });
  const other = await approvedSupplier(admin, { name: 'Other Supplier' });
  partner = await server.as({ roles: ['SUPPLIER_USER'], org: supplier.id, name: 'Li Wei' });
  otherPartner = await server.as({ roles: ['SUPPLIER_USER'], org: other.id });
  part = await createPart(admin, { importanceClass: 'I' });
  part2 = await createPart(admin);
});
afterAll(() => server.stop());

describe('drafting a contract', () => {
  it('creates a DRAFT with a number, version 1 and its terms', async () => {
    const c = await draft();
    expect(c).toMatchObject({
      number: expect.stringMatching(/^CT-2026-\d{5}$/),
      type: 'SUPPLY',
      status: 'DRAFT',
      version: 1,
      inForceVersion: null,
      currency: 'EUR',
      effectiveFrom: '2026-12-01',
      effectiveTo: '2027-11-30',
      paymentTermDays: 60,
      deliveryTerms: 'FCA Shanghai',
      partner: { __typename: 'Supplier', id: supplier.id, name: 'Suzhou Machining' },
      clauses: [{ heading: 'Quality', body: 'Per the quality assurance agreement.' }],
      items: [{ part: { id: part.id }, unitPrice: '12.5', minimumOrderQuantity: '100', leadTimeDays: 30 }],
      signatures: [],
      revisions: [{ version: 1, changedBy: 'Bo Buyer', summary: 'Drafted.' }],
      amendment: null,
    });
  });

  it.each([
    [{ effectiveFrom: '2027-01-01', effectiveTo: '2026-12-31' }, ['input', 'effectiveTo'], 'INVALID'],
    [{ currency: 'EURO' }, ['input', 'currency'], 'INVALID'],
    [{ currency: 'XYZ' }, ['input', 'currency'], 'INVALID'],
    [{ title: ' ' }, ['input', 'title'], 'INVALID'],
    [{ paymentTermDays: -1 }, ['input', 'paymentTermDays'], 'INVALID'],
    [{ items: [{ partId: 'bogus', unitPrice: '1' }] }, ['input', 'items', '0', 'partId'], 'NOT_FOUND'],
    [{ items: [{ partId: 'PART', unitPrice: '0' }] }, ['input', 'items', '0', 'unitPrice'], 'INVALID'],
    [{ items: [{ partId: 'PART', unitPrice: '-3.5' }] }, ['input', 'items', '0', 'unitPrice'], 'INVALID'],
    [{ items: [{ partId: 'PART', unitPrice: '1' }, { partId: 'PART', unitPrice: '2' }] }, ['input', 'items'], 'INVALID'],
    [{ type: 'SALES' }, ['input', 'partnerId'], 'INVALID'],
  ])('refuses %j naming the field, and writes nothing', async (overrides, field, code) => {
    const before = await contractCount();
    const input = JSON.parse(JSON.stringify(overrides).replaceAll('"PART"', JSON.stringify(part.id)));
    const by = (overrides as { type?: string }).type === 'SALES' ? await server.as('sales') : buyer;
    const result = await mutate(by, CREATE, { partnerId: supplier.id, type: 'SUPPLY', title: 'T', currency: 'EUR', ...input });
    expect(result.contract).toBeNull();
    expect(result.errors[0]).toMatchObject({ field, code });
    expect(await contractCount()).toBe(before);
  });

  it('makes SALES contracts only with customers and the others only with suppliers', async () => {
    const customer = await createCustomer(admin);
    const result = await mutate(buyer, CREATE, { partnerId: customer.id, type: 'SUPPLY', title: 'T', currency: 'EUR' });
    expect(result.errors).toEqual([{ field: ['input', 'partnerId'], code: 'INVALID', message: 'A SUPPLY contract is made with a supplier.' }]);
    const sales = await mutate(await server.as('sales'), CREATE, { partnerId: customer.id, type: 'SALES', title: 'Annual supply to customer', currency: 'USD' });
    expect(sales.contract).toMatchObject({ type: 'SALES', status: 'DRAFT', partner: { __typename: 'Customer', id: customer.id } });
  });

  it('gives a disqualified supplier no new contract', async () => {
    const doomed = await approvedSupplier(admin);
    await setStatus(admin, doomed.id, 'DISQUALIFIED');
    const result = await mutate(buyer, CREATE, { partnerId: doomed.id, type: 'SUPPLY', title: 'T', currency: 'EUR' });
    expect(result.errors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'partnerId'], message: `Supplier ${doomed.code} is disqualified and cannot get a new contract.` });
  });

  it('is for the owning department: buyers draft supply contracts, sales staff sales contracts', async () => {
    const sales = await server.as('sales');
    const response = await sales.run(CREATE, { input: { partnerId: supplier.id, type: 'SUPPLY', title: 'T', currency: 'EUR' } });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const user of ['quality', 'viewer']) {
      const r = await (await server.as(user)).run(CREATE, { input: { partnerId: supplier.id, type: 'SUPPLY', title: 'T', currency: 'EUR' } });
      expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const r = await partner.run(CREATE, { input: { partnerId: supplier.id, type: 'SUPPLY', title: 'T', currency: 'EUR' } });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('review and signature', () => {
  it('hides drafts and reviews from the partner, then offers the contract for signature', async () => {
    const c = await draft();
    const seen = async () => (await partner.data('query($id: ID!) { node(id: $id) { id } contracts { nodes { id } } }', { id: c.id })) as { node: unknown; contracts: { nodes: { id: string }[] } };
    expect((await seen()).node).toBeNull();
    expect((await seen()).contracts.nodes.map((n) => n.id)).not.toContain(c.id);
    const submitted = await mutate(buyer, SUBMIT, { id: c.id, expectedVersion: 1 });
    expect(submitted.contract.status).toBe('IN_REVIEW');
    expect((await seen()).node).toBeNull();
    const approved = await mutate(buyer2, APPROVE, { id: c.id });
    expect(approved.contract.status).toBe('AWAITING_SIGNATURE');
    expect((await seen()).node).toEqual({ id: c.id });
  });

  it('refuses self-approval', async () => {
    const c = await draft();
    await mutate(buyer, SUBMIT, { id: c.id });
    const response = await buyer.run(APPROVE, { input: { id: c.id } });
    expect(response.body.errors?.[0]).toMatchObject({ message: 'The drafter of a contract cannot approve it; a second staff user must.', extensions: { code: 'FORBIDDEN' } });
    const check = await admin.data('query($id: ID!) { node(id: $id) { ... on Contract { status } } }', { id: c.id });
    expect(check.node.status).toBe('IN_REVIEW');
    expect((await mutate(admin, APPROVE, { id: c.id })).contract.status).toBe('AWAITING_SIGNATURE');
  });

  it('refuses steps out of order', async () => {
    const c = await draft();
    expect((await mutate(buyer2, APPROVE, { id: c.id })).errors[0]).toMatchObject({ code: 'INVALID_STATE_TRANSITION', message: 'A DRAFT contract cannot be approved.' });
    expect((await mutate(buyer, SIGN, { id: c.id, expectedVersion: 1 })).errors[0]?.code).toBe('INVALID_STATE_TRANSITION');
  });

  it('activates when the partner signs first and the company second', async () => {
    const c = await offered();
    const first = await mutate(partner, SIGN, { id: c.id, expectedVersion: 1 });
    expect(first.contract.status).toBe('AWAITING_SIGNATURE');
    expect(first.contract.signatures).toEqual([{ party: 'PARTNER', signedBy: 'Li Wei', signedAt: server.clock.now().toISOString() }]);
    const second = await mutate(buyer, SIGN, { id: c.id, expectedVersion: 1 });
    expect(second.contract).toMatchObject({ status: 'ACTIVE', inForceVersion: 1, version: 1 });
    expect(second.contract.signatures.map((s: { party: string }) => s.party)).toEqual(['PARTNER', 'COMPANY']);
  });

  it('activates when the company signs first and the partner second', async () => {
    const c = await offered();
    expect((await mutate(buyer, SIGN, { id: c.id, expectedVersion: 1 })).contract.status).toBe('AWAITING_SIGNATURE');
    expect((await mutate(buyer, SIGN, { id: c.id, expectedVersion: 1 })).errors[0]).toMatchObject({ code: 'INVALID_STATE_TRANSITION', message: 'The company has already signed version 1.' });
    expect((await mutate(partner, SIGN, { id: c.id, expectedVersion: 1 })).contract.status).toBe('ACTIVE');
  });

  it('refuses a stale version and writes nothing', async () => {
    const c = await offered();
    const result = await mutate(partner, SIGN, { id: c.id, expectedVersion: 2 });
    expect(result).toEqual({ contract: null, errors: [{ field: ['input', 'expectedVersion'], code: 'VERSION_CONFLICT', message: 'The contract is at version 1; read the current terms before signing.' }] });
    const missing = await mutate(partner, SIGN, { id: c.id });
    expect(missing.errors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'expectedVersion'] });
    const check = await admin.data('query($id: ID!) { node(id: $id) { ... on Contract { signatures { party } } } }', { id: c.id });
    expect(check.node.signatures).toEqual([]);
  });

  it('lets neither another supplier see or sign it, nor staff outside the owning role sign it', async () => {
    const c = await offered();
    expect((await otherPartner.data('query($id: ID!) { node(id: $id) { id } }', { id: c.id })).node).toBeNull();
    expect((await otherPartner.data('{ contracts { totalCount } }')).contracts.totalCount).toBe(0);
    expect((await mutate(otherPartner, SIGN, { id: c.id, expectedVersion: 1 })).errors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'id'] });
    const sales = await server.as('sales');
    expect((await sales.run(SIGN, { input: { id: c.id, expectedVersion: 1 } })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const response = await admin.run(SIGN, { input: { id: c.id, expectedVersion: 1 } });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('amendment', () => {
  it('edits a draft in place with a new version', async () => {
    const c = await draft();
    const amended = await mutate(buyer, AMEND, { id: c.id, expectedVersion: 1, summary: 'Longer payment term', paymentTermDays: 90, items: [{ partId: part2.id, unitPrice: '3.20' }] });
    expect(amended.errors).toEqual([]);
    expect(amended.contract).toMatchObject({
      status: 'DRAFT',
      version: 2,
      paymentTermDays: 90,
      deliveryTerms: 'FCA Shanghai',
      items: [{ part: { id: part2.id }, unitPrice: '3.2' }],
      revisions: [
        { version: 1, summary: 'Drafted.' },
        { version: 2, summary: 'Longer payment term', changedBy: 'Bo Buyer' },
      ],
    });
    const stale = await mutate(buyer, AMEND, { id: c.id, expectedVersion: 1, summary: 'x', title: 'Lost update' });
    expect(stale).toEqual({ contract: null, errors: [{ field: ['input', 'expectedVersion'], code: 'VERSION_CONFLICT', message: 'The contract is at version 2; reload it and amend again.' }] });
  });

  it('keeps the signed terms of an active contract in force until both parties sign the amendment', async () => {
    const c = await active();
    const amended = await mutate(buyer, AMEND, { id: c.id, expectedVersion: 1, summary: 'Price down 4%', items: [{ partId: part.id, unitPrice: '12.00' }] });
    expect(amended.contract).toMatchObject({
      status: 'ACTIVE',
      version: 2,
      inForceVersion: 1,
      items: [{ unitPrice: '12.5' }],
      amendment: { version: 2, summary: 'Price down 4%', items: [{ part: { id: part.id }, unitPrice: '12' }], signatures: [] },
    });
    const partnerView = await partner.data(`query($id: ID!) { node(id: $id) { ... on Contract { ${CONTRACT} } } }`, { id: c.id });
    expect(partnerView.node.amendment.version).toBe(2);
    expect((await mutate(partner, SIGN, { id: c.id, expectedVersion: 1 })).errors[0]?.code).toBe('VERSION_CONFLICT');
    const half = await mutate(partner, SIGN, { id: c.id, expectedVersion: 2 });
    expect(half.contract).toMatchObject({ inForceVersion: 1, items: [{ unitPrice: '12.5' }], amendment: { signatures: [{ party: 'PARTNER' }] } });
    const done = await mutate(buyer, SIGN, { id: c.id, expectedVersion: 2 });
    expect(done.contract).toMatchObject({ status: 'ACTIVE', inForceVersion: 2, version: 2, items: [{ unitPrice: '12' }], amendment: null });
    expect(done.contract.revisions.map((r: { version: number }) => r.version)).toEqual([1, 2]);
    expect(done.contract.signatures.map((s: { party: string }) => s.party)).toEqual(['PARTNER', 'COMPANY']);
  });

  it('refuses to amend a contract under review, and is for the owning department', async () => {
    const c = await draft();
    await mutate(buyer, SUBMIT, { id: c.id });
    expect((await mutate(buyer, AMEND, { id: c.id, expectedVersion: 1, summary: 'x' })).errors[0]?.code).toBe('INVALID_STATE_TRANSITION');
    expect((await (await server.as('sales')).run(AMEND, { input: { id: c.id, expectedVersion: 1, summary: 'x' } })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('expiry and termination', () => {
  it('reads EXPIRED on the first day after effectiveTo, without any job', async () => {
    const c = await active({ effectiveFrom: '2026-11-01', effectiveTo: '2026-11-27' });
    const read = async () => (await buyer.data('query($id: ID!) { node(id: $id) { ... on Contract { status } } contracts(filter: { status: [EXPIRED] }) { nodes { id } } }', { id: c.id })) as { node: { status: string }; contracts: { nodes: { id: string }[] } };
    expect((await read()).node.status).toBe('ACTIVE');
    server.clock.set('2026-11-27T23:59:00Z');
    expect((await read()).node.status).toBe('ACTIVE');
    server.clock.set('2026-11-28T00:00:01Z');
    const after = await read();
    expect(after.node.status).toBe('EXPIRED');
    expect(after.contracts.nodes.map((n) => n.id)).toContain(c.id);
    expect((await mutate(buyer, TERMINATE, { id: c.id, note: 'x' })).errors[0]?.code).toBe('INVALID_STATE_TRANSITION');
    expect((await mutate(buyer, AMEND, { id: c.id, expectedVersion: 1, summary: 'extend' })).errors[0]?.code).toBe('INVALID_STATE_TRANSITION');
    server.clock.set('2026-11-26T09:00:00Z');
  });

  it('terminates with a reason', async () => {
    const c = await active();
    expect((await mutate(buyer, TERMINATE, { id: c.id })).errors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'note'] });
    const done = await mutate(buyer, TERMINATE, { id: c.id, note: 'Supplier relocated production' });
    expect(done.contract.status).toBe('TERMINATED');
    expect((await mutate(buyer, TERMINATE, { id: c.id, note: 'again' })).errors[0]?.code).toBe('INVALID_STATE_TRANSITION');
  });

  it('lists contracts expiring soon on the dashboard, for staff only', async () => {
    const soon = await active({ effectiveFrom: '2026-11-01', effectiveTo: '2026-12-06' });
    const later = await active({ effectiveFrom: '2026-11-01', effectiveTo: '2027-03-01' });
    const data = await (await server.as('viewer')).data('{ dashboard { in30: contractsExpiringWithin { id effectiveTo } in5: contractsExpiringWithin(days: 5) { id } in120: contractsExpiringWithin(days: 120) { id } } }');
    expect(data.dashboard.in30.map((c: { id: string }) => c.id)).toContain(soon.id);
    expect(data.dashboard.in30.map((c: { id: string }) => c.id)).not.toContain(later.id);
    expect(data.dashboard.in5.map((c: { id: string }) => c.id)).not.toContain(soon.id);
    expect(data.dashboard.in120.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([soon.id, later.id]));
    const forbidden = await partner.run('{ dashboard { contractsExpiringWithin { id } } }');
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const filtered = await buyer.data('query { contracts(filter: { expiringBefore: "2026-12-31" }) { nodes { id } } }');
    expect(filtered.contracts.nodes.map((n: { id: string }) => n.id)).toContain(soon.id);
    expect(filtered.contracts.nodes.map((n: { id: string }) => n.id)).not.toContain(later.id);
  });
});

describe('lists and activity', () => {
  it("lists a supplier's contracts under the supplier, filtered, without a statement per supplier", async () => {
    await active();
    const before = server.statements();
    const data = await buyer.data('{ suppliers(first: 50) { nodes { code contracts(first: 3, filter: { status: [ACTIVE] }) { totalCount nodes { status partner { id } } } } } }');
    const used = server.statements() - before;
    const mine = data.suppliers.nodes.find((s: { code: string }) => s.code === supplier.code);
    expect(mine.contracts.nodes.length).toBe(3);
    expect(mine.contracts.totalCount).toBeGreaterThanOrEqual(3);
    expect(mine.contracts.nodes.every((n: { status: string; partner: { id: string } }) => n.status === 'ACTIVE' && n.partner.id === supplier.id)).toBe(true);
    expect(used).toBeLessThanOrEqual(5);
  });

  it('records every step and shows the partner only what concerns it after the draft', async () => {
    const c = await active();
    const staffFeed = await admin.data('query($id: ID!) { activity(subjectId: $id) { nodes { kind actor summary subject { id } } } }', { id: c.id });
    expect(staffFeed.activity.nodes.map((n: { kind: string }) => n.kind)).toEqual(['CONTRACT_DRAFTED', 'CONTRACT_SUBMITTED', 'CONTRACT_APPROVED', 'CONTRACT_SIGNED', 'CONTRACT_ACTIVATED']);
    expect(staffFeed.activity.nodes[0]).toMatchObject({ actor: 'Bo Buyer', subject: { id: c.id } });
    const partnerFeed = await partner.data('query($id: ID!) { activity(subjectId: $id) { nodes { kind } } }', { id: c.id });
    expect(partnerFeed.activity.nodes.map((n: { kind: string }) => n.kind)).toEqual(['CONTRACT_APPROVED', 'CONTRACT_SIGNED', 'CONTRACT_ACTIVATED']);
    const otherFeed = await otherPartner.data('query($id: ID!) { activity(subjectId: $id) { nodes { kind } } }', { id: c.id });
    expect(otherFeed.activity.nodes).toEqual([]);
  });

  it('pages activity oldest first after a cursor', async () => {
    const all = await admin.data('{ activity(first: 100) { nodes { cursor kind } pageInfo { hasNextPage endCursor } } }');
    const first = await admin.data('{ activity(first: 3) { edges { cursor node { kind } } pageInfo { hasNextPage endCursor } } }');
    expect(first.activity.edges.map((e: { node: { kind: string } }) => e.node.kind)).toEqual(all.activity.nodes.slice(0, 3).map((n: { kind: string }) => n.kind));
    expect(first.activity.pageInfo.hasNextPage).toBe(true);
    const next = await admin.data('query($after: String) { activity(first: 2, after: $after) { nodes { cursor } } }', { after: first.activity.pageInfo.endCursor });
    expect(next.activity.nodes.map((n: { cursor: string }) => n.cursor)).toEqual(all.activity.nodes.slice(3, 5).map((n: { cursor: string }) => n.cursor));
    const bad = await admin.run('{ activity(after: "nope") { nodes { kind } } }');
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
