import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedSupplier, createCustomer, createPart, designate } from './fixtures.js';
import { M, mutate, receivedDelivery, tomorrow } from './orders.js';
import { rowCounter } from './row-counts.js';
import { type Actor, startServer, type TestServer } from './server.js';

/**
 * The tenancy probes, run as they are (tenancy.test.ts) and with the application's scoping switched
 * off so that row-level security alone must refuse them (tenancy-rls.test.ts).
 */
export function tenancySuite(env: Record<string, string> = {}) {
  // Parts are the company's catalogue, not partner-owned: which parts a partner sees is the
  // application's rule alone (no row-level security policy), so only it can be probed for them.
  const partsScoped = env.TEST_APPLICATION_SCOPING !== 'off';
  /** A part id where the application hides it, or whatever row-level security alone leaves. */
  const part = <T>(scoped: T, unscoped: T) => (partsScoped ? scoped : unscoped);
  // Partner users see only their own organisation's records: in lists, totals, filters, node and
  // nodes lookups and nested fields. Every probe below uses another partner's real ids.
  let server: TestServer;
  let staff: Actor;
  let supplierA: Actor;
  let customerA: Actor;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer({ env });
    const admin = await server.as('admin');
    staff = await server.as('viewer');
    const a = await approvedSupplier(admin, { name: 'Alpha Castings' });
    const b = await approvedSupplier(admin, { name: 'Beta Castings' });
    const c1 = await createCustomer(admin, { name: 'Gamma Motors' });
    const c2 = await createCustomer(admin, { name: 'Delta Motors' });
    const shared = await createPart(admin, { importanceClass: 'I', description: 'Shared housing' });
    const onlyB = await createPart(admin, { importanceClass: 'II', description: 'Beta-only bracket' });
    const unsourced = await createPart(admin, { importanceClass: 'III', description: 'Unsourced washer' });
    expect((await designate(admin, shared.id, a.id, 'APPROVED', 40)).errors).toEqual([]);
    expect((await designate(admin, shared.id, b.id, 'APPROVED', 60)).errors).toEqual([]);
    expect((await designate(admin, onlyB.id, b.id, 'APPROVED', 100)).errors).toEqual([]);
    Object.assign(ids, { a: a.id, b: b.id, c1: c1.id, c2: c2.id, shared: shared.id, onlyB: onlyB.id, unsourced: unsourced.id, aCode: a.code, bCode: b.code, c2Code: c2.code });
    supplierA = await server.as({ roles: ['SUPPLIER_USER'], org: a.id });
    customerA = await server.as({ roles: ['CUSTOMER_USER'], org: c1.id });
  });
  afterAll(() => server.stop());

  const LISTS = `{
    suppliers { totalCount nodes { id name } }
    customers { totalCount nodes { id name } }
    parts { totalCount nodes { id description } }
  }`;

  describe('a supplier user', () => {
    it('lists only its own organisation, with matching totals', async () => {
      const data = await supplierA.data(LISTS);
      expect(data.suppliers).toEqual({ totalCount: 1, nodes: [{ id: ids.a, name: 'Alpha Castings' }] });
      expect(data.customers).toEqual({ totalCount: 0, nodes: [] });
      if (partsScoped) expect(data.parts).toEqual({ totalCount: 1, nodes: [{ id: ids.shared, description: 'Shared housing' }] });
    });

    it('finds nothing of another supplier through filters', async () => {
      const data = await supplierA.data('query($code: String!) { suppliers(filter: { search: $code }) { totalCount nodes { id } } byClass: suppliers(filter: { importanceClass: [I, II] }) { totalCount nodes { id } } parts(filter: { search: "Beta" }) { totalCount } }', { code: ids.bCode });
      expect(data.suppliers).toEqual({ totalCount: 0, nodes: [] });
      expect(data.byClass).toEqual({ totalCount: 1, nodes: [{ id: ids.a }] });
      if (partsScoped) expect(data.parts.totalCount).toBe(0);
    });

    it('gets null for every other organisation through node and nodes', async () => {
      const data = await supplierA.data('query($b: ID!, $ids: [ID!]!) { node(id: $b) { id } nodes(ids: $ids) { id } }', {
        b: ids.b,
        ids: [ids.a, ids.b, ids.c1, ids.c2, ids.onlyB, ids.unsourced, ids.shared],
      });
      expect(data.node).toBeNull();
      expect(data.nodes).toEqual([{ id: ids.a }, null, null, null, part(null, { id: ids.onlyB }), part(null, { id: ids.unsourced }), { id: ids.shared }]);
    });

    it("sees only its own sourcing of a shared part, never the competitor's share", async () => {
      const data = await supplierA.data('query($id: ID!) { node(id: $id) { ... on Part { sources { supplier { id name } sharePercent } } } }', { id: ids.shared });
      expect(data.node.sources).toEqual([{ supplier: { id: ids.a, name: 'Alpha Castings' }, sharePercent: 40 }]);
      const own = await supplierA.data('query($id: ID!) { node(id: $id) { ... on Supplier { sourcedParts { part { id sources { supplier { id } } } } } } }', { id: ids.a });
      expect(own.node.sourcedParts).toEqual([{ part: { id: ids.shared, sources: [{ supplier: { id: ids.a } }] } }]);
    });

    it('is not told the sourcing advice (it would reveal the number of sources)', async () => {
      const response = await supplierA.run('query($id: ID!) { node(id: $id) { ... on Part { partNumber sourcingAdvice { designatedSupplierCount } } } }', { id: ids.shared });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(response.body.errors?.[0]?.path).toEqual(['node', 'sourcingAdvice']);
    });

    it('is not told how the company manages it', async () => {
      const response = await supplierA.run('query($id: ID!) { node(id: $id) { ... on Supplier { relationship { relationship } } } }', { id: ids.a });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const staffView = await staff.data('query($id: ID!) { node(id: $id) { ... on Supplier { relationship { importanceClass grade relationship actions } } } }', { id: ids.a });
      expect(staffView.node.relationship).toMatchObject({ importanceClass: 'I', grade: null, relationship: 'DEVELOPMENT' });
    });

    it('sees its own organisation as viewer.organization', async () => {
      const data = await supplierA.data('{ viewer { organization { __typename id name } } }');
      expect(data.viewer.organization).toEqual({ __typename: 'Supplier', id: ids.a, name: 'Alpha Castings' });
    });
  });

  describe('a customer user', () => {
    it('lists only its own organisation, and no suppliers or parts', async () => {
      const data = await customerA.data(LISTS);
      expect(data.customers).toEqual({ totalCount: 1, nodes: [{ id: ids.c1, name: 'Gamma Motors' }] });
      expect(data.suppliers).toEqual({ totalCount: 0, nodes: [] });
      if (partsScoped) expect(data.parts).toEqual({ totalCount: 0, nodes: [] });
    });

    it('gets null for everyone else through node and nodes, and finds no one through filters', async () => {
      const data = await customerA.data('query($ids: [ID!]!, $code: String!) { nodes(ids: $ids) { id } customers(filter: { search: $code }) { totalCount } }', {
        ids: [ids.c1, ids.c2, ids.a, ids.shared],
        code: ids.c2Code,
      });
      expect(data.nodes).toEqual([{ id: ids.c1 }, null, null, part(null, { id: ids.shared })]);
      expect(data.customers.totalCount).toBe(0);
    });
  });

  describe('staff', () => {
    it('see every organisation and every source', async () => {
      const data = await staff.data('query($id: ID!) { suppliers { totalCount } customers { totalCount } parts { totalCount } node(id: $id) { ... on Part { sources { sharePercent } sourcingAdvice { designatedSupplierCount action } } } }', { id: ids.shared });
      expect(data.suppliers.totalCount).toBe(2);
      expect(data.customers.totalCount).toBe(2);
      expect(data.parts.totalCount).toBe(3);
      expect(data.node.sources.map((s: { sharePercent: number }) => s.sharePercent).sort()).toEqual([40, 60]);
      expect(data.node.sourcingAdvice).toEqual({ designatedSupplierCount: 2, action: 'KEEP' });
    });
  });

  describe('records of two suppliers and two customers', () => {
    // Each partner's orders, deliveries, inspections, nonconformances, contracts, quality agreements,
    // feedback, surveys and activity; every probe by one partner uses the other's real ids.
    const own: Record<string, string[]> = { supplier: [], customer: [] };
    const theirs: Record<string, string[]> = { supplier: [], customer: [] };
    const target: Record<string, string> = {};
    let supplierB: Actor;
    let customerB: Actor;
    let counts: () => Promise<Record<string, number>>;

    beforeAll(async () => {
      const buyer = await server.as('buyer');
      const buyer2 = await server.as({ roles: ['BUYER'], sub: 'second-buyer' });
      const quality = await server.as('quality');
      const sales = await server.as('sales');
      supplierB = await server.as({ roles: ['SUPPLIER_USER'], org: ids.b });
      customerB = await server.as({ roles: ['CUSTOMER_USER'], org: ids.c2 });
      counts = await rowCounter(server);
      for (const [side, supplierId, user] of [['mine', ids.a, supplierA], ['theirs', ids.b, supplierB]] as const) {
        const list = side === 'mine' ? own.supplier! : theirs.supplier!;
        const { order, delivery } = await receivedDelivery(server, buyer, { id: supplierId! }, user, [ids.shared!], ['10'], `LOT-${side}`);
        list.push(order.id, order.lines[0].id, delivery.id);
        const open = await mutate(server, buyer, M.createOrder, { direction: 'PURCHASE', partnerId: supplierId, currency: 'EUR', lines: [{ partId: ids.shared, quantity: '5', unitPrice: '1', requestedDate: tomorrow(server, 30) }] });
        await mutate(server, buyer, M.issueOrder, { id: open.order.id });
        list.push(open.order.id);
        const nc = await quality.data('mutation($p: ID!, $s: ID!) { reportNonconformance(input: { source: IN_PROCESS, severity: MAJOR, partId: $p, supplierId: $s, quantityAffected: "1", description: "Burrs" }) { nonconformance { id } } }', { p: ids.shared, s: supplierId });
        list.push(nc.reportNonconformance.nonconformance.id);
        const contract = await buyer.data('mutation($input: CreateContractInput!) { createContract(input: $input) { contract { id } errors { code } } }', {
          input: { partnerId: supplierId, type: 'SUPPLY', title: 'Frame agreement', currency: 'EUR', items: [{ partId: ids.shared, unitPrice: '3' }] },
        });
        const contractId = contract.createContract.contract.id;
        await buyer.data('mutation($id: ID!) { submitContractForReview(input: { id: $id }) { errors { code } } }', { id: contractId });
        await buyer2.data('mutation($id: ID!) { approveContract(input: { id: $id }) { errors { code } } }', { id: contractId });
        list.push(contractId);
        const qa = await quality.data('mutation($s: ID!, $p: ID!) { createQualityAgreement(input: { supplierId: $s, partIds: [$p], aql: 1.0, targetPpm: 100 }) { qualityAgreement { id } } }', { s: supplierId, p: ids.shared });
        const qaId = qa.createQualityAgreement.qualityAgreement.id;
        await quality.data('mutation($id: ID!) { signQualityAgreement(input: { id: $id }) { errors { code } } }', { id: qaId });
        list.push(qaId);
        if (side === 'theirs') Object.assign(target, { order: open.order.id, line: order.lines[0].id, delivery: delivery.id, nc: nc.reportNonconformance.nonconformance.id, contract: contractId, qa: qaId });
      }
      for (const [side, customerId] of [['mine', ids.c1], ['theirs', ids.c2]] as const) {
        const list = side === 'mine' ? own.customer! : theirs.customer!;
        const order = await mutate(server, sales, M.createOrder, { direction: 'SALES', partnerId: customerId, currency: 'EUR', lines: [{ partId: ids.onlyB, quantity: '2', unitPrice: '9', requestedDate: tomorrow(server, 20) }] });
        await mutate(server, sales, M.issueOrder, { id: order.order.id });
        const feedback = await sales.data('mutation($c: ID!) { recordFeedback(input: { customerId: $c, kind: COMPLAINT, severity: MAJOR, channel: "PHONE", subject: "Late", description: "Two days late" }) { feedback { id } } }', { c: customerId });
        list.push(order.order.id, feedback.recordFeedback.feedback.id);
        if (side === 'theirs') Object.assign(target, { salesOrder: order.order.id, feedback: feedback.recordFeedback.feedback.id });
      }
    }, 120_000);

    const LIST_IDS = `{
      orders(first: 100) { totalCount nodes { id lines { id } } }
      deliveries(first: 100) { totalCount nodes { id } }
      nonconformances(first: 100) { totalCount nodes { id } }
      contracts(first: 100) { totalCount nodes { id } }
      qualityAgreements(first: 100) { totalCount nodes { id } }
      customerFeedback(first: 100) { totalCount nodes { id } }
      activity(first: 100) { nodes { subject { id } } }
    }`;
    type Lists = Record<string, { totalCount?: number; nodes: { id?: string; lines?: { id: string }[]; subject?: { id: string } | null }[] }>;
    const idsIn = (data: Lists) => new Set(Object.values(data).flatMap((c) => c.nodes.flatMap((n) => [n.id, n.subject?.id, ...(n.lines ?? []).map((l) => l.id)].filter((x): x is string => x !== undefined))));

    for (const side of ['supplier', 'customer'] as const) {
      it(`lists, counts and looks up only its own records (${side})`, async () => {
        const me = side === 'supplier' ? supplierA : customerA;
        const data = await me.data<Lists>(LIST_IDS);
        const seen = idsIn(data);
        for (const id of own[side]!) expect(seen, `own ${id}`).toContain(id);
        for (const id of [...theirs.supplier!, ...theirs.customer!, ...(side === 'supplier' ? own.customer! : own.supplier!)]) expect(seen, `other ${id}`).not.toContain(id);
        for (const connection of Object.values(data)) if (connection.totalCount !== undefined) expect(connection.totalCount).toBe(connection.nodes.length);
        const others = [...theirs.supplier!, ...theirs.customer!];
        const looked = await me.data('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: others });
        expect(looked.nodes).toEqual(others.map(() => null));
      });
    }

    it('changes nothing of another partner through any mutation on its ids', async () => {
      const before = await counts();
      const attempts: [Actor, string, Record<string, unknown>][] = [
        [supplierA, 'mutation($input: AcknowledgeOrderInput!) { acknowledgeOrder(input: $input) { errors { code } } }', { id: target.order }],
        [supplierA, 'mutation($input: RejectOrderInput!) { rejectOrder(input: $input) { errors { code } } }', { id: target.order, reason: 'No' }],
        [supplierA, 'mutation($input: CreateDeliveryInput!) { createDelivery(input: $input) { errors { code } } }', { orderId: target.order, lines: [{ orderLineId: target.line, quantity: '1' }] }],
        [supplierA, 'mutation($input: RecordDeliveryEventInput!) { recordDeliveryEvent(input: $input) { errors { code } } }', { deliveryId: target.delivery, status: 'DELAYED', estimatedArrival: '2099-01-01T00:00:00Z' }],
        [supplierA, 'mutation($input: RequestOrderChangeInput!) { requestOrderChange(input: $input) { errors { code } } }', { orderId: target.order, reason: 'Later', changes: [{ lineId: target.line, quantity: '1' }] }],
        [supplierA, 'mutation($input: RespondToNonconformanceInput!) { respondToNonconformance(input: $input) { errors { code } } }', { id: target.nc, rootCause: 'Not ours' }],
        [supplierA, 'mutation($input: ContractActionInput!) { signContract(input: $input) { errors { code } } }', { id: target.contract }],
        [supplierA, 'mutation($input: QualityAgreementActionInput!) { signQualityAgreement(input: $input) { errors { code } } }', { id: target.qa }],
        [customerA, 'mutation($input: CloseFeedbackInput!) { closeFeedback(input: $input) { errors { code } } }', { id: target.feedback, satisfactionRating: 1 }],
        [customerA, 'mutation($input: AcknowledgeOrderInput!) { acknowledgeOrder(input: $input) { errors { code } } }', { id: target.salesOrder }],
      ];
      for (const [actor, mutation, input] of attempts) {
        const response = await actor.run<Record<string, { errors: { code: string }[] }>>(mutation, { input });
        const payload = Object.values(response.body.data ?? {})[0];
        const codes = [...(response.body.errors ?? []).map((e) => e.extensions?.code), ...(payload?.errors ?? []).map((e) => e.code)];
        expect(codes.length, `${mutation} ${JSON.stringify(response.body)}`).toBeGreaterThan(0);
        expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
      }
      expect(await counts()).toEqual(before);
      // And the records are as they were: the other partner still sees its own, untouched.
      const order = await supplierB.data('query($id: ID!) { node(id: $id) { ... on Order { status } } }', { id: target.order });
      expect(order.node.status).toBe('ISSUED');
      const feedback = await customerB.data('query($id: ID!) { node(id: $id) { ... on CustomerFeedback { status } } }', { id: target.feedback });
      expect(feedback.node.status).toBe('RECEIVED');
    });
  });
}
