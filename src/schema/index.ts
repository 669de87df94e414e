import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { authChecker } from '../auth/auth-checker.js';
import { resolvers } from '../resolvers/index.js';
import { DateScalar, DateTimeScalar, DecimalScalar } from './common.js';

let built: GraphQLSchema | undefined;

/** The served schema, built once per process. */
export function buildAppSchema(): GraphQLSchema {
  built ??= buildSchemaSync({
    resolvers,
    authChecker,
    validate: false,
    scalarsMap: [
      { type: Date, scalar: DateTimeScalar },
    ],
    orphanedTypes: [],
    emitSchemaFile: false,
  });
  void DateScalar;
  void DecimalScalar;
  return built;
}
