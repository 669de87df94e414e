import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { executeRows } from '../src/db/client.js';
import { fromGlobalId } from '../src/domain/shared/ids.js';
import { approvedSupplier, createPart } from './support/fixtures.js';
import { succeeded } from './support/orders.js';
import { asSupplier as asSupplierOf } from './support/row-security.js';
import { type Actor, startServer, type TestServer } from './support/server.js';

/**
 * A quality agreement's parts and signatures carry its supplier once it is out of draft
 * (drizzle/0025), which their row-level security compares. Only the triggers write it: null while
 * the agreement is a draft, the supplier from the company's signature on, whatever a writer says,
 * and again when an agreement's supplier is corrected; a supplier cannot write a row for an
 * agreement it may not see.
 */
let server: TestServer;
let quality: Actor;
let partner: Actor;
const local = (id: string) => fromGlobalId(id)!.id;
const ids: Record<string, string> = {};

const CREATE = 'mutation($input: CreateQualityAgreementInput!) { createQualityAgreement(input: $input) { qualityAgreement { id } errors { code message } } }';
const SIGN = 'mutation($input: QualityAgreementActionInput!) { signQualityAgreement(input: $input) { qualityAgreement { id } errors { code message } } }';

/** Runs a mutation that must succeed (test/support/orders.ts succeeded); the agreement's id. */
const act = async (actor: Actor, mutation: string, input: Record<string, unknown>): Promise<string> => (await succeeded(server, actor, mutation, input)).qualityAgreement.id;

beforeAll(async () => {
  server = await startServer();
  const admin = await server.as('admin');
  quality = await server.as('quality');
  const a = await approvedSupplier(admin, { name: 'Alpha Plating' });
  const b = await approvedSupplier(admin, { name: 'Beta Plating' });
  partner = await server.as({ roles: ['SUPPLIER_USER'], org: a.id });
  const part = await createPart(admin, { importanceClass: 'I' });
  const agreement = await act(quality, CREATE, { supplierId: a.id, partIds: [part.id], aql: 0.65, targetPpm: 500 });
  Object.assign(ids, { a: local(a.id), b: local(b.id), agreement: local(agreement), agreementGlobal: agreement });
}, 60_000);
afterAll(() => server.stop());

/** The supplier column of the agreement's parts and signatures, as the owner reads them. */
const suppliers = async () =>
  executeRows<{ row: string; supplier: string | null }>(
    server.database.db,
    sql`select 'part' as row, offered_to_supplier_id as supplier from quality_agreement_parts where agreement_id = ${ids.agreement}
        union all select 'signature ' || party, offered_to_supplier_id from quality_agreement_signatures where agreement_id = ${ids.agreement}
        order by 1`,
  );

const asSupplier = (org: string, statement: SQL) => asSupplierOf(server, org, statement);
const partsVisibleTo = async (org: string) => asSupplier(org, sql`select count(*)::int as parts from quality_agreement_parts where agreement_id = ${ids.agreement}`);

it('is null while the agreement is a draft, and the supplier sees none of its rows', async () => {
  expect(await suppliers()).toEqual([{ row: 'part', supplier: null }]);
  expect(await partsVisibleTo(ids.a!)).toEqual([{ parts: 0 }]);
});

it('is the supplier once the company has signed, for the rows written before and after', async () => {
  await act(quality, SIGN, { id: ids.agreementGlobal, expectedVersion: 1 });
  await act(partner, SIGN, { id: ids.agreementGlobal, expectedVersion: 2 });
  expect(await suppliers()).toEqual([
    { row: 'part', supplier: ids.a },
    { row: 'signature COMPANY', supplier: ids.a },
    { row: 'signature PARTNER', supplier: ids.a },
  ]);
  expect(await partsVisibleTo(ids.a!)).toEqual([{ parts: 1 }]);
  expect(await partsVisibleTo(ids.b!)).toEqual([{ parts: 0 }]);
  const read = await partner.data('query($id: ID!) { node(id: $id) { ... on QualityAgreement { status parts { importanceClass } signatures { party } } } }', { id: ids.agreementGlobal });
  expect(read.node).toEqual({ status: 'ACTIVE', parts: [{ importanceClass: 'I' }], signatures: [{ party: 'COMPANY' }, { party: 'PARTNER' }] });
});

it('cannot be set to another supplier, by the owner or by anyone', async () => {
  await server.database.db.execute(sql`update quality_agreement_parts set offered_to_supplier_id = ${ids.b} where agreement_id = ${ids.agreement}`);
  expect((await suppliers())[0]).toEqual({ row: 'part', supplier: ids.a });
  // The rival does not even see the rows to delete them.
  expect(await asSupplier(ids.b!, sql`delete from quality_agreement_signatures where agreement_id = ${ids.agreement} returning party`)).toEqual([]);
});

it("refuses a supplier's row for an agreement it may not see", async () => {
  const insert = sql`insert into quality_agreement_signatures (agreement_id, party, signed_by_id, signed_by_name, signed_at) values (${ids.agreement}, 'COMPANY', 'rival', 'Rival', now()) on conflict do nothing returning party`;
  await expect(asSupplier(ids.b!, insert)).rejects.toMatchObject({ cause: { message: expect.stringContaining('row-level security') } });
});

it("follows a correction of the agreement's supplier", async () => {
  await server.database.db.execute(sql`update quality_agreements set supplier_id = ${ids.b} where id = ${ids.agreement}`);
  expect(new Set((await suppliers()).map((r) => r.supplier))).toEqual(new Set([ids.b]));
  await server.database.db.execute(sql`update quality_agreements set supplier_id = ${ids.a} where id = ${ids.agreement}`);
  expect(new Set((await suppliers()).map((r) => r.supplier))).toEqual(new Set([ids.a]));
});
