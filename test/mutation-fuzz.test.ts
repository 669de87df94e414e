import fc from 'fast-check';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  type GraphQLInputType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from './support/fixtures.js';
import { parts, receivedDelivery, supplierWithUser } from './support/orders.js';
import { sql } from 'drizzle-orm';
import { executeRows } from '../src/db/client.js';
import { rowCounter } from './support/row-counts.js';
import { type Actor, startServer, type TestServer } from './support/server.js';

/**
 * Every mutation of the served schema, fed inputs generated from its own input types: mostly
 * well-formed values around real records of several owners, with hostile ones mixed in (long and
 * control-character strings, forged ids, out-of-range numbers, wrong JSON types, oversize lists).
 * Whatever comes back must be a clear answer, never INTERNAL_SERVER_ERROR, and a failed mutation
 * must leave every table's row count as it was.
 */
const RUNS_PER_MUTATION = 50;
const SEED = 20261201;

let server: TestServer;
let schema: GraphQLSchema;
let actors: Actor[];
let ids: string[];
let rowCounts: () => Promise<Record<string, number>>;

beforeAll(async () => {
  server = await startServer({ env: { EXPORT_RETENTION_HOURS: '1000000', CERTIFICATE_CHECK_INTERVAL_MS: '86400000' } }); // the clock runs days ahead: no export may expire (and be deleted), and no certificate be noted, mid-judgement
  const admin = await server.as('admin');
  const buyer = await server.as('buyer');
  const { supplier, user: supplierUser } = await supplierWithUser(server, admin);
  const { user: rival } = await supplierWithUser(server, admin);
  const partIds = (await parts(admin)).map((p) => p.id);
  await receivedDelivery(server, buyer, supplier, supplierUser, partIds.slice(0, 2), ['100', '20'], 'LOT-1');
  const customer = await createCustomer(admin);
  const customerUser = await server.as({ roles: ['CUSTOMER_USER'], org: customer.id });
  actors = [admin, buyer, await server.as('quality'), await server.as('sales'), await server.as('viewer'), supplierUser, rival, customerUser];

  const introspection = await admin.data<IntrospectionQuery>(getIntrospectionQuery());
  schema = buildClientSchema(introspection);
  // Real ids of every kind the seeding produced, plus order lines: generated ids often hit records.
  const seen = await admin.data(`{
    activity(first: 100) { nodes { subject { id } } }
    orders(first: 20) { nodes { id lines { id } changeRequests { id } deliveries { id } } }
  }`);
  ids = [
    ...new Set<string>([
      ...seen.activity.nodes.flatMap((n: { subject: { id: string } | null }) => (n.subject ? [n.subject.id] : [])),
      ...seen.orders.nodes.flatMap((o: { id: string; lines: { id: string }[] }) => [o.id, ...o.lines.map((l) => l.id)]),
      supplier.id,
      customer.id,
      ...partIds,
    ]),
  ];
  rowCounts = await rowCounter(server);
}, 120_000);
afterAll(() => server.stop());

const hostileStrings = fc.constantFrom('', ' ', 'x'.repeat(5_000), 'a\u0000b', 'bad \ud800 half', "'; drop table suppliers; --", '%_\\', '供应商 質量 🚚', '\n\t', '2026-02-30', '-1', 'NaN', '1e309');
const wordish = fc.stringMatching(/^[A-Za-z0-9 .-]{1,24}$/);

function dateString(): fc.Arbitrary<string> {
  return fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
}

function scalar(type: GraphQLScalarType, fieldName: string): fc.Arbitrary<unknown> {
  switch (type.name) {
    case 'ID':
      return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.constantFrom('U3VwcGxpZXI6bm9wZQ==', 'T3JkZXI6MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw', 'garbage') }, { weight: 1, arbitrary: hostileStrings });
    case 'Int':
      return fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -2, max: 120 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -1, 2_147_483_647, -2_147_483_648) });
    case 'Float':
      return fc.oneof({ weight: 4, arbitrary: fc.double({ min: -10, max: 1_000, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(0, -0.5, 1e300, 0.010, 1000) });
    case 'Boolean':
      return fc.boolean();
    case 'Date':
      return fc.oneof({ weight: 4, arbitrary: dateString() }, { weight: 1, arbitrary: hostileStrings });
    case 'DateTime':
      return fc.oneof({ weight: 4, arbitrary: dateString().map((d) => `${d}T08:30:00Z`) }, { weight: 1, arbitrary: hostileStrings });
    case 'Decimal':
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 500 }).map(String) },
        { weight: 1, arbitrary: fc.constantFrom('0', '-5', '1.23456789', '99999999999999999999999', '1e5', 'abc', '') },
      );
    default:
      // String: shaped by what the field holds, so that many inputs get past validation.
      if (/country/i.test(fieldName)) return fc.oneof(fc.constantFrom('DE', 'CN', 'US'), hostileStrings);
      if (/currency/i.test(fieldName)) return fc.oneof(fc.constantFrom('EUR', 'CNY', 'USD'), hostileStrings);
      if (/email/i.test(fieldName)) return fc.oneof(fc.constantFrom('a@example.com'), hostileStrings);
      if (/date|period/i.test(fieldName)) return fc.oneof(dateString(), hostileStrings);
      return fc.oneof({ weight: 4, arbitrary: wordish }, { weight: 2, arbitrary: hostileStrings });
  }
}

function inputValue(type: GraphQLInputType, fieldName: string, depth: number): fc.Arbitrary<unknown> {
  if (type instanceof GraphQLNonNull) return inputValue(type.ofType, fieldName, depth);
  if (type instanceof GraphQLList) {
    const item = inputValue(type.ofType, fieldName, depth + 1);
    return fc.oneof({ weight: 8, arbitrary: fc.array(item, { minLength: 0, maxLength: 3 }) }, { weight: 1, arbitrary: item.map((one) => Array.from({ length: 101 }, () => one)) });
  }
  if (type instanceof GraphQLEnumType) return fc.constantFrom(...type.getValues().map((v) => v.name));
  if (type instanceof GraphQLInputObjectType) {
    const fields = Object.values(type.getFields());
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const field of fields) {
      const value = depth > 4 ? fc.constant(null) : inputValue(field.type, field.name, depth + 1);
      record[field.name] = field.type instanceof GraphQLNonNull ? value : fc.oneof({ weight: 3, arbitrary: value }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(null) });
    }
    return fc.record(record).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
  }
  return scalar(type as GraphQLScalarType, fieldName);
}

/** Now and then a value of the wrong JSON type, which variable coercion must refuse cleanly. */
function withWrongTypes(arbitrary: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 12, arbitrary }, { weight: 1, arbitrary: fc.constantFrom(42, 'text', true, [], {}, null, { nested: { deeper: [1, 'two'] } }) });
}

/** Waits until no bulk export is waiting or running: their jobs write activity as they go. */
async function backgroundSettled(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const [open] = await executeRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from bulk_exports where status in ('QUEUED', 'RUNNING')`);
    if (open!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('bulk exports did not finish');
}

describe('every mutation under fuzzed input', () => {
  it(`answers ${RUNS_PER_MUTATION} generated inputs per mutation without an internal error, and writes nothing when it fails`, async () => {
    const mutations = Object.values(schema.getMutationType()!.getFields());
    expect(mutations.length).toBeGreaterThan(40);
    const tally = { requests: 0, succeeded: 0, refusedInPayload: 0, refusedByGraphQL: new Map<string, number>() };
    const problems: string[] = [];
    let seed = SEED;
    for (const mutation of mutations) {
      const args = mutation.args;
      const variables = fc.record(Object.fromEntries(args.map((a) => [a.name, withWrongTypes(inputValue(a.type, a.name, 0))])));
      const payload = getNamedType(mutation.type);
      const selection = payload instanceof GraphQLObjectType && 'errors' in payload.getFields() ? '{ __typename errors { field code message } }' : payload instanceof GraphQLObjectType ? '{ __typename }' : '';
      const document = `mutation Fuzz(${args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ')}) { ${mutation.name}(${args.map((a) => `${a.name}: $${a.name}`).join(', ')}) ${selection} }`;
      // Staff half the time, so that more inputs get past authorisation into the business rules.
      const actor = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: actors.length - 1 }) });
      const inputs = fc.sample(fc.tuple(variables, actor), { seed: seed++, numRuns: RUNS_PER_MUTATION });
      for (const [vars, who] of inputs) {
        const before = await rowCounts();
        server.clock.advance(60_000);
        const response = await actors[who]!.run<Record<string, { errors?: unknown[] } | null>>(document, vars as Record<string, unknown>);
        tally.requests += 1;
        const codes = (response.body.errors ?? []).map((e) => String(e.extensions?.code));
        const answer = response.body.data?.[mutation.name];
        const failed = codes.length > 0 || answer == null || (answer.errors?.length ?? 0) > 0;
        if (response.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR')) problems.push(`${mutation.name} ${response.status} ${JSON.stringify(response.body.errors)} for ${JSON.stringify(vars).slice(0, 400)}`);
        if (codes.length > 0) for (const c of codes) tally.refusedByGraphQL.set(c, (tally.refusedByGraphQL.get(c) ?? 0) + 1);
        else if (failed) tally.refusedInPayload += 1;
        else tally.succeeded += 1;
        // Work a mutation started in the background (a bulk export) ends before the next is judged.
        if (!failed) await backgroundSettled();
        if (failed) {
          const after = await rowCounts();
          if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`${mutation.name} failed but wrote: ${JSON.stringify(Object.entries(after).filter(([t, n]) => before[t] !== n))}`);
        }
      }
    }
    console.log(
      `mutation fuzz: ${mutations.length} mutations, ${tally.requests} requests; ${tally.succeeded} succeeded, ${tally.refusedInPayload} refused in the payload, by code: ${JSON.stringify(Object.fromEntries(tally.refusedByGraphQL))}; ${problems.length} problems`,
    );
    expect(problems).toEqual([]);
    expect(tally.requests).toBe(mutations.length * RUNS_PER_MUTATION);
  }, 600_000);
});
