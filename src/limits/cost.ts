import { type DocumentNode, GraphQLError, getNamedType, type GraphQLSchema, isLeafType, isListType, isNonNullType, type GraphQLOutputType, Kind, type OperationDefinitionNode, type TypeNode } from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { MAX_PAGE_SIZE } from '../db/pagination.js';
import { MAX_COST } from './max-cost.js';
import { limitCodes, limitError } from './operation-limits.js';
import { msg } from '../i18n/message.js';

/**
 * The static cost of an operation, in objects it may return (the model of GitHub's and Shopify's
 * public APIs), computed before it runs from the document and its variables:
 *
 * - a scalar or enum field costs nothing;
 * - an object field costs 1 plus what is selected under it;
 * - a connection costs 1 plus its page size (`first` or `last`, MAX_PAGE_SIZE when absent) times
 *   what is selected under `nodes` and `edges`; its `pageInfo` is free;
 * - a plain list of objects costs its length times (1 plus what is selected under each): `first`
 *   or the number of `ids` when it takes them, else LIST_SIZE_ESTIMATE;
 * - a mutation adds MUTATION_COST for the write, a subscription costs what one event selects.
 *
 * The most an operation may cost is MAX_COST (max-cost.ts).
 */
export { MAX_COST } from './max-cost.js';
/** Children lists without paging (an order's lines, a delivery's events): few in practice. */
export const LIST_SIZE_ESTIMATE = 10;
export const MUTATION_COST = 10;
/** Work bound of the estimate itself: selections visited, fragments counted at every spread. */
const MAX_EVALUATED_NODES = 10_000;

/** Lists whose length is bounded by the resolver rather than an argument. */
const listSizes: Record<string, number> = {
  'Dashboard.contractsExpiringWithin': 100,
};

function isConnection(type: GraphQLOutputType): boolean {
  return getNamedType(type).name.endsWith('Connection');
}

function listOf(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

const estimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const named = getNamedType(field.type);
  if (isLeafType(named)) return 0;
  if (named.name === 'PageInfo') return 0;
  if (isConnection(field.type)) {
    // A page larger than the maximum is refused by the field itself, with its own error.
    const size = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : MAX_PAGE_SIZE;
    return 1 + Math.min(MAX_PAGE_SIZE, Math.max(0, size)) * childComplexity;
  }
  if (listOf(field.type)) {
    // A connection's edges and nodes: one each per item; the connection multiplies.
    if (type.name.endsWith('Connection')) return 1 + childComplexity;
    const size = Array.isArray(args.ids)
      ? args.ids.length
      : typeof args.first === 'number'
        ? Math.max(0, args.first)
        : (listSizes[`${type.name}.${field.name}`] ?? LIST_SIZE_ESTIMATE);
    return size * (1 + childComplexity);
  }
  const root = type.name === 'Mutation' ? MUTATION_COST : 0;
  return root + 1 + childComplexity;
};

/** Variable types whose values never change a cost (only how many of them there are). */
const COSTLESS = new Set(['ID', 'String', 'Date', 'DateTime', 'Decimal']);

/** The names of an operation's variables whose values never change its cost, found once per operation. */
const costlessOf = new WeakMap<OperationDefinitionNode, ReadonlySet<string>>();

function costlessVariables(operation: OperationDefinitionNode): ReadonlySet<string> {
  let names = costlessOf.get(operation);
  if (names === undefined) {
    names = new Set((operation.variableDefinitions ?? []).filter((d) => COSTLESS.has(namedTypeOf(d.type))).map((d) => d.variable.name.value));
    costlessOf.set(operation, names);
  }
  return names;
}

/**
 * The variables as far as they can change the cost: ids, cursors, texts and dates blanked (a list of
 * them counted), counts, sizes and switches kept. Only the operation's own variables, in their
 * order: each as JSON, or blank, so the joined texts name one set of values.
 */
function costKey(operation: OperationDefinitionNode | undefined, variables: Record<string, unknown>): string {
  if (operation === undefined) return JSON.stringify(variables);
  const costless = costlessVariables(operation);
  let key = '';
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const value = variables[name];
    key += costless.has(name) ? (Array.isArray(value) ? `${value.length},` : ',') : `${JSON.stringify(value) ?? ''},`;
  }
  return key;
}

function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

/** Costs by document (Apollo keeps one parsed document per query text) and costKey, the latest few per document. */
const costs = new WeakMap<DocumentNode, Map<string, number | GraphQLError>>();
const COSTS_PER_DOCUMENT = 32;

/**
 * The operation's cost; a COST_LIMIT_EXCEEDED error when it is over MAX_COST or when counting it
 * would take more than MAX_EVALUATED_NODES steps (a fragment spread many times over, for instance).
 * Counted once per document and cost-relevant variables.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined): number {
  let known = costs.get(document);
  if (known === undefined) {
    known = new Map();
    costs.set(document, known);
  }
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (operationName === undefined || d.name?.value === operationName));
  const key = `${operationName ?? ''}:${costKey(operation, variables ?? {})}`;
  let result = known.get(key);
  if (result === undefined) {
    try {
      result = countCost(schema, document, operationName, variables);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      result = error;
    }
    if (known.size >= COSTS_PER_DOCUMENT) known.delete(known.keys().next().value!);
    known.set(key, result);
  }
  if (result instanceof GraphQLError) throw result;
  return result;
}

function countCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined): number {
  let cost: number;
  try {
    cost = getComplexity({ schema, query: document, operationName, variables: variables ?? {}, estimators: [estimator], maxQueryNodes: MAX_EVALUATED_NODES });
  } catch (error) {
    if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
      throw limitError(limitCodes.cost, msg`The operation selects more than ${MAX_EVALUATED_NODES} fields once its fragments are spread; its cost cannot be above the limit of ${MAX_COST}.`);
    }
    throw error;
  }
  if (cost > MAX_COST) {
    throw limitError(limitCodes.cost, msg`The operation may return ${cost} objects; the limit is ${MAX_COST}. Ask for smaller pages (first/last) or fewer nested lists.`);
  }
  return cost;
}
