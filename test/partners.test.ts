import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activity } from '../src/db/schema/index.js';
import { fromGlobalId, toGlobalId } from '../src/domain/shared/ids.js';
import { approvedSupplier, createCustomer, createPart, createSupplier, designate, SUPPLIER_FIELDS, setStatus, survey, unique } from './support/fixtures.js';
import { type Actor, startServer, type TestServer } from './support/server.js';

let server: TestServer;
let admin: Actor;
let buyer: Actor;
beforeAll(async () => {
  server = await startServer();
  admin = await server.as('admin');
  buyer = await server.as('buyer');
});
afterAll(() => server.stop());

const CREATE_SUPPLIER = `mutation($input: CreateSupplierInput!) { createSupplier(input: $input) { supplier { ${SUPPLIER_FIELDS} } errors { field code message } } }`;
const UPDATE_SUPPLIER = `mutation($input: UpdateSupplierInput!) { updateSupplier(input: $input) { supplier { ${SUPPLIER_FIELDS} } errors { field code message } } }`;
const SURVEY = `mutation($input: RecordSupplierSurveyInput!) { recordSupplierSurvey(input: $input) { supplier { id latestSurvey { surveyedAt taxCompliant cpk certifications { standard certificateNumber validUntil } mainCustomers capacityNotes findings } } errors { field code message } } }`;
const DESIGNATE = `mutation($input: DesignateSourceInput!) { designateSource(input: $input) { sourcedPart { status sharePercent approvedAt supplier { code importanceClass } part { partNumber } } errors { field code message } } }`;

async function supplierCount(): Promise<number> {
  return (await admin.data('{ suppliers { totalCount } }')).suppliers.totalCount;
}

async function activityFor(globalId: string) {
  const id = fromGlobalId(globalId)!.id;
  return server.database.db.select().from(activity).where(eq(activity.subjectId, id)).orderBy(activity.id);
}

describe('createSupplier', () => {
  it('registers a candidate with normalised code and contacts, and records it', async () => {
    const code = unique('sz');
    const data = await buyer.data(CREATE_SUPPLIER, {
      input: { code: ` ${code.toLowerCase()} `, name: '  Shenzhen Plastics  ', country: 'cn', contacts: [{ name: 'Wang Fang', email: 'wang@example.cn', primary: true }, { name: 'Liu Yang' }] },
    });
    expect(data.createSupplier.errors).toEqual([]);
    const supplier = data.createSupplier.supplier;
    expect(supplier).toMatchObject({
      code,
      name: 'Shenzhen Plastics',
      country: 'CN',
      status: 'CANDIDATE',
      importanceClass: null,
      grade: null,
      contacts: [
        { name: 'Wang Fang', email: 'wang@example.cn', primary: true },
        { name: 'Liu Yang', email: null, primary: false },
      ],
    });
    expect(fromGlobalId(supplier.id)?.type).toBe('Supplier');
    const entries = await activityFor(supplier.id);
    expect(entries.map((e) => [e.kind, e.actorId])).toEqual([['SUPPLIER_CREATED', 'demo-buyer']]);
  });

  it.each(['quality', 'sales', 'viewer'])('is forbidden to %s, and writes nothing', async (user) => {
    const before = await supplierCount();
    const response = await (await server.as(user)).run(CREATE_SUPPLIER, { input: { code: unique('F'), name: 'x' } });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.body.data).toBeNull();
    expect(await supplierCount()).toBe(before);
  });

  it('is forbidden to partner users', async () => {
    const own = await createSupplier(admin);
    const partner = await server.as({ roles: ['SUPPLIER_USER'], org: own.id });
    const response = await partner.run(CREATE_SUPPLIER, { input: { code: unique('F'), name: 'x' } });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it.each([
    [{ code: 'a' }, ['input', 'code'], 'Supplier code must be 2 to 32'],
    [{ code: 'A B' }, ['input', 'code'], 'Supplier code must be 2 to 32'],
    [{ name: '   ' }, ['input', 'name'], 'Supplier name is required.'],
    [{ country: 'XX' }, ['input', 'country'], 'Country must be an ISO 3166-1 alpha-2 code'],
    [{ country: 'China' }, ['input', 'country'], 'Country must be an ISO 3166-1 alpha-2 code'],
    [{ contacts: [{ name: '' }] }, ['input', 'contacts', '0', 'name'], 'Contact name is required.'],
    [{ contacts: [{ name: 'a', email: 'nope' }] }, ['input', 'contacts', '0', 'email'], 'Contact email must be an email address.'],
    [{ contacts: [{ name: 'a', phone: 'call me' }] }, ['input', 'contacts', '0', 'phone'], 'Contact phone may hold'],
    [{ contacts: [{ name: 'a', primary: true }, { name: 'b', primary: true }] }, ['input', 'contacts'], 'At most one contact can be primary.'],
  ])('refuses %j naming the field, and writes nothing', async (overrides, field, message) => {
    const before = await supplierCount();
    const data = await buyer.data(CREATE_SUPPLIER, { input: { code: unique('V'), name: 'Valid', ...overrides } });
    expect(data.createSupplier.supplier).toBeNull();
    expect(data.createSupplier.errors).toHaveLength(1);
    expect(data.createSupplier.errors[0]).toMatchObject({ code: 'INVALID', field });
    expect(data.createSupplier.errors[0].message).toContain(message);
    expect(await supplierCount()).toBe(before);
  });

  it('refuses a name over the length limit before running, naming the field, and writes nothing', async () => {
    const before = await supplierCount();
    const response = await buyer.run(CREATE_SUPPLIER, { input: { code: unique('V'), name: 'x'.repeat(201) } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ message: 'input.name is 201 characters long; the limit is 200.', extensions: { code: 'BAD_USER_INPUT', field: 'input.name' } }]);
    expect(await supplierCount()).toBe(before);
  });

  it('reports every invalid field at once', async () => {
    const data = await buyer.data(CREATE_SUPPLIER, { input: { code: '!', name: '', country: 'ZZ' } });
    expect(data.createSupplier.errors.map((e: { field: string[] }) => e.field.join('.'))).toEqual(['input.code', 'input.name', 'input.country']);
  });

  it('refuses a duplicate code, whatever its case', async () => {
    const code = unique('DUP');
    await createSupplier(admin, { code });
    const before = await supplierCount();
    const data = await buyer.data(CREATE_SUPPLIER, { input: { code: code.toLowerCase(), name: 'Again' } });
    expect(data.createSupplier).toEqual({ supplier: null, errors: [{ field: ['input', 'code'], code: 'DUPLICATE', message: `A supplier with code ${code} already exists.` }] });
    expect(await supplierCount()).toBe(before);
  });

  it('creates exactly one supplier when the same code races', async () => {
    const code = unique('RACE');
    const results = await Promise.all(Array.from({ length: 4 }, () => buyer.data(CREATE_SUPPLIER, { input: { code, name: 'Race' } })));
    const created = results.filter((r) => r.createSupplier.supplier !== null);
    expect(created).toHaveLength(1);
    for (const r of results.filter((x) => x.createSupplier.supplier === null)) expect(r.createSupplier.errors[0].code).toBe('DUPLICATE');
  });

  it('refuses a malformed request with a GraphQL error', async () => {
    const response = await buyer.run(CREATE_SUPPLIER, { input: { name: 'no code' } });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('updateSupplier', () => {
  it('changes only what is given', async () => {
    const supplier = await createSupplier(admin, { name: 'Before', country: 'DE' });
    const data = await buyer.data(UPDATE_SUPPLIER, { input: { id: supplier.id, name: 'After' } });
    expect(data.updateSupplier.supplier).toMatchObject({ name: 'After', country: 'DE', code: supplier.code });
    const cleared = await buyer.data(UPDATE_SUPPLIER, { input: { id: supplier.id, country: null } });
    expect(cleared.updateSupplier.supplier.country).toBeNull();
  });

  it('lets a supplier user maintain its own contacts, but not another supplier', async () => {
    const own = await createSupplier(admin);
    const other = await createSupplier(admin, { name: 'Other' });
    const partner = await server.as({ roles: ['SUPPLIER_USER'], org: own.id });
    const mine = await partner.data(UPDATE_SUPPLIER, { input: { id: own.id, contacts: [{ name: 'New Contact', primary: true }] } });
    expect(mine.updateSupplier.supplier.contacts).toEqual([{ name: 'New Contact', email: null, primary: true }]);
    const theirs = await partner.data(UPDATE_SUPPLIER, { input: { id: other.id, name: 'Hijacked' } });
    expect(theirs.updateSupplier).toEqual({ supplier: null, errors: [{ field: ['input', 'id'], code: 'NOT_FOUND', message: 'No supplier with this id.' }] });
    const check = await admin.data('query($id: ID!) { node(id: $id) { ... on Supplier { name } } }', { id: other.id });
    expect(check.node.name).toBe('Other');
  });

  it('refuses an update that changes nothing, and an id of another type', async () => {
    const supplier = await createSupplier(admin);
    expect((await buyer.data(UPDATE_SUPPLIER, { input: { id: supplier.id } })).updateSupplier.errors[0]).toMatchObject({ code: 'INVALID', field: ['input'] });
    const customer = await createCustomer(admin);
    expect((await buyer.data(UPDATE_SUPPLIER, { input: { id: customer.id, name: 'x' } })).updateSupplier.errors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'id'] });
  });

  it('is forbidden to customer users and quality engineers', async () => {
    const supplier = await createSupplier(admin);
    for (const actor of [await server.as('quality'), await server.as({ roles: ['CUSTOMER_USER'], org: (await createCustomer(admin)).id })]) {
      const response = await actor.run(UPDATE_SUPPLIER, { input: { id: supplier.id, name: 'x' } });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('recordSupplierSurvey', () => {
  it('records what the survey found and shows it as the latest survey', async () => {
    const supplier = await createSupplier(admin);
    server.clock.advance(1000);
    const input = {
      supplierId: supplier.id,
      taxCompliant: true,
      cpk: 1.67,
      certifications: [{ standard: 'IATF 16949', certificateNumber: 'C-1', validUntil: '2028-02-29' }],
      mainCustomers: ['Nordwind'],
      capacityNotes: 'Two shifts',
      findings: 'Good',
    };
    const data = await (await server.as('quality')).data(SURVEY, { input });
    expect(data.recordSupplierSurvey.errors).toEqual([]);
    expect(data.recordSupplierSurvey.supplier.latestSurvey).toEqual({
      surveyedAt: server.clock.now().toISOString(),
      taxCompliant: true,
      cpk: 1.67,
      certifications: [{ standard: 'IATF 16949', certificateNumber: 'C-1', validUntil: '2028-02-29' }],
      mainCustomers: ['Nordwind'],
      capacityNotes: 'Two shifts',
      findings: 'Good',
    });
    server.clock.advance(1000);
    const second = await buyer.data(SURVEY, { input: { supplierId: supplier.id, cpk: 1.2 } });
    expect(second.recordSupplierSurvey.supplier.latestSurvey).toMatchObject({ cpk: 1.2, certifications: [], taxCompliant: null });
  });

  it.each([
    [{ cpk: -1 }, ['input', 'cpk'], 'Cpk cannot be negative.'],
    [{ certifications: [{ standard: ' ' }] }, ['input', 'certifications', '0', 'standard'], 'Certification standard is required.'],
    [{ mainCustomers: [''] }, ['input', 'mainCustomers', '0'], 'Main customer is required.'],
  ])('refuses %j naming the field', async (overrides, field, message) => {
    const supplier = await createSupplier(admin);
    const data = await buyer.data(SURVEY, { input: { supplierId: supplier.id, ...overrides } });
    expect(data.recordSupplierSurvey).toEqual({ supplier: null, errors: [{ field, code: 'INVALID', message }] });
  });

  it('refuses an impossible date with a GraphQL error naming the value', async () => {
    const supplier = await createSupplier(admin);
    const response = await buyer.run(SURVEY, { input: { supplierId: supplier.id, certifications: [{ standard: 'ISO 9001', validUntil: '2027-02-30' }] } });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.message).toContain('Date must be a calendar date written YYYY-MM-DD; got "2027-02-30"');
  });

  it('does not survey a disqualified supplier', async () => {
    const supplier = await createSupplier(admin);
    expect((await setStatus(admin, supplier.id, 'DISQUALIFIED')).errors).toEqual([]);
    const data = await buyer.data(SURVEY, { input: { supplierId: supplier.id, cpk: 2 } });
    expect(data.recordSupplierSurvey.errors[0]).toMatchObject({ code: 'INVALID_STATE_TRANSITION', field: ['input', 'supplierId'] });
  });

  it('is forbidden to sales and to the supplier itself', async () => {
    const supplier = await createSupplier(admin);
    const self = await server.as({ roles: ['SUPPLIER_USER'], org: supplier.id });
    for (const actor of [await server.as('sales'), self]) {
      expect((await actor.run(SURVEY, { input: { supplierId: supplier.id } })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('setSupplierStatus', () => {
  it('approves a candidate only after a survey, and records the reason', async () => {
    const supplier = await createSupplier(admin);
    const early = await setStatus(buyer, supplier.id, 'APPROVED', 'looks fine');
    expect(early).toEqual({ supplier: null, errors: [{ field: ['input', 'status'], code: 'INVALID_STATE_TRANSITION', message: 'A supplier must be surveyed before it becomes APPROVED.' }] });
    await survey(admin, supplier.id, { cpk: 1.5 });
    const approved = await setStatus(buyer, supplier.id, 'APPROVED', 'survey passed');
    expect(approved.errors).toEqual([]);
    expect(approved.supplier?.status).toBe('APPROVED');
    const entries = await activityFor(supplier.id);
    expect(entries.at(-1)).toMatchObject({ kind: 'SUPPLIER_STATUS_CHANGED', summary: `Supplier ${supplier.code} CANDIDATE -> APPROVED: survey passed` });
  });

  it('allows only conditional approval when the survey is below the bar', async () => {
    const supplier = await createSupplier(admin);
    await survey(admin, supplier.id, { cpk: 1.1 });
    expect((await setStatus(buyer, supplier.id, 'APPROVED')).errors[0]?.message).toContain('approve it as CONDITIONAL instead');
    expect((await setStatus(buyer, supplier.id, 'CONDITIONAL')).supplier?.status).toBe('CONDITIONAL');
  });

  it('walks approved -> suspended -> approved -> disqualified, and no further', async () => {
    const supplier = await approvedSupplier(admin);
    expect((await setStatus(buyer, supplier.id, 'SUSPENDED')).supplier?.status).toBe('SUSPENDED');
    expect((await setStatus(buyer, supplier.id, 'CONDITIONAL')).errors[0]?.code).toBe('INVALID_STATE_TRANSITION');
    expect((await setStatus(buyer, supplier.id, 'APPROVED')).supplier?.status).toBe('APPROVED');
    expect((await setStatus(buyer, supplier.id, 'DISQUALIFIED')).supplier?.status).toBe('DISQUALIFIED');
    const final = await setStatus(buyer, supplier.id, 'APPROVED');
    expect(final.errors).toEqual([{ field: ['input', 'status'], code: 'INVALID_STATE_TRANSITION', message: 'A DISQUALIFIED supplier cannot change status; DISQUALIFIED is final.' }]);
  });

  it('requires a reason', async () => {
    const supplier = await approvedSupplier(admin);
    const result = await setStatus(buyer, supplier.id, 'SUSPENDED', '  ');
    expect(result).toEqual({ supplier: null, errors: [{ field: ['input', 'reason'], code: 'INVALID', message: 'Reason is required.' }] });
  });

  it('is forbidden to sales, viewers and partners', async () => {
    const supplier = await createSupplier(admin);
    const partner = await server.as({ roles: ['SUPPLIER_USER'], org: supplier.id });
    for (const actor of [await server.as('sales'), await server.as('viewer'), partner]) {
      const response = await actor.run('mutation($id: ID!) { setSupplierStatus(input: { supplierId: $id, status: DISQUALIFIED, reason: "x" }) { supplier { id } } }', { id: supplier.id });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const check = await admin.data('query($id: ID!) { node(id: $id) { ... on Supplier { status } } }', { id: supplier.id });
    expect(check.node.status).toBe('CANDIDATE');
  });
});

describe('createCustomer', () => {
  const CREATE = 'mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id code name country industry contacts { name } } errors { field code message } } }';

  it('is done by sales', async () => {
    const code = unique('C');
    const data = await (await server.as('sales')).data(CREATE, { input: { code, name: 'Nordhafen AG', country: 'de', industry: 'Shipbuilding', contacts: [{ name: 'Ute' }] } });
    expect(data.createCustomer.customer).toMatchObject({ code, name: 'Nordhafen AG', country: 'DE', industry: 'Shipbuilding', contacts: [{ name: 'Ute' }] });
  });

  it('is forbidden to buyers', async () => {
    expect((await buyer.run(CREATE, { input: { code: unique('C'), name: 'x' } })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses duplicates and bad input', async () => {
    const sales = await server.as('sales');
    const code = unique('C');
    await sales.data(CREATE, { input: { code, name: 'One' } });
    expect((await sales.data(CREATE, { input: { code, name: 'Two' } })).createCustomer.errors[0]).toMatchObject({ code: 'DUPLICATE', field: ['input', 'code'] });
    expect((await sales.run(CREATE, { input: { code: unique('C'), name: 'x', industry: 'y'.repeat(201) } })).body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.industry' });
  });
});

describe('createPart', () => {
  const CREATE = 'mutation($input: CreatePartInput!) { createPart(input: $input) { part { id partNumber description unit importanceClass revision sources { status } } errors { field code message } } }';

  it('creates a part with no sources', async () => {
    const number = unique('hsg');
    const data = await buyer.data(CREATE, { input: { partNumber: number.toLowerCase(), description: 'Housing', unit: 'pcs', importanceClass: 'I', revision: 'B' } });
    expect(data.createPart.part).toMatchObject({ partNumber: number, description: 'Housing', unit: 'pcs', importanceClass: 'I', revision: 'B', sources: [] });
  });

  it.each([
    [{ partNumber: ' ' }, ['input', 'partNumber']],
    [{ partNumber: 'A B' }, ['input', 'partNumber']],
    [{ description: '' }, ['input', 'description']],
    [{ unit: '' }, ['input', 'unit']],
    [{ revision: 'x'.repeat(17) }, ['input', 'revision']],
  ])('refuses %j', async (overrides, field) => {
    const data = await buyer.data(CREATE, { input: { partNumber: unique('P'), description: 'd', unit: 'pcs', importanceClass: 'III', ...overrides } });
    expect(data.createPart.errors[0]).toMatchObject({ code: 'INVALID', field });
  });

  it('refuses a duplicate part number', async () => {
    const part = await createPart(admin);
    const data = await buyer.data(CREATE, { input: { partNumber: part.partNumber.toLowerCase(), description: 'd', unit: 'pcs', importanceClass: 'III' } });
    expect(data.createPart).toEqual({ part: null, errors: [{ field: ['input', 'partNumber'], code: 'DUPLICATE', message: `Part number ${part.partNumber} already exists.` }] });
  });

  it('is forbidden to sales and viewers', async () => {
    for (const user of ['sales', 'viewer']) {
      const response = await (await server.as(user)).run(CREATE, { input: { partNumber: unique('P'), description: 'd', unit: 'pcs', importanceClass: 'III' } });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('designateSource', () => {
  it('designates approved and conditional suppliers as approved sources and sets the supplier importance', async () => {
    const part = await createPart(admin, { importanceClass: 'I' });
    const approved = await approvedSupplier(admin);
    const conditional = await createSupplier(admin);
    await survey(admin, conditional.id, { cpk: 1.0 });
    await setStatus(admin, conditional.id, 'CONDITIONAL');
    server.clock.advance(1000);
    const first = await buyer.data(DESIGNATE, { input: { partId: part.id, supplierId: approved.id, status: 'APPROVED', sharePercent: 60 } });
    expect(first.designateSource).toEqual({
      sourcedPart: { status: 'APPROVED', sharePercent: 60, approvedAt: server.clock.now().toISOString(), supplier: { code: approved.code, importanceClass: 'I' }, part: { partNumber: part.partNumber } },
      errors: [],
    });
    server.clock.advance(1000);
    const second = await buyer.data(DESIGNATE, { input: { partId: part.id, supplierId: conditional.id, status: 'APPROVED', sharePercent: 40 } });
    expect(second.designateSource.errors).toEqual([]);
    const advice = await admin.data('query($id: ID!) { node(id: $id) { ... on Part { sources { supplier { code } sharePercent } sourcingAdvice { designatedSupplierCount action } } } }', { id: part.id });
    expect(advice.node.sources).toEqual([
      { supplier: { code: approved.code }, sharePercent: 60 },
      { supplier: { code: conditional.code }, sharePercent: 40 },
    ]);
    expect(advice.node.sourcingAdvice).toEqual({ designatedSupplierCount: 2, action: 'KEEP' });
  });

  it('refuses a candidate, suspended or disqualified supplier as an approved source', async () => {
    const part = await createPart(admin);
    const candidate = await createSupplier(admin);
    const suspended = await approvedSupplier(admin);
    await setStatus(admin, suspended.id, 'SUSPENDED');
    for (const supplier of [candidate, suspended]) {
      const result = await designate(buyer, part.id, supplier.id, 'APPROVED');
      expect(result.sourcedPart).toBeNull();
      expect(result.errors[0]).toMatchObject({ code: 'INVALID_STATE_TRANSITION', field: ['input', 'status'] });
    }
    expect((await designate(buyer, part.id, candidate.id, 'TRIAL')).errors).toEqual([]);
    expect((await designate(buyer, part.id, suspended.id, 'TRIAL')).errors[0]?.code).toBe('INVALID_STATE_TRANSITION');
  });

  it('keeps the shares of a part within 100%', async () => {
    const part = await createPart(admin);
    const a = await approvedSupplier(admin);
    const b = await approvedSupplier(admin);
    await designate(buyer, part.id, a.id, 'APPROVED', 70);
    const over = await designate(buyer, part.id, b.id, 'APPROVED', 31);
    expect(over).toEqual({ sourcedPart: null, errors: [{ field: ['input', 'sharePercent'], code: 'LIMIT_EXCEEDED', message: "The part's other sources already take 70%; at most 30% is left." }] });
    // Re-designating the same supplier replaces its own share.
    expect((await designate(buyer, part.id, a.id, 'APPROVED', 100)).errors).toEqual([]);
    expect((await designate(buyer, part.id, b.id, 'PHASING_OUT', 101)).errors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'sharePercent'] });
  });

  it('answers NOT_FOUND for unknown or wrongly typed ids', async () => {
    const part = await createPart(admin);
    const supplier = await approvedSupplier(admin);
    expect((await designate(buyer, supplier.id, supplier.id)).errors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'partId'] });
    expect((await designate(buyer, part.id, toGlobalId('Supplier', '00000000-0000-4000-8000-000000000000'))).errors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'supplierId'] });
  });

  it('is forbidden to sales and partners', async () => {
    const part = await createPart(admin);
    const supplier = await approvedSupplier(admin);
    const partner = await server.as({ roles: ['SUPPLIER_USER'], org: supplier.id });
    for (const actor of [await server.as('sales'), partner]) {
      const response = await actor.run(DESIGNATE, { input: { partId: part.id, supplierId: supplier.id, status: 'APPROVED' } });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});
