import { type GraphQLInputType, type GraphQLLeafType, type GraphQLSchema, getVariableValues, isLeafType, isNonNullType, type OperationDefinitionNode, typeFromAST } from 'graphql';

type Coercion = ReturnType<typeof getVariableValues>;

/** Variables graphql-js coerced without errors, by the request's raw variables object and its operation. */
const coercedOf = new WeakMap<object, { schema: GraphQLSchema; operation: OperationDefinitionNode; coerced: Record<string, unknown> }>();

/** A variable of a scalar or enum type without a default: its value is coerced by its type's parseValue alone. */
interface LeafVariable {
  name: string;
  type: GraphQLLeafType;
  required: boolean;
}

/** Each operation's variables when all are leaves without defaults, found once per operation; null otherwise. */
const leavesOf = new WeakMap<OperationDefinitionNode, { schema: GraphQLSchema; leaves: LeafVariable[] | null }>();

function leafVariables(schema: GraphQLSchema, operation: OperationDefinitionNode): LeafVariable[] | null {
  const known = leavesOf.get(operation);
  if (known !== undefined && known.schema === schema) return known.leaves;
  let leaves: LeafVariable[] | null = [];
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    const named = type !== undefined && isNonNullType(type) ? type.ofType : type;
    if (named === undefined || !isLeafType(named) || definition.defaultValue !== undefined) {
      leaves = null;
      break;
    }
    leaves.push({ name: definition.variable.name.value, type: named, required: isNonNullType(type) });
  }
  leavesOf.set(operation, { schema, leaves });
  return leaves;
}

/**
 * What graphql-js's coercion gives when every variable is a scalar or an enum without a default and
 * every value is accepted, as it gives it (a value parsed by its type; an absent nullable one left
 * out); undefined whenever graphql-js must say what is wrong (a value refused, a required one
 * missing), or for any other operation.
 */
function coerceLeaves(leaves: readonly LeafVariable[], raw: Record<string, unknown>): Record<string, unknown> | undefined {
  const coerced: Record<string, unknown> = {};
  for (const { name, type, required } of leaves) {
    if (!Object.hasOwn(raw, name)) {
      if (required) return undefined;
      continue;
    }
    const value = raw[name];
    if (value === null || value === undefined) {
      if (required) return undefined;
      coerced[name] = null;
      continue;
    }
    let parsed: unknown;
    try {
      parsed = type.parseValue(value);
    } catch {
      return undefined;
    }
    if (parsed === undefined) return undefined;
    coerced[name] = parsed;
  }
  return coerced;
}

/**
 * The coercion of an operation's variables, as graphql-js gives it. Variables that are all scalars or
 * enums (an id, a page size) are coerced by their types directly, as graphql-js would, each time they
 * are asked for: that costs less than remembering them. Anything else, and any value refused, goes
 * through graphql-js, once per request: the input limits (src/limits/input-limits.ts) and the
 * compiled read (src/read/operation.ts) both need it, for the same raw variables object. A coercion
 * with errors is not kept (its error count depends on `maxErrors`); a successful one is the same
 * whatever the options.
 */
export function coerceVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, raw: Record<string, unknown> | undefined, options?: { maxErrors?: number }): Coercion {
  const leaves = leafVariables(schema, operation);
  const fast = leaves === null ? undefined : coerceLeaves(leaves, raw ?? {});
  if (fast !== undefined) return { coerced: fast };
  if (raw !== undefined) {
    const known = coercedOf.get(raw);
    if (known !== undefined && known.operation === operation && known.schema === schema) return { coerced: known.coerced };
  }
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], raw ?? {}, options);
  if (raw !== undefined && result.errors === undefined) coercedOf.set(raw, { schema, operation, coerced: result.coerced });
  return result;
}
