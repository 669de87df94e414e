import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildAppSchema } from '../schema/index.js';

// Writes the served schema, sorted, to schema.graphql (checked in; a test fails when it drifts).
const sdl = `${printSchema(lexicographicSortSchema(buildAppSchema()))}\n`;
writeFileSync(new URL('../../schema.graphql', import.meta.url), sdl);
process.stdout.write('schema.graphql written.\n');
