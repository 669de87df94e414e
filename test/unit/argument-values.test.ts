import fc from 'fast-check';
import { type FieldNode, getArgumentValues, type GraphQLField, isObjectType, Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { argumentVariables, variableArgumentValues } from '../../src/limits/input-limits.js';
import { buildAppSchema } from '../../src/schema/index.js';

const schema = buildAppSchema();

/** Every field of the schema that takes arguments. */
const fields: GraphQLField<unknown, unknown>[] = Object.values(schema.getTypeMap())
  .filter(isObjectType)
  .filter((type) => !type.name.startsWith('__'))
  .flatMap((type) => Object.values(type.getFields()))
  .filter((field) => field.args.length > 0);

/** A field node giving each of `given` arguments as the variable of the same name. */
function nodeOf(field: GraphQLField<unknown, unknown>, given: string[]): FieldNode {
  return {
    kind: Kind.FIELD,
    name: { kind: Kind.NAME, value: field.name },
    arguments: given.map((name) => ({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: name }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } } })),
  };
}

/** Coerced values a variable may hold: nothing, null, or any value (getArgumentValues passes a variable's value through). */
const value = fc.oneof(fc.constant(null), fc.constant(undefined), fc.integer(), fc.string({ maxLength: 5 }), fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }));

const site = fc.constantFrom(...fields).chain((field) =>
  fc.record({
    field: fc.constant(field),
    given: fc.subarray(field.args.map((a) => a.name)),
    coerced: fc.dictionary(fc.constantFrom(...field.args.map((a) => a.name)), value, { maxKeys: field.args.length }),
  }),
);

describe('variableArgumentValues', () => {
  it(`gives what getArgumentValues gives, or leaves it to graphql-js, on ${fields.length} fields`, () => {
    let answered = 0;
    fc.assert(
      fc.property(site, ({ field, given, coerced }) => {
        const node = nodeOf(field, given);
        const variables = argumentVariables(node);
        expect(variables).not.toBeNull();
        const fast = variableArgumentValues(field, variables!, coerced);
        let expected: { values: Record<string, unknown> } | { error: string };
        try {
          expected = { values: getArgumentValues(field, node, coerced) };
        } catch (error) {
          expected = { error: String(error) };
        }
        if (fast === undefined) return;
        answered += 1;
        expect({ values: fast }).toEqual(expected);
        expect(Object.keys(fast)).toEqual(Object.keys((expected as { values: object }).values));
      }),
      { numRuns: 3_000, seed: 20261206 },
    );
    // A third of the generated sites and more are answered without graphql-js: the property is not vacuous.
    expect(answered).toBeGreaterThan(1_000);
  });

  it('leaves a site with a literal to graphql-js', () => {
    const node: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'node' }, arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'id' }, value: { kind: Kind.STRING, value: 'x' } }] };
    expect(argumentVariables(node)).toBeNull();
  });
});
