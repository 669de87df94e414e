import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { executeRows } from '../src/db/client.js';
import { fromGlobalId } from '../src/domain/shared/ids.js';
import { approvedSupplier, createPart } from './support/fixtures.js';
import { succeeded } from './support/orders.js';
import { asSupplier as asSupplierOf } from './support/row-security.js';
import { type Actor, startServer, type TestServer } from './support/server.js';

/**
 * A contract's versions, items and signatures carry its partner once it is offered (drizzle/0024),
 * which their row-level security compares. Only the triggers write it: null while the contract is a
 * draft, the partner from the moment it is offered, whatever a writer says, and again when a
 * contract's partner is corrected; a partner cannot write a row for a contract it may not see.
 */
let server: TestServer;
let buyer: Actor;
let buyer2: Actor;
let partner: Actor;
const local = (id: string) => fromGlobalId(id)!.id;
const ids: Record<string, string> = {};

/** A contract mutation with its input type, answering the contract's id. */
const contractMutation = (name: string, inputType = 'ContractActionInput') => `mutation($input: ${inputType}!) { ${name}(input: $input) { contract { id } errors { code message } } }`;

/** Runs a mutation that must succeed (test/support/orders.ts succeeded); the contract's id. */
const act = async (actor: Actor, mutation: string, input: Record<string, unknown>): Promise<string> => (await succeeded(server, actor, mutation, input)).contract.id;

beforeAll(async () => {
  server = await startServer();
  const admin = await server.as('admin');
  buyer = await server.as('buyer');
  buyer2 = await server.as('buyer2');
  const a = await approvedSupplier(admin, { name: 'Alpha Machining' });
  const b = await approvedSupplier(admin, { name: 'Beta Machining' });
  partner = await server.as({ roles: ['SUPPLIER_USER'], org: a.id });
  const part = await createPart(admin, { importanceClass: 'II' });
  const contract = await act(buyer, contractMutation('createContract', 'CreateContractInput'), {
    partnerId: a.id,
    type: 'SUPPLY',
    title: 'Frame agreement',
    effectiveFrom: '2026-12-01',
    effectiveTo: '2027-11-30',
    currency: 'EUR',
    clauses: [{ heading: 'Quality', body: 'Per the quality agreement.' }],
    items: [{ partId: part.id, unitPrice: '12.50' }],
  });
  Object.assign(ids, { a: local(a.id), b: local(b.id), contract: local(contract), contractGlobal: contract });
}, 60_000);
afterAll(() => server.stop());

/** The partner columns of the contract's versions, items and signatures, as the owner reads them. */
const partners = async () =>
  executeRows<{ part: string; supplier: string | null; customer: string | null }>(
    server.database.db,
    sql`select 'version' as part, offered_to_supplier_id as supplier, offered_to_customer_id as customer from contract_versions where contract_id = ${ids.contract}
        union all select 'item', offered_to_supplier_id, offered_to_customer_id from contract_items where contract_id = ${ids.contract}
        union all select 'signature ' || party, offered_to_supplier_id, offered_to_customer_id from contract_signatures where contract_id = ${ids.contract}
        order by 1`,
  );

const asSupplier = (org: string, statement: SQL) => asSupplierOf(server, org, statement);
const visibleTo = async (org: string) => asSupplier(org, sql`select (select count(*) from contract_versions where contract_id = ${ids.contract})::int as versions, (select count(*) from contract_items where contract_id = ${ids.contract})::int as items`);

it('is null while the contract is a draft, and the partner sees none of its rows', async () => {
  expect(await partners()).toEqual([
    { part: 'item', supplier: null, customer: null },
    { part: 'version', supplier: null, customer: null },
  ]);
  expect(await visibleTo(ids.a!)).toEqual([{ versions: 0, items: 0 }]);
});

it('is the partner once the contract is offered, for the rows written before and after', async () => {
  await act(buyer, contractMutation('submitContractForReview'), { id: ids.contractGlobal });
  await act(buyer2, contractMutation('approveContract'), { id: ids.contractGlobal });
  await act(partner, contractMutation('signContract'), { id: ids.contractGlobal, expectedVersion: 1 });
  expect(await partners()).toEqual([
    { part: 'item', supplier: ids.a, customer: null },
    { part: 'signature PARTNER', supplier: ids.a, customer: null },
    { part: 'version', supplier: ids.a, customer: null },
  ]);
  expect(await visibleTo(ids.a!)).toEqual([{ versions: 1, items: 1 }]);
  expect(await visibleTo(ids.b!)).toEqual([{ versions: 0, items: 0 }]);
  const read = await partner.data('query($id: ID!) { node(id: $id) { ... on Contract { status items { unitPrice } signatures { party } } } }', { id: ids.contractGlobal });
  expect(read.node).toEqual({ status: 'AWAITING_SIGNATURE', items: [{ unitPrice: '12.5' }], signatures: [{ party: 'PARTNER' }] });
});

it('cannot be set to another partner, by the owner or by anyone', async () => {
  await server.database.db.execute(sql`update contract_items set offered_to_supplier_id = ${ids.b} where contract_id = ${ids.contract}`);
  expect((await partners()).find((p) => p.part === 'item')).toEqual({ part: 'item', supplier: ids.a, customer: null });
  // The rival does not even see the rows to update them.
  expect(await asSupplier(ids.b!, sql`update contract_items set lead_time_days = 1 where contract_id = ${ids.contract} returning line`)).toEqual([]);
});

it("refuses a partner's row for a contract it may not see", async () => {
  const insert = sql`insert into contract_signatures (contract_id, version, party, signed_by_id, signed_by_name, signed_at) values (${ids.contract}, 1, 'COMPANY', 'rival', 'Rival', now()) returning party`;
  await expect(asSupplier(ids.b!, insert)).rejects.toMatchObject({ cause: { message: expect.stringContaining('row-level security') } });
});

it("follows a correction of the contract's partner", async () => {
  await server.database.db.execute(sql`update contracts set supplier_id = ${ids.b} where id = ${ids.contract}`);
  expect(new Set((await partners()).map((p) => p.supplier))).toEqual(new Set([ids.b]));
  await server.database.db.execute(sql`update contracts set supplier_id = ${ids.a} where id = ${ids.contract}`);
  expect(new Set((await partners()).map((p) => p.supplier))).toEqual(new Set([ids.a]));
});
