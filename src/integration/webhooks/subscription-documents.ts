import {
  createSourceEventStream,
  type DocumentNode,
  execute,
  type GraphQLSchema,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  parse,
  specifiedRules,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { hasAnyRole, type Viewer } from '../../auth/viewer.js';
import { type Context, contextWith } from '../../context.js';
import { type Message, msg } from '../../i18n/message.js';
import { operationLimitRules } from '../../limits/operation-limits.js';
import type { Fields, InlineModel, TableModel } from '../../read/model.js';
import { nodeModels, rootModels } from '../../read/registry.js';
import type { HubEvent, SubscriptionSpec } from '../../realtime/hub.js';

/**
 * Webhook payloads defined by a GraphQL subscription document, as Saleor does: the endpoint's owner
 * writes `subscription { deliveryUpdated(orderId: …) { delivery { number status } event { status } } }`
 * and receives, for each event that subscription would deliver, what it would deliver: the same
 * filter (the field's own `subscribe`), the same resolvers, the same tenancy (run as the owner).
 */

/** The longest document an endpoint keeps. */
export const MAX_WEBHOOK_QUERY_LENGTH = 10_000;

/** The field rules of every read model, by type: who may read a field (src/read/model.ts). */
function fieldRulesByType(): Map<string, Fields> {
  const byType = new Map<string, Fields>();
  const visitModel = (model: TableModel | InlineModel) => {
    if (byType.has(model.type)) return;
    byType.set(model.type, model.fields);
    for (const field of Object.values(model.fields)) {
      if (field.kind === 'object' || field.kind === 'list') visitModel(field.target());
      else if (field.kind === 'inline') visitModel(field.target());
      else if (field.kind === 'oneOf') for (const branch of field.branches()) visitModel(branch.model);
      else if (field.kind === 'connection') visitModel(field.connection().node());
    }
  };
  for (const model of Object.values(nodeModels)) if (model !== undefined) visitModel(model);
  for (const root of Object.values(rootModels)) {
    if (root.kind === 'connection') visitModel(root.connection().node());
    if (root.kind === 'inline') visitModel(root.target());
  }
  return byType;
}

let rules: Map<string, Fields> | null = null;

/** A field of the document the viewer may not read, by the read models' rules; null when there is none. */
function forbiddenField(schema: GraphQLSchema, document: DocumentNode, viewer: Viewer): string | null {
  rules ??= fieldRulesByType();
  const known = rules;
  const typeInfo = new TypeInfo(schema);
  let forbidden: string | null = null;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (parent == null || forbidden !== null) return;
        const field = known.get(parent.name)?.[node.name.value];
        if (field?.roles !== undefined && !hasAnyRole(viewer, field.roles)) forbidden = `${parent.name}.${node.name.value}`;
      },
    }),
  );
  return forbidden;
}

/** A context whose hub hands back the subscription's spec instead of subscribing. */
function capturing(context: Context, capture: (spec: SubscriptionSpec) => void): Context {
  const hub = {
    subscribe(spec: SubscriptionSpec) {
      capture(spec);
      return (async function* nothing() {})();
    },
  };
  // A subscription field calls only subscribe on its context's hub.
  return contextWith(context, { hub: hub as unknown as Context['hub'] });
}

/** The spec the document's subscription field builds for this context's viewer: which events it delivers. */
export async function subscriptionSpec(schema: GraphQLSchema, document: DocumentNode, context: Context): Promise<SubscriptionSpec> {
  let spec: SubscriptionSpec | null = null;
  const stream = await createSourceEventStream({ schema, document, contextValue: capturing(context, (s) => (spec = s)) });
  if (!(Symbol.asyncIterator in stream)) throw stream.errors?.[0] ?? new Error('subscription refused');
  if (spec === null) throw new Error('the subscription field did not subscribe');
  return spec;
}

/**
 * Why a document cannot define an endpoint's payload, for its owner; null when it can: one
 * subscription operation of one field, no variables, valid against the schema and the operation
 * limits, every field readable by the owner, and the field's arguments accepted.
 */
export async function subscriptionDocumentProblem(schema: GraphQLSchema, query: string, context: Context): Promise<Message | null> {
  if (query.length > MAX_WEBHOOK_QUERY_LENGTH) return msg`A webhook query has at most ${MAX_WEBHOOK_QUERY_LENGTH} characters.`;
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: 2_000 });
  } catch (error) {
    return msg`The query does not parse: ${(error as GraphQLError).message}`;
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || operations[0]!.operation !== 'subscription') return msg`A webhook query is one subscription operation, e.g. subscription { deliveryUpdated { delivery { number status } } }.`;
  const operation = operations[0]!;
  if ((operation.variableDefinitions?.length ?? 0) > 0) return msg`A webhook query takes no variables: write the arguments' values in it.`;
  const errors = validate(schema, document, [...specifiedRules, ...operationLimitRules]);
  if (errors.length > 0) return msg`The query is not valid: ${errors[0]!.message}`;
  const forbidden = forbiddenField(schema, document, context.viewer!);
  if (forbidden !== null) return msg`The endpoint's owner may not read ${forbidden}.`;
  try {
    await subscriptionSpec(schema, document, context);
  } catch (error) {
    return msg`The subscription is refused: ${error instanceof GraphQLError ? error.message : 'its arguments are not accepted'}`;
  }
  return null;
}

/** The `data` (and `errors`) the document gives for one event, as its owner. */
export async function subscriptionPayload(schema: GraphQLSchema, document: DocumentNode, event: HubEvent, context: Context): Promise<{ data: unknown; errors?: unknown[] }> {
  const result = await execute({ schema, document, rootValue: event, contextValue: context });
  return result.errors === undefined ? { data: result.data ?? null } : { data: result.data ?? null, errors: result.errors.map((e) => ({ message: e.message, path: e.path, extensions: { code: e.extensions.code } })) };
}

/** Documents parsed once per text. */
const parsed = new Map<string, DocumentNode>();

export function documentOf(query: string): DocumentNode {
  let document = parsed.get(query);
  if (document === undefined) {
    document = parse(query);
    if (parsed.size > 1_000) parsed.clear();
    parsed.set(query, document);
  }
  return document;
}

