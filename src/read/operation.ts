import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Viewer } from '../auth/viewer.js';
import { columnText, executeRows, type Queryable, type ReadOptions, type RowReader } from '../db/client.js';
import { type Visibility, visibility } from '../db/scope.js';
import { calendarDate } from '../domain/shared/dates.js';
import { fromGlobalId } from '../domain/shared/ids.js';
import type { Args, ReadEnv, RootModel, TableModel } from './model.js';
import { nodeModels, rootModels } from './registry.js';
import { type Post, projector, type RenderScope, renderConnection, renderObject, Uncompilable } from './render.js';
import { type CollectedField, collectFields, subSelections } from './selection.js';
import { LiveEnv, type Plan, type PlannedRoot, planOf, type RequestShape, requestShape, parametersFor } from './plans.js';
import { whereAll } from '../db/pagination.js';
import { msg } from '../i18n/message.js';
import { coerceVariables } from './variables.js';

/** At most this many ids in one `nodes` lookup (as the resolver says). */
export const MAX_NODES = 100;

export interface ReadRequest {
  /** Runs the operation's statement as the viewer. */
  reader: RowReader;
  viewer: Viewer;
  now: Date;
  timeZone: string;
  /** Told why the operation is left to graphql-js (an error to give, a field the viewer may not read). */
  declined?: (reason: string) => void;
  /** Told when the answer came from a plan. */
  planned?: () => void;
}

/** A request's environment, with today and the tenancy conditions worked out on first use. */
class RequestEnv implements ReadEnv {
  private todayText: string | undefined;
  private visible: Visibility | undefined;

  constructor(
    readonly viewer: Viewer,
    readonly now: Date,
    readonly timeZone: string,
  ) {}

  get today(): string {
    this.todayText ??= calendarDate(this.now, this.timeZone);
    return this.todayText;
  }

  get scope(): Visibility {
    this.visible ??= visibility(this.viewer);
    return this.visible;
  }
}

/** The request's environment; today and the tenancy conditions are worked out only if a rendering asks (a plan needs neither). */
export function readEnv(request: Pick<ReadRequest, 'viewer' | 'now' | 'timeZone'>): ReadEnv {
  return new RequestEnv(request.viewer, request.now, request.timeZone);
}

/**
 * One root field's answer: SQL for its JSON, with what its statement's prelude must set first (the
 * activity horizon), or JSON text computed without a statement.
 */
type RootAnswer = { sql: SQL; post?: Post; prelude?: string; byKey?: true } | { text: string };

/**
 * What the prelude of a statement that reads records by key alone (node, nodes) also sets: one
 * plan for every key. PostgreSQL otherwise weighs a plan for each execution's values against its
 * generic plan, and under load it planned a contract by id again for most executions, which cost
 * more than running it (0.27-0.38 ms of its CPU per read against 0.16-0.17 ms with one plan). A
 * key picks one row whatever its value, so its values have nothing to tell the planner; a page's
 * filters and sort do, and pages keep PostgreSQL's choice.
 */
export const GENERIC_PLAN = "set_config('plan_cache_mode', 'force_generic_plan', true)";

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

function answerRoot(scope: RenderScope, root: RootModel, field: CollectedField): RootAnswer {
  if (root.roles !== undefined && !root.roles.some((r) => scope.env.viewer.roles.includes(r))) throw new Uncompilable(`forbidden: ${field.name}`);
  const query = scope.schema.getQueryType()!;
  const definition = query.getFields()[field.name]!;
  const args = getArgumentValues(definition, field.nodes[0]!, scope.variables);
  const sets = subSelections(field);
  switch (root.kind) {
    case 'choice': {
      const type = getNamedType(definition.type).name;
      const selected = new Set([...collectFields(scope, type, sets).values()].map((f) => f.name));
      return answerRoot(scope, root.choose(selected), field);
    }
    case 'connection': {
      const answer = renderConnection(scope, root.connection(), field, args);
      return root.prelude === undefined ? answer : { ...answer, prelude: root.prelude.set() };
    }
    case 'inline':
      return renderObject(scope, root.target(), sets);
    case 'computed':
      return { text: JSON.stringify(projector(scope, definition.type, sets)(root.compute(scope.env, args))) };
    case 'node': {
      const node = nodeJson(scope, args.id, sets);
      return node.absent ? { text: 'null' } : { sql: node.sql, post: node.post, byKey: true };
    }
    case 'nodes': {
      const ids = args.ids as unknown[];
      if (ids.length > MAX_NODES) throw new GraphQLError(msg`ids holds at most ${MAX_NODES} ids; got ${ids.length}.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'ids' } });
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
        byKey: true,
      };
    }
  }
}

/** Root fields' answers in the query's order. */
function renderRoots(scope: RenderScope, operation: OperationDefinitionNode): [string, RootAnswer][] {
  const answers: [string, RootAnswer][] = [];
  for (const field of collectFields(scope, 'Query', [operation.selectionSet]).values()) {
    if (field.name === '__typename') {
      answers.push([field.key, { text: '"Query"' }]);
      continue;
    }
    const root = rootModels[field.name];
    if (root === undefined) throw new Uncompilable(`not modelled: Query.${field.name}`);
    answers.push([field.key, answerRoot(scope, root, field)]);
  }
  return answers;
}

/** The one statement of an operation: each root field that reads the database, as a text column r0, r1, ... */
function statementOf(answers: [string, RootAnswer][]): SQL | null {
  const statements = answers.flatMap(([, a]) => ('sql' in a ? [a.sql] : []));
  if (statements.length === 0) return null;
  return sql`select ${sql.join(
    statements.map((s, i) => sql`(${s})::text as ${sql.raw(`r${i}`)}`),
    sql`, `,
  )}`;
}

/**
 * How the statement of these root fields runs: its prelude sets what they need (the activity
 * horizon), each once; when every root reads by key, one plan for every key, and the statement is
 * brief (ReadOptions).
 */
function readOptionsOf(answers: [string, RootAnswer][]): ReadOptions {
  const items = new Set(answers.flatMap(([, a]) => ('prelude' in a && a.prelude !== undefined ? [a.prelude] : [])));
  const reading = answers.filter(([, a]) => 'sql' in a);
  const byKey = reading.length > 0 && reading.every(([, a]) => 'byKey' in a && a.byKey === true);
  if (byKey) items.add(GENERIC_PLAN);
  return { ...(items.size === 0 ? {} : { also: [...items].join(', ') }), ...(byKey ? { brief: true } : {}) };
}

/** Where each root field's answer comes from: a column of the statement, or text already made. */
function plannedRoots(answers: [string, RootAnswer][]): PlannedRoot[] {
  let column = 0;
  return answers.map(([key, a]) => ('text' in a ? { key, text: a.text } : { key, column: column++ }));
}

/**
 * JSON text in pieces, as they are written: text made here and the statement's columns as they came
 * from the database (bytes on PostgreSQL), so that a page is never decoded and encoded again.
 */
export type JsonPieces = (string | Uint8Array)[];

/** The pieces as one string (a WebSocket message, a test). */
export function jsonText(pieces: JsonPieces): string {
  return pieces.map(columnText).join('');
}

type Row = readonly (Uint8Array | string | null)[];

/** The `data` JSON from the statement's row, in pieces. */
function assemble(roots: PlannedRoot[], posts: (Post | undefined)[], row: Row): JsonPieces {
  const pieces: JsonPieces = [];
  for (const [i, root] of roots.entries()) {
    pieces.push(`${i === 0 ? '{' : ','}"${root.key}":`);
    if ('text' in root) {
      pieces.push(root.text);
      continue;
    }
    const column = row[root.column] ?? null;
    const post = posts[i];
    if (column === null) pieces.push('null');
    else if (post === undefined) pieces.push(column);
    else pieces.push(JSON.stringify(post(JSON.parse(jsonText([column])))));
  }
  pieces.push(roots.length === 0 ? '{}' : '}');
  return pieces;
}

const dialect = new PgDialect();

async function run(reader: RowReader, statement: SQL | null, options: ReadOptions): Promise<Row> {
  if (statement === null) return [];
  const { sql: text, params } = dialect.sqlToQuery(statement);
  return (await reader(text, params, options)) ?? [];
}

let planning: 'on' | 'off' | 'eager' = 'on';

/** When queries are planned: on a shape's second sighting (on), never (off), or on the first (eager, tests). */
export function setPlanning(mode: 'on' | 'off' | 'eager'): void {
  planning = mode;
}

/** Plans by operation (Apollo keeps one parsed document per query text) and request shape; 'seen' once, or not plannable. */
const plans = new WeakMap<OperationDefinitionNode, Map<string, Plan | 'seen' | 'unplanned'>>();
const PLANS_PER_OPERATION = 64;

function remember(operation: OperationDefinitionNode, key: string, value: Plan | 'seen' | 'unplanned'): void {
  let known = plans.get(operation);
  if (known === undefined) {
    known = new Map();
    plans.set(operation, known);
  }
  if (!known.has(key) && known.size >= PLANS_PER_OPERATION) known.delete(known.keys().next().value!);
  known.set(key, value);
}

/** A plan from two stand-in renderings (src/read/plans.ts), or 'unplanned'. */
function makePlan(schema: GraphQLSchema, fragments: Record<string, FragmentDefinitionNode>, operation: OperationDefinitionNode, request: RequestShape): Plan | 'unplanned' {
  const shape = request.sides();
  const sides = [];
  let read: ReadOptions = {};
  // The finishing steps of side 0 are the plan's: they read the env of the request they finish.
  const live = new LiveEnv(shape.envs[0]);
  let posts: (Post | undefined)[] = [];
  // Arguments of the fields TypeScript rules compute, per side: a step is kept only if they are the
  // same on both (a rule given a stand-in, an id say, could not be run for another request).
  const computed: [Args[], Args[]] = [[], []];
  for (const side of [0, 1] as const) {
    const scope: RenderScope = { schema, fragments, variables: shape.variables[side], env: side === 0 ? live : shape.envs[side], embedded: false, computing: (args) => computed[side].push(args) };
    let rendered: ReturnType<typeof renderRoots>;
    try {
      rendered = renderRoots(scope, operation);
    } catch {
      return 'unplanned';
    }
    if (side === 0) {
      posts = rendered.map(([, a]) => ('post' in a ? a.post : undefined));
      read = readOptionsOf(rendered);
    }
    sides.push({ statement: statementOf(rendered), roots: plannedRoots(rendered) });
  }
  if (JSON.stringify(computed[0]) !== JSON.stringify(computed[1])) return 'unplanned';
  const plan = planOf(shape, [sides[0]!, sides[1]!]);
  return plan === null ? 'unplanned' : { ...plan, read, posts, live };
}

/**
 * Answers a query operation from read models: one SQL statement builds the `data` JSON of every root
 * field (the activity feed's horizon is read by its prelude), returned as text without being parsed unless a
 * TypeScript rule finishes part of it. Null when the operation must be executed by graphql-js instead:
 * a field the viewer may not read, arguments or variables that are refused, introspection. The
 * executed path then gives the same errors it always gives. An operation asked again in the same
 * shape runs its plan (src/read/plans.ts) without being rendered again.
 */
export async function answerQuery(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> | undefined,
  request: ReadRequest,
): Promise<JsonPieces | null> {
  if (operation.operation !== 'query') return null;
  const coerced = coerceVariables(schema, operation, rawVariables);
  if (coerced.errors !== undefined) return null;
  const env = readEnv(request);
  const shape = requestShape(schema, operation, coerced.coerced, env);
  const known = plans.get(operation)?.get(shape.key);
  if (known !== undefined && known !== 'seen' && known !== 'unplanned') {
    request.planned?.();
    const row = known.text === '' ? [] : ((await request.reader(known.text, parametersFor(known, env, coerced.coerced), known.read)) ?? []);
    return known.live.during(env, () => assemble(known.roots, known.posts, row));
  }
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const scope: RenderScope = { schema, fragments, variables: coerced.coerced, env, embedded: false };
  let answers: [string, RootAnswer][];
  try {
    answers = renderRoots(scope, operation);
  } catch (error) {
    if (error instanceof Uncompilable || error instanceof GraphQLError) {
      request.declined?.(error instanceof GraphQLError ? `refused: ${error.message}` : error.message);
      return null;
    }
    throw error;
  }
  const data = assemble(
    plannedRoots(answers),
    answers.map(([, a]) => ('post' in a ? a.post : undefined)),
    await run(request.reader, statementOf(answers), readOptionsOf(answers)),
  );
  // Seen twice in this shape: worth a plan.
  if (planning === 'off') return data;
  if (known === undefined && planning === 'on') remember(operation, shape.key, 'seen');
  else if (known === 'seen' || known === undefined) remember(operation, shape.key, makePlan(schema, fragments, operation, shape));
  return data;
}

/** The fields a selection asks of an object type's rows, for a read after a write (src/read/embedded.ts). */
export async function readRecord(
  schema: GraphQLSchema,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  sets: readonly (SelectionSetNode | undefined)[],
  model: TableModel,
  where: SQL,
  request: Pick<ReadRequest, 'viewer' | 'now' | 'timeZone'> & { db: Queryable },
): Promise<unknown> {
  if (!isObjectType(schema.getType(model.type))) throw new Error(`${model.type} is not an object type`);
  const scope: RenderScope = { schema, fragments, variables, env: readEnv(request), embedded: true };
  const row = renderObject(scope, model, sets);
  const [result] = await executeRows<{ json: unknown }>(request.db, sql`select ${row.sql} as json from ${model.from} where ${whereAll(where, model.scope(scope.env))}`);
  if (result === undefined) return null;
  const value = typeof result.json === 'string' ? JSON.parse(result.json) : result.json;
  return row.post === undefined ? value : row.post(value);
}
