import { type SQL, sql } from 'drizzle-orm';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Viewer } from '../auth/viewer.js';
import { executeRows, type Queryable } from '../db/client.js';
import { visibility } from '../db/scope.js';
import { calendarDate } from '../domain/shared/dates.js';
import { fromGlobalId } from '../domain/shared/ids.js';
import type { ConnectionModel, ReadEnv, RootModel, TableModel } from './model.js';
import { nodeModels, rootModels } from './registry.js';
import { type Post, project, type RenderScope, renderConnection, renderObject, Uncompilable } from './render.js';
import { type CollectedField, collectFields, subSelections } from './selection.js';
import { whereAll } from '../db/pagination.js';

/** At most this many ids in one `nodes` lookup (as the resolver says). */
export const MAX_NODES = 100;

export interface ReadRequest {
  db: Queryable;
  viewer: Viewer;
  now: Date;
  timeZone: string;
  /** Told why the operation is left to graphql-js (an error to give, a field the viewer may not read). */
  declined?: (reason: string) => void;
}

export function readEnv(request: Pick<ReadRequest, 'viewer' | 'now' | 'timeZone'>): ReadEnv {
  return { viewer: request.viewer, now: request.now, timeZone: request.timeZone, today: calendarDate(request.now, request.timeZone), scope: visibility(request.viewer) };
}

/** One root field's answer: SQL for its JSON, or JSON text computed without a statement. */
type RootAnswer = { sql: SQL; post?: Post } | { text: string };

/** A node by global id; `absent` for an id of no node type, which needs no statement. */
function nodeJson(scope: RenderScope, globalId: unknown, sets: readonly (SelectionSetNode | undefined)[]): { sql: SQL; post?: Post; absent?: true } {
  const decoded = typeof globalId === 'string' ? fromGlobalId(globalId) : null;
  const model: TableModel | undefined = decoded === null ? undefined : nodeModels[decoded.type];
  if (decoded === null || model === undefined || model.key === undefined) return { sql: sql`null::json`, absent: true };
  const row = renderObject(scope, model, sets);
  const post = row.post;
  return {
    sql: sql`(select ${row.sql} from ${model.from} where ${whereAll(sql`${model.key} = ${decoded.id}`, model.scope(scope.env))})`,
    post: post === undefined ? undefined : (value) => (value === null ? null : post(value)),
  };
}

async function answerRoot(scope: RenderScope, db: Queryable, root: RootModel, field: CollectedField): Promise<RootAnswer> {
  if (root.roles !== undefined && !root.roles.some((r) => scope.env.viewer.roles.includes(r))) throw new Uncompilable(`forbidden: ${field.name}`);
  const query = scope.schema.getQueryType()!;
  const definition = query.getFields()[field.name]!;
  const args = getArgumentValues(definition, field.nodes[0]!, scope.variables);
  const sets = subSelections(field);
  switch (root.kind) {
    case 'choice': {
      const type = getNamedType(definition.type).name;
      const selected = new Set([...collectFields(scope, type, sets).values()].map((f) => f.name));
      return answerRoot(scope, db, root.choose(selected), field);
    }
    case 'connection':
      return renderConnection(scope, root.connection(), field, args);
    case 'prepared': {
      const prepared = await root.prepare(db);
      return renderConnection(scope, (root.connection as (p: unknown) => ConnectionModel)(prepared), field, args);
    }
    case 'inline':
      return renderObject(scope, root.target(), sets);
    case 'computed':
      return { text: JSON.stringify(project(scope, root.compute(scope.env, args), definition.type, sets)) };
    case 'node': {
      const node = nodeJson(scope, args.id, sets);
      return node.absent ? { text: 'null' } : node;
    }
    case 'nodes': {
      const ids = args.ids as unknown[];
      if (ids.length > MAX_NODES) throw new GraphQLError('too many ids');
      if (ids.length === 0) return { text: '[]' };
      const nodes = ids.map((id) => nodeJson(scope, id, sets));
      if (nodes.every((n) => n.absent)) return { text: JSON.stringify(nodes.map(() => null)) };
      const finishing = nodes.some((n) => n.post !== undefined);
      return {
        sql: sql`json_build_array(${sql.join(
          nodes.map((n) => n.sql),
          sql`, `,
        )})`,
        post: finishing ? (values: unknown[]) => values.map((v, i) => (nodes[i]!.post === undefined ? v : nodes[i]!.post!(v))) : undefined,
      };
    }
  }
}

/**
 * Answers a query operation from read models: one SQL statement builds the `data` JSON of every root
 * field (the activity feed first reads its horizon), returned as text without being parsed unless a
 * TypeScript rule finishes part of it. Null when the operation must be executed by graphql-js instead:
 * a field the viewer may not read, arguments or variables that are refused, introspection. The
 * executed path then gives the same errors it always gives.
 */
export async function answerQuery(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> | undefined,
  request: ReadRequest,
): Promise<string | null> {
  if (operation.operation !== 'query') return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  if (coerced.errors !== undefined) return null;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const scope: RenderScope = { schema, fragments, variables: coerced.coerced, env: readEnv(request), embedded: false };
  const answers: [string, RootAnswer][] = [];
  try {
    for (const field of collectFields(scope, 'Query', [operation.selectionSet]).values()) {
      if (field.name === '__typename') {
        answers.push([field.key, { text: '"Query"' }]);
        continue;
      }
      const root = rootModels[field.name];
      if (root === undefined) throw new Uncompilable(`not modelled: Query.${field.name}`);
      answers.push([field.key, await answerRoot(scope, request.db, root, field)]);
    }
  } catch (error) {
    if (error instanceof Uncompilable || error instanceof GraphQLError) {
      request.declined?.(error instanceof GraphQLError ? `refused: ${error.message}` : error.message);
      return null;
    }
    throw error;
  }
  const statements = answers.flatMap(([, a]) => ('sql' in a ? [a.sql] : []));
  const row =
    statements.length === 0
      ? {}
      : (
          await executeRows<Record<string, string | null>>(
            request.db,
            sql`select ${sql.join(
              statements.map((s, i) => sql`(${s})::text as ${sql.raw(`r${i}`)}`),
              sql`, `,
            )}`,
          )
        )[0]!;
  let column = 0;
  const parts: string[] = [];
  for (const [key, a] of answers) {
    let text: string;
    if ('text' in a) text = a.text;
    else {
      text = row[`r${column++}`] ?? 'null';
      if (a.post !== undefined && text !== 'null') text = JSON.stringify(a.post(JSON.parse(text)));
    }
    parts.push(`"${key}":${text}`);
  }
  return `{${parts.join(',')}}`;
}

/** The fields a selection asks of an object type's rows, for a read after a write (src/read/embedded.ts). */
export async function readRecord(
  schema: GraphQLSchema,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  sets: readonly (SelectionSetNode | undefined)[],
  model: TableModel,
  where: SQL,
  request: ReadRequest,
): Promise<unknown> {
  if (!isObjectType(schema.getType(model.type))) throw new Error(`${model.type} is not an object type`);
  const scope: RenderScope = { schema, fragments, variables, env: readEnv(request), embedded: true };
  const row = renderObject(scope, model, sets);
  const [result] = await executeRows<{ json: unknown }>(request.db, sql`select ${row.sql} as json from ${model.from} where ${whereAll(where, model.scope(scope.env))}`);
  if (result === undefined) return null;
  const value = typeof result.json === 'string' ? JSON.parse(result.json) : result.json;
  return row.post === undefined ? value : row.post(value);
}
