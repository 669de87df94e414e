import fc from 'fast-check';
import { getOperationAST, getVariableValues, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { coerceVariables } from '../../src/read/variables.js';
import { buildAppSchema } from '../../src/schema/index.js';

const schema = buildAppSchema();

/** Variables of every leaf kind the schema has, required and optional, and one that is not a leaf. */
const LEAVES = 'query($id: ID!, $maybe: ID, $n: Int, $text: String!, $flag: Boolean, $day: Date, $at: DateTime, $amount: Decimal, $status: OrderStatus, $role: Role!) { __typename }';
const WITH_INPUT = 'query($id: ID!, $filter: OrderFilter) { __typename }';
const WITH_DEFAULT = 'query($n: Int = 5) { __typename }';

const operationOf = (text: string) => getOperationAST(parse(text)) as OperationDefinitionNode;

/** Values of every JSON kind, and of the forms the scalars accept or refuse. */
const value = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -3_000_000_000, max: 3_000_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('', 'x', '12', '12.50', '-0.5', '1e3', '2026-12-04', '2026-02-30', '2026-12-04T10:00:00Z', '2026-12-04T10:00:00.123+01:00', 'ISSUED', 'BUYER', 'issued', 'T3JkZXI6MQ'),
  fc.string(),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);

/** Values each variable's type accepts, mostly, and any value now and then. */
const accepted: Record<string, fc.Arbitrary<unknown>> = {
  id: fc.string({ minLength: 1, maxLength: 8 }),
  maybe: fc.oneof(fc.constant(null), fc.string({ maxLength: 8 }), fc.integer()),
  n: fc.integer({ min: -100, max: 100 }),
  text: fc.string({ maxLength: 8 }),
  flag: fc.boolean(),
  day: fc.constantFrom('2026-12-04', '2024-02-29'),
  at: fc.constantFrom('2026-12-04T10:00:00Z', '2026-12-04T10:00:00.123+01:00'),
  amount: fc.constantFrom('12.50', '-0.5', '0'),
  status: fc.constantFrom('ISSUED', 'DRAFT'),
  role: fc.constantFrom('BUYER', 'VIEWER'),
  filter: fc.oneof(fc.constant(null), fc.constant({}), fc.record({ status: fc.constant(['ISSUED']) })),
};

const variables = (names: string[]) => fc.record(Object.fromEntries(names.map((name) => [name, fc.oneof({ weight: 9, arbitrary: accepted[name] ?? value }, { weight: 1, arbitrary: value })])), { requiredKeys: [] });

/** graphql-js's answer, as coerceVariables gives it: coerced values, or the messages of its errors. */
function reference(operation: OperationDefinitionNode, raw: Record<string, unknown>) {
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], raw, { maxErrors: 10 });
  return result.errors === undefined ? { coerced: result.coerced } : { errors: result.errors.map((e) => e.message) };
}

function ours(operation: OperationDefinitionNode, raw: Record<string, unknown>) {
  const result = coerceVariables(schema, operation, raw, { maxErrors: 10 });
  return result.errors === undefined ? { coerced: result.coerced } : { errors: result.errors.map((e) => e.message) };
}

describe('coerceVariables', () => {
  for (const [name, text, variableNames] of [
    ['scalars and enums', LEAVES, ['id', 'maybe', 'n', 'text', 'flag', 'day', 'at', 'amount', 'status', 'role']],
    ['an input object among them', WITH_INPUT, ['id', 'filter']],
    ['a default value', WITH_DEFAULT, ['n']],
  ] as const) {
    it(`coerces as graphql-js does: ${name}`, () => {
      const operation = operationOf(text);
      fc.assert(
        fc.property(variables([...variableNames]), (raw) => {
          expect(ours(operation, raw)).toEqual(reference(operation, raw));
        }),
        { numRuns: 2_000, seed: 20261206 },
      );
    });
  }

  it('leaves an absent optional variable out and keeps an explicit null', () => {
    const operation = operationOf(LEAVES);
    expect(coerceVariables(schema, operation, { id: 'a', text: 't', role: 'BUYER', maybe: null, n: 3 })).toEqual({ coerced: { id: 'a', text: 't', role: 'BUYER', maybe: null, n: 3 } });
  });

  it('names the variable graphql-js names when a value is refused', () => {
    const operation = operationOf(LEAVES);
    const result = coerceVariables(schema, operation, { id: 'a', text: 't', role: 'NOBODY' });
    expect(result.errors?.map((e) => e.message)).toEqual(reference(operation, { id: 'a', text: 't', role: 'NOBODY' }).errors);
    expect(result.errors?.[0]?.message).toMatch(/^Variable "\$role"/);
  });
});
