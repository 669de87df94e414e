import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { buildSchema, findBreakingChanges, findDangerousChanges, type GraphQLScalarType, lexicographicSortSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildAppSchema } from '../src/schema/index.js';
import { possibleTypes } from '../src/schema/possible-types.js';

// The served schema must contain the partner contract (contract.graphql, a copy of the published one
// that .ci/run keeps identical) unchanged: the whole contract is served.
const contractPath = new URL('../contract.graphql', import.meta.url);
const schemaPath = new URL('../schema.graphql', import.meta.url);

const served = buildAppSchema();
const contract = buildSchema(readFileSync(contractPath, 'utf8'));

describe('the served schema against the contract', () => {
  it('serves all of the contract: findBreakingChanges from the contract to the served schema finds nothing', () => {
    const breaking = findBreakingChanges(contract, served).map((c) => `${c.type}: ${c.description}`);
    expect(breaking).toEqual([]);
  });

  it('changes no default value, argument or enum of the contract in a dangerous way', () => {
    const dangerous = findDangerousChanges(contract, served)
      // The server may add enum values, optional arguments and optional input fields, and make more
      // types Nodes (an activity row can be fetched by id): a client matching on Node types meets one more.
      .filter((c) => !['VALUE_ADDED_TO_ENUM', 'OPTIONAL_ARG_ADDED', 'OPTIONAL_INPUT_FIELD_ADDED', 'IMPLEMENTED_INTERFACE_ADDED'].includes(c.type))
      .map((c) => `${c.type}: ${c.description}`);
    expect(dangerous).toEqual([]);
  });

  it('matches the checked-in schema.graphql (run npm run schema:print after changing the schema)', () => {
    expect(readFileSync(schemaPath, 'utf8')).toBe(`${printSchema(lexicographicSortSchema(served))}\n`);
  });

  it('publishes the possible types of every interface and union in possible-types.json', () => {
    const published = JSON.parse(readFileSync(new URL('../possible-types.json', import.meta.url), 'utf8')) as Record<string, string[]>;
    expect(published).toEqual(possibleTypes(served));
    expect(published.Partner).toEqual(['Customer', 'Supplier']);
    expect(published.Node).toEqual(expect.arrayContaining(['Supplier', 'Customer', 'Order', 'Delivery', 'Nonconformance']));
  });

  it('tells clients how Date, DateTime and Decimal are written (@specifiedBy)', () => {
    expect(['Date', 'DateTime', 'Decimal'].map((name) => (served.getType(name) as GraphQLScalarType).specifiedByURL)).toEqual([
      'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
      'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
      'https://www.w3.org/TR/xmlschema11-2/#decimal',
    ]);
  });
});
