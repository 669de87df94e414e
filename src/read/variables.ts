import { type GraphQLSchema, getVariableValues, type OperationDefinitionNode } from 'graphql';

type Coercion = ReturnType<typeof getVariableValues>;

/** Variables coerced without errors, by the request's raw variables object and its operation. */
const coercedOf = new WeakMap<object, { schema: GraphQLSchema; operation: OperationDefinitionNode; coerced: Record<string, unknown> }>();

/**
 * graphql-js's coercion of an operation's variables, done once per request: the input limits
 * (src/limits/input-limits.ts) and the compiled read (src/read/operation.ts) both need it, for the
 * same raw variables object. A coercion with errors is not kept (its error count depends on
 * `maxErrors`); a successful one is the same whatever the options.
 */
export function coerceVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, raw: Record<string, unknown> | undefined, options?: { maxErrors?: number }): Coercion {
  if (raw !== undefined) {
    const known = coercedOf.get(raw);
    if (known !== undefined && known.operation === operation && known.schema === schema) return { coerced: known.coerced };
  }
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], raw ?? {}, options);
  if (raw !== undefined && result.errors === undefined) coercedOf.set(raw, { schema, operation, coerced: result.coerced });
  return result;
}
