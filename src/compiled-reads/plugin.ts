import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import type { OperationDefinitionNode } from 'graphql';
import type { Context } from '../context.js';
import { type CompiledRead, compileOperation } from './plan.js';

/**
 * Serves the queries src/compiled-reads covers from SQL-built JSON, after Apollo has parsed and
 * validated them (same limits, same authentication) and before graphql-js would execute them.
 * Apollo still writes the response head; the HTTP handler swaps in the JSON text (Context.compiledRead),
 * so the rows are never parsed into objects and serialised again.
 */
export function compiledReads(): ApolloServerPlugin<Context> {
  // Apollo keeps one parsed document per query text, so its operations are stable keys.
  const plans = new WeakMap<OperationDefinitionNode, CompiledRead | null>();
  return {
    async requestDidStart() {
      return {
        async responseForOperation(request) {
          const { operation, document, schema, contextValue } = request;
          if (operation === undefined || document === undefined) return null;
          let plan = plans.get(operation);
          if (plan === undefined) {
            plan = compileOperation(schema, document, operation);
            plans.set(operation, plan);
          }
          if (plan === null) return null;
          const data = await plan.run(contextValue, request.request.variables);
          if (data === null) return null;
          contextValue.compiledRead.data = data;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: {} } } };
        },
      };
    },
  };
}
