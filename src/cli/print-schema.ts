import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildAppSchema } from '../schema/index.js';
import { possibleTypes } from '../schema/possible-types.js';

// Writes the served schema, sorted, to schema.graphql, and the possible types of its interfaces and
// unions to possible-types.json (both checked in; a test fails when either drifts).
const schema = buildAppSchema();
writeFileSync(new URL('../../schema.graphql', import.meta.url), `${printSchema(lexicographicSortSchema(schema))}\n`);
writeFileSync(new URL('../../possible-types.json', import.meta.url), `${JSON.stringify(possibleTypes(schema), null, 2)}\n`);
process.stdout.write('schema.graphql and possible-types.json written.\n');
