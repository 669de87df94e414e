import { type Message, msg } from '../i18n/message.js';
import { coerceVariables } from '../read/variables.js';
import {
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type FragmentDefinitionNode,
  getArgumentValues,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  isCompositeType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  type GraphQLNamedType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getNamedType,
} from 'graphql';

/**
 * Limits on what a client may send, checked on the coerced arguments of every field of the
 * operation (literals and variables alike) before anything runs.
 *
 * Every string has a maximum length by what it is:
 * - ID (global ids, cursors): 200; codes and numbers (part numbers, lots, currencies, units): 100;
 *   idempotency keys: 255 (Stripe's bound);
 * - names and short labels (names, titles, e-mail, phone, carrier, location): 200;
 * - search terms: 100;
 * - free text (notes, reasons, descriptions, findings, root causes): 4,000;
 * - a contract clause's body: 20,000.
 * No string may hold a NUL character or an unpaired UTF-16 surrogate (PostgreSQL stores neither).
 * Lists hold at most MAX_LIST_ITEMS items.
 */
export const stringLimits = {
  id: 200,
  code: 100,
  key: 255,
  name: 200,
  search: 100,
  text: 4_000,
  document: 20_000,
} as const;
export type StringClass = keyof typeof stringLimits;

export const MAX_LIST_ITEMS = 100;

/** The class of every string argument and input field, by name: a new one must be placed here. */
export const stringClasses: Record<string, StringClass> = {
  after: 'id',
  before: 'id',
  code: 'code',
  country: 'code',
  currency: 'code',
  unit: 'code',
  revision: 'code',
  partNumber: 'code',
  lotNumber: 'code',
  trackingNumber: 'code',
  certificateNumber: 'code',
  channel: 'code',
  idempotencyKey: 'key',
  name: 'name',
  title: 'name',
  email: 'name',
  phone: 'name',
  carrier: 'name',
  location: 'name',
  industry: 'name',
  heading: 'name',
  subject: 'name',
  standard: 'name',
  dimension: 'name',
  search: 'search',
  description: 'text',
  note: 'text',
  notes: 'text',
  reason: 'text',
  summary: 'text',
  findings: 'text',
  capacityNotes: 'text',
  mainCustomers: 'text',
  comments: 'text',
  containment: 'text',
  rootCause: 'text',
  correctiveAction: 'text',
  preventiveAction: 'text',
  resolution: 'text',
  verification: 'text',
  deliveryTerms: 'text',
  body: 'document',
};

export function badUserInput(field: string, message: Message): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field, http: { status: 400 } } });
}

const wellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();

/** The problem with the string at `path`, or null when it may be stored. */
export function stringProblem(path: string, value: string, limit: number): Message | null {
  if (value.length > limit) return msg`${path} is ${value.length} characters long; the limit is ${limit}.`;
  if (value.includes('\u0000')) return msg`${path} contains a NUL character.`;
  if (!wellFormed(value)) return msg`${path} contains an unpaired UTF-16 surrogate (not valid Unicode).`;
  return null;
}

function limitFor(name: string, type: GraphQLNamedType): number {
  if (type.name === 'ID') return stringLimits.id;
  return stringLimits[stringClasses[name] ?? 'text'];
}

function checkValue(value: unknown, type: GraphQLInputType, path: string, name: string): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) {
    checkValue(value, type.ofType, path, name);
    return;
  }
  if (isListType(type)) {
    if (!Array.isArray(value)) {
      checkValue(value, type.ofType, path, name);
      return;
    }
    if (value.length > MAX_LIST_ITEMS) throw badUserInput(path, msg`${path} has ${value.length} items; the limit is ${MAX_LIST_ITEMS}.`);
    for (const [i, item] of value.entries()) checkValue(item, type.ofType, `${path}[${i}]`, name);
    return;
  }
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[key];
      if (field) checkValue(item, field.type, `${path}.${key}`, key);
    }
    return;
  }
  if (isScalarType(type) && typeof value === 'string') {
    const problem = stringProblem(path, value, limitFor(name, type));
    if (problem !== null) throw badUserInput(path, problem);
  }
}

/** A field with arguments that an operation selects, and the node that gives them. */
interface ArgumentSite {
  field: GraphQLField<unknown, unknown>;
  node: FieldNode;
  /** The variable each argument is given as, by argument name, when the node gives no literal (`node(id: $id)`); null otherwise. */
  variables: ReadonlyMap<string, string> | null;
}

/** The variable of every argument a field node gives, by argument name; null when one is a literal. */
export function argumentVariables(node: FieldNode): ReadonlyMap<string, string> | null {
  const variables = new Map<string, string>();
  for (const argument of node.arguments ?? []) {
    if (argument.value.kind !== Kind.VARIABLE) return null;
    variables.set(argument.name.value, argument.value.name.value);
  }
  return variables;
}

/**
 * A field's argument values as graphql-js's getArgumentValues gives them, where every argument is
 * given as a variable: a variable's coerced value when it was given, else the argument's default, else
 * nothing. Undefined where graphql-js would refuse (a null or missing value for a non-null argument),
 * so that it is asked and says why.
 */
export function variableArgumentValues(field: GraphQLField<unknown, unknown>, variables: ReadonlyMap<string, string>, coerced: Record<string, unknown>): Record<string, unknown> | undefined {
  const values: Record<string, unknown> = {};
  for (const arg of field.args) {
    const variable = variables.get(arg.name);
    if (variable !== undefined && Object.hasOwn(coerced, variable)) {
      const value = coerced[variable];
      if (value === undefined || (value === null && isNonNullType(arg.type))) return undefined;
      values[arg.name] = value;
    } else if (arg.defaultValue !== undefined) {
      values[arg.name] = arg.defaultValue;
    } else if (isNonNullType(arg.type)) {
      return undefined;
    }
  }
  return values;
}

/** The argument sites of each operation, found once: an operation is parsed once per query text and asked again and again. */
const sitesOf = new WeakMap<OperationDefinitionNode, { schema: GraphQLSchema; sites: ArgumentSite[] }>();

/** The fields with arguments an operation selects, in document order; each fragment counted once, however often it is spread. */
function argumentSites(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): ArgumentSite[] {
  const known = sitesOf.get(operation);
  if (known !== undefined && known.schema === schema) return known.sites;
  const sites: ArgumentSite[] = [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  const seen = new Set<string>();
  const walk = (selectionSet: SelectionSetNode, parent: GraphQLNamedType) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!(isObjectType(parent) || isInterfaceType(parent))) continue;
        const field = parent.getFields()[selection.name.value];
        if (!field) continue;
        if (field.args.length > 0 && selection.arguments && selection.arguments.length > 0) sites.push({ field, node: selection, variables: argumentVariables(selection) });
        const type = getNamedType(field.type);
        if (selection.selectionSet && isCompositeType(type)) walk(selection.selectionSet, type);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type) walk(selection.selectionSet, type);
      } else {
        const name = selection.name.value;
        if (seen.has(name)) continue;
        seen.add(name);
        const fragment = fragments.get(name);
        const type = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
        if (fragment && type) walk(fragment.selectionSet, type);
      }
    }
  };
  if (root) walk(operation.selectionSet, root);
  sitesOf.set(operation, { schema, sites });
  return sites;
}

/**
 * Coerces the operation's variables and checks every argument of every field it selects; throws
 * BAD_USER_INPUT naming the first field at fault.
 */
export function checkInputs(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, rawVariables: Record<string, unknown> | undefined): void {
  const coerced = coerceVariables(schema, operation, rawVariables, { maxErrors: 10 });
  if (coerced.errors !== undefined) {
    const [first] = coerced.errors;
    const variable = /Variable "\$(\w+)"/.exec(first?.message ?? '')?.[1];
    // graphql-js's sentence about the first variable: its templates are in the translation catalogue.
    const problem = (first?.message ?? msg`The variables are invalid.`) as Message;
    const more = coerced.errors.length - 1;
    const message = more === 0 ? problem : more === 1 ? msg`${problem} (and 1 more problem with the variables)` : msg`${problem} (and ${more} more problems with the variables)`;
    throw badUserInput(variable === undefined ? 'variables' : `$${variable}`, message);
  }
  for (const { field, node, variables } of argumentSites(schema, document, operation)) {
    // Arguments given as variables are the variables' coerced values: graphql-js builds them only for literals.
    const values = (variables === null ? undefined : variableArgumentValues(field, variables, coerced.coerced)) ?? getArgumentValues(field, node, coerced.coerced);
    for (const arg of field.args) checkValue(values[arg.name], arg.type, arg.name, arg.name);
  }
}
