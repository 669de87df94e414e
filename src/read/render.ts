import { and, type SQL, sql } from 'drizzle-orm';
import {
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  getArgumentValues,
  getNamedType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type SelectionSetNode,
} from 'graphql';
import { hasAnyRole } from '../auth/viewer.js';
import { pageWindow } from '../db/pagination.js';
import { type Args, type Branch, type ConnectionModel, type FieldModel, type InlineModel, once, type ReadEnv, render, type TableModel } from './model.js';
import { type CollectedField, collectFields, type SelectionScope, subSelections } from './selection.js';
import { jsonArray, jsonObject, literal } from './sql.js';

/**
 * Raised for what the compiled path does not answer itself: a field the viewer may not read, or one
 * without a read model. The query is then executed by graphql-js, which gives the error it always gives.
 */
export class Uncompilable extends Error {}

/** The key under which objects carry their type name when graphql-js reads them (a payload's record). */
export const TYPE_KEY = '$$typename';

export interface RenderScope extends SelectionScope {
  env: ReadEnv;
  /** Every object carries TYPE_KEY: graphql-js resolves a mutation payload's record from it (src/read/embedded.ts). */
  embedded: boolean;
  /** Hears the arguments of every field a TypeScript rule computes (a plan keeps its steps only if they match: src/read/operation.ts). */
  computing?: (args: Args) => void;
}

/** A step that finishes a value after the statement (TypeScript rules); applied to the parsed JSON. */
// biome-ignore lint/suspicious/noExplicitAny: it walks JSON the statement built, whose shape the selection decides
export type Post = (value: any) => unknown;

/** SQL that builds a value's JSON, and the step that finishes it when a TypeScript rule computes part of it. */
export interface Rendered {
  sql: SQL;
  post?: Post;
}

const whereOf = (...conditions: (SQL | undefined)[]): SQL => and(...conditions) ?? sql`true`;

/** Finishes the keys of an object that TypeScript rules complete; undefined when none does. */
function finishKeys(posts: readonly [string, Post][]): Post | undefined {
  if (posts.length === 0) return undefined;
  return (value: Record<string, unknown>) => {
    for (const [key, step] of posts) value[key] = step(value[key]);
    return value;
  };
}

const orNull = (post: Post | undefined): Post | undefined => (post === undefined ? undefined : (v) => (v === null ? null : post(v)));
const eachOf = (post: Post | undefined): Post | undefined => (post === undefined ? undefined : (v: unknown[]) => v.map(post));

function objectType(scope: RenderScope, name: string): GraphQLObjectType {
  const type = scope.schema.getType(name);
  if (!isObjectType(type)) throw new Error(`${name} is not an object type`);
  return type;
}

/** The JSON of one row of `model` (in the scope of its FROM, or its parent's for an inline model) for a selection on its type. */
export function renderObject(scope: RenderScope, model: TableModel | InlineModel, sets: readonly (SelectionSetNode | undefined)[], withType = scope.embedded): Rendered {
  const type = objectType(scope, model.type);
  const pairs: [string, SQL][] = [];
  const posts: [string, Post][] = [];
  if (withType) pairs.push([TYPE_KEY, literal(model.type)]);
  for (const field of collectFields(scope, model.type, sets).values()) {
    if (field.name === '__typename') {
      pairs.push([field.key, literal(model.type)]);
      continue;
    }
    const definition = type.getFields()[field.name];
    const fieldModel = model.fields[field.name];
    if (definition === undefined || fieldModel === undefined) throw new Uncompilable(`not modelled: ${model.type}.${field.name}`);
    const rendered = renderField(scope, fieldModel, definition, field);
    pairs.push([field.key, rendered.sql]);
    if (rendered.post) posts.push([field.key, rendered.post]);
  }
  return { sql: jsonObject(pairs), post: finishKeys(posts) };
}

function argumentsOf(scope: RenderScope, definition: GraphQLField<unknown, unknown>, field: CollectedField): Args {
  // Throws the GraphQLError graphql-js would give for arguments that do not coerce.
  return getArgumentValues(definition, field.nodes[0]!, scope.variables);
}

function checkRules(scope: RenderScope, model: Pick<FieldModel, 'roles'>, what: string): void {
  if (model.roles !== undefined && !hasAnyRole(scope.env.viewer, model.roles)) throw new Uncompilable(`forbidden: ${what}`);
}

function renderField(scope: RenderScope, model: FieldModel, definition: GraphQLField<unknown, unknown>, field: CollectedField): Rendered {
  checkRules(scope, model, field.name);
  if (model.visible !== undefined && !model.visible(scope.env)) return { sql: sql`null` };
  const args = argumentsOf(scope, definition, field);
  const sets = subSelections(field);
  const env = scope.env;
  switch (model.kind) {
    case 'value':
      return { sql: render(model.value, env, args) };
    case 'object': {
      const target = model.target();
      const row = renderObject(scope, target, sets);
      const where = whereOf(render(model.on, env, args), model.implied === undefined ? target.scope(env) : undefined);
      const first = model.orderBy === undefined ? sql`` : sql` order by ${once(model.orderBy)} limit 1`;
      return { sql: sql`(select ${row.sql} from ${once(target.from)} where ${where}${first})`, post: orNull(row.post) };
    }
    case 'list': {
      const target = model.target();
      const row = renderObject(scope, target, sets);
      const where = whereOf(render(model.on, env, args), model.implied === undefined ? target.scope(env) : undefined);
      if (model.limit === undefined) return { sql: sql`(select ${jsonArray(row.sql, once(model.orderBy))} from ${once(target.from)} where ${where})`, post: eachOf(row.post) };
      const rows = sql`select ${row.sql} as j, row_number() over (order by ${model.orderBy}) as n from ${target.from} where ${where} order by ${model.orderBy} limit ${sql.raw(String(typeof model.limit === 'function' ? model.limit(args) : model.limit))}`;
      return { sql: sql`(select ${jsonArray(sql.raw('listed.j'), sql.raw('listed.n'))} from (${rows}) as listed)`, post: eachOf(row.post) };
    }
    case 'inline':
      return renderObject(scope, model.target(), sets);
    case 'oneOf':
      return renderOneOf(scope, model.branches(), sets, args);
    case 'connection':
      return renderConnection(scope, model.connection(), field, args, render(model.on, env, args));
    case 'computed': {
      const compute = model.compute as (inputs: unknown, env: ReadEnv, args: Args) => unknown;
      scope.computing?.(args);
      const finish = projector(scope, definition.type, sets);
      return { sql: render(model.inputs, env, args), post: (inputs) => finish(compute(inputs, env, args)) };
    }
  }
}

/** An interface-typed value: the branch whose condition holds, each with its own model and scope. */
export function renderOneOf(scope: RenderScope, branches: readonly Branch[], sets: readonly (SelectionSetNode | undefined)[], args: Args): Rendered {
  let rendered = branches.map((branch) => renderObject(scope, branch.model, sets));
  const finishing = rendered.some((r) => r.post !== undefined);
  // Which branch a value came from must be known to finish it.
  if (finishing && !scope.embedded) rendered = branches.map((branch) => renderObject(scope, branch.model, sets, true));
  const cases = branches.map(
    (branch, i) => sql`when ${render(branch.when, scope.env, args)} then (select ${rendered[i]!.sql} from ${once(branch.model.from)} where ${whereOf(render(branch.on, scope.env, args), branch.model.scope(scope.env))})`,
  );
  const posts = new Map(branches.map((branch, i) => [branch.model.type, rendered[i]!.post]));
  const post: Post | undefined = !finishing
    ? undefined
    : (value: Record<string, unknown> | null) => {
        if (value === null) return null;
        const step = posts.get(value[TYPE_KEY] as string);
        const done = (step ? step(value) : value) as Record<string, unknown>;
        if (!scope.embedded) delete done[TYPE_KEY];
        return done;
      };
  return { sql: sql`(case ${sql.join(cases, sql` `)} else null end)`, post };
}

/**
 * A Relay connection of `model` rows in one SQL expression: the page by keyset (both directions),
 * cursors, page info, and `totalCount` as a count of the matching rows when it is selected.
 * `on` joins the rows to a parent for nested connections.
 */
export function renderConnection(scope: RenderScope, model: ConnectionModel, field: CollectedField, args: Args, on?: SQL): Rendered {
  const node = model.node();
  const env = scope.env;
  const { forward, size } = pageWindow(args);
  const sort = model.sort(args);
  const cursorArg = (forward ? args.after : args.before) as string | null | undefined;
  const seek = cursorArg == null ? undefined : sort.seek(forward ? 'after' : 'before', cursorArg, forward !== sort.descending);
  const matching = whereOf(model.where(env, args), on);
  const direction = sql.raw(forward !== sort.descending ? 'asc' : 'desc');
  const orderBy = sql.join(
    sort.terms.map((term) => sql`${once(term)} ${direction}`),
    sql`, `,
  );
  const outputOrder = sql.raw(`page.n ${forward ? 'asc' : 'desc'}`);
  const reverseOrder = sql.raw(`page.n ${forward ? 'desc' : 'asc'}`);
  const within = sql.raw(`page.n <= ${size}`);
  const columns: SQL[] = [];
  let cursorNeeded = false;
  let rowsNeeded = false;
  const nodeColumn = (sets: readonly (SelectionSetNode | undefined)[]) => {
    const row = renderObject(scope, node, sets);
    const name = `v${columns.length}`;
    columns.push(sql`${row.sql} as ${sql.raw(name)}`);
    return { ref: sql.raw(`page.${name}`), post: row.post };
  };
  const type = objectType(scope, model.type);
  const pairs: [string, SQL][] = [];
  const posts: [string, Post][] = [];
  if (scope.embedded) pairs.push([TYPE_KEY, literal(model.type)]);
  for (const f of collectFields(scope, model.type, subSelections(field)).values()) {
    switch (f.name) {
      case '__typename':
        pairs.push([f.key, literal(model.type)]);
        break;
      case 'totalCount':
        pairs.push([f.key, sql`(select count(*) from ${once(node.from)} where ${matching})::int`]);
        break;
      case 'nodes': {
        rowsNeeded = true;
        const column = nodeColumn(subSelections(f));
        pairs.push([f.key, sql`coalesce(json_agg(${column.ref} order by ${outputOrder}) filter (where ${within}), '[]'::json)`]);
        if (column.post) posts.push([f.key, eachOf(column.post)!]);
        break;
      }
      case 'edges': {
        rowsNeeded = true;
        const edgeType = getNamedType(type.getFields().edges!.type).name;
        const edgePairs: [string, SQL][] = [];
        const edgePosts: [string, Post][] = [];
        if (scope.embedded) edgePairs.push([TYPE_KEY, literal(edgeType)]);
        for (const e of collectFields(scope, edgeType, subSelections(f)).values()) {
          if (e.name === '__typename') edgePairs.push([e.key, literal(edgeType)]);
          else if (e.name === 'cursor') {
            cursorNeeded = true;
            edgePairs.push([e.key, sql.raw('page.c')]);
          } else if (e.name === 'node') {
            const column = nodeColumn(subSelections(e));
            edgePairs.push([e.key, column.ref]);
            if (column.post) edgePosts.push([e.key, column.post]);
          } else throw new Uncompilable(`not modelled: ${edgeType}.${e.name}`);
        }
        pairs.push([f.key, sql`coalesce(json_agg(${jsonObject(edgePairs)} order by ${outputOrder}) filter (where ${within}), '[]'::json)`]);
        const edgePost = finishKeys(edgePosts);
        if (edgePost !== undefined) posts.push([f.key, eachOf(edgePost)!]);
        break;
      }
      case 'pageInfo': {
        rowsNeeded = true;
        const infoPairs: [string, SQL][] = [];
        if (scope.embedded) infoPairs.push([TYPE_KEY, literal('PageInfo')]);
        const more = sql.raw(`count(*) > ${size}`);
        const given = sql.raw(cursorArg == null ? 'false' : 'true');
        for (const i of collectFields(scope, 'PageInfo', subSelections(f)).values()) {
          if (i.name === '__typename') infoPairs.push([i.key, literal('PageInfo')]);
          else if (i.name === 'hasNextPage') infoPairs.push([i.key, forward ? more : given]);
          else if (i.name === 'hasPreviousPage') infoPairs.push([i.key, forward ? given : more]);
          else if (i.name === 'startCursor' || i.name === 'endCursor') {
            cursorNeeded = true;
            infoPairs.push([i.key, sql`(array_agg(page.c order by ${i.name === 'startCursor' ? outputOrder : reverseOrder}) filter (where ${within}))[1]`]);
          } else throw new Uncompilable(`not modelled: PageInfo.${i.name}`);
        }
        pairs.push([f.key, jsonObject(infoPairs)]);
        break;
      }
      default:
        throw new Uncompilable(`not modelled: ${model.type}.${f.name}`);
    }
  }
  const post = finishKeys(posts);
  if (!rowsNeeded) return { sql: sql`(select ${jsonObject(pairs)})`, post };
  if (cursorNeeded) columns.push(sql`${once(sort.cursor)} as c`);
  columns.push(sql`row_number() over (order by ${orderBy}) as n`);
  const limit = sql.raw(String(size === 0 ? 0 : size + 1));
  const page = sql`select ${sql.join(columns, sql`, `)} from ${once(node.from)} where ${whereOf(matching, seek)} order by ${orderBy} limit ${limit}`;
  // One group even for an empty page: the page info may hold no aggregate.
  return { sql: sql`(select ${jsonObject(pairs)} from (${page}) as page group by ())`, post };
}

type Projector = (value: unknown) => unknown;

/**
 * Projects values a TypeScript rule computed onto the query's selection, serialised as graphql-js
 * would. The selection is collected once, here: a finishing step runs for every row of a page (a
 * scorecard per supplier), and collecting the fields again for each cost more than the rule.
 */
export function projector(scope: RenderScope, type: GraphQLOutputType, sets: readonly (SelectionSetNode | undefined)[]): Projector {
  if (isNonNullType(type)) return projector(scope, type.ofType, sets);
  if (isListType(type)) {
    const item = projector(scope, type.ofType, sets);
    return (value) => (value === null || value === undefined ? null : (value as unknown[]).map(item));
  }
  if (isLeafType(type)) return (value) => (value === null || value === undefined ? null : type.serialize(value));
  if (!isObjectType(type)) {
    return (value) => {
      if (value === null || value === undefined) return null;
      throw new Uncompilable(`not modelled: a computed ${type.name}`);
    };
  }
  const fields = [...collectFields(scope, type.name, sets).values()].map((f) => ({
    key: f.key,
    name: f.name,
    project: f.name === '__typename' ? undefined : projector(scope, type.getFields()[f.name]!.type, subSelections(f)),
  }));
  const embedded = scope.embedded;
  return (value) => {
    if (value === null || value === undefined) return null;
    const out: Record<string, unknown> = {};
    if (embedded) out[TYPE_KEY] = type.name;
    for (const f of fields) out[f.key] = f.project === undefined ? type.name : f.project((value as Record<string, unknown>)[f.name]);
    return out;
  };
}
