import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { describeSchema } from './reference.js';
import { buildSchemaSync } from 'type-graphql';
import { authChecker } from '../auth/auth-checker.js';
import { resolvers } from '../resolvers/index.js';
import { DateScalar, DateTimeScalar, DecimalScalar } from './common.js';
import { installReadModels } from '../read/embedded.js';

let built: GraphQLSchema | undefined;

/** The served schema, built once per process. */
export function buildAppSchema(): GraphQLSchema {
  if (built) return built;
  built = buildSchemaSync({
    resolvers,
    authChecker,
    validate: false,
    scalarsMap: [
      { type: Date, scalar: DateTimeScalar },
    ],
    orphanedTypes: [],
    // Subscriptions read the activity hub (src/realtime), not topics; type-graphql still asks for a pub/sub.
    pubSub: {
      publish: () => {},
      subscribe: () => {
        throw new Error('subscriptions read the activity hub; no topics are published');
      },
    },
    emitSchemaFile: false,
  });
  describeSchema(built);
  installReadModels(built);
  void DateScalar;
  void DecimalScalar;
  return built;
}
