import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { type DocumentNode, type FieldNode, type FragmentDefinitionNode, getArgumentValues, GraphQLError, getVariableValues, type GraphQLSchema, Kind, type OperationDefinitionNode } from 'graphql';
import type { Context } from '../context.js';
import type { Page } from '../db/pagination.js';
import { listOrderJson, type OrderJsonRow, orderConditions, type OrderSortField, orderJsonById } from '../db/queries/orders.js';
import { fromGlobalId } from '../domain/shared/ids.js';
import { decodeOrderFilter } from '../resolvers/filters.js';
import type { OrderFilter } from '../schema/orders.js';
import { type CollectedField, collectFields, subSelections } from '../resolvers/selection.js';
import { orderJson, type SelectionContext } from './order-json.js';

/**
 * A query compiled to SQL that builds its `data` as JSON text: for the hot portal reads (a page of
 * orders with lines, parts, deliveries and partner; an order by id), one statement per root field,
 * and no resolver, row mapping or serialisation work in the server. `run` answers with the `data`
 * JSON text, or null when this request must be executed by graphql-js instead: no viewer, variables
 * or arguments that do not coerce or validate, an id of another type. The executed path then gives
 * the same errors it always gives; the compiled path only ever answers what it answers in full.
 */
export interface CompiledRead {
  run(ctx: Context, variables: Record<string, unknown> | undefined): Promise<string | null>;
}

type RootAnswer = (ctx: Context, variables: Record<string, unknown>) => Promise<string | null>;
type OrderJsonPage = Page<OrderJsonRow>;

const dialect = new PgDialect();

/** Renders a parameterless expression once, so that each request only splices its text. */
function rendered(expression: SQL): SQL | null {
  const query = dialect.sqlToQuery(expression);
  return query.params.length === 0 ? sql.raw(query.sql) : null;
}

/** Compiles one operation of a validated document; null when any part of it is not covered. */
export function compileOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): CompiledRead | null {
  if (operation.operation !== 'query') return null;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const ctx: SelectionContext = { schema, fragments };
  const roots = collectFields(schema, fragments, 'Query', [operation.selectionSet]);
  if (roots === null) return null;
  const answers: [string, RootAnswer][] = [];
  for (const [key, field] of roots) {
    const answer = field.name === '__typename' ? async () => '"Query"' : field.name === 'orders' ? compileOrders(field, ctx) : field.name === 'node' ? compileOrderNode(field, ctx) : null;
    if (answer === null) return null;
    answers.push([key, answer]);
  }
  const definitions = operation.variableDefinitions ?? [];
  return {
    async run(context, raw) {
      if (context.viewer === null) return null;
      const coerced = getVariableValues(schema, definitions, raw ?? {});
      if (coerced.errors !== undefined) return null;
      const parts: string[] = [];
      for (const [key, answer] of answers) {
        const value = await answer(context, coerced.coerced);
        if (value === null) return null;
        parts.push(`"${key}":${value}`);
      }
      return `{${parts.join(',')}}`;
    },
  };
}

/** Arguments as graphql-js coerces them; null when they do not coerce. */
function argumentsOf(ctx: SelectionContext, field: CollectedField, variables: Record<string, unknown>): Record<string, unknown> | null {
  const definition = ctx.schema.getQueryType()?.getFields()[field.name];
  if (definition === undefined) return null;
  try {
    return getArgumentValues(definition, field.nodes[0] as FieldNode, variables);
  } catch {
    return null;
  }
}

function compileOrders(field: CollectedField, ctx: SelectionContext): RootAnswer | null {
  const connection = collectFields(ctx.schema, ctx.fragments, 'OrderConnection', subSelections(field));
  if (connection === null) return null;
  const json: Record<string, SQL> = {};
  type Piece = (page: OrderJsonPage) => Promise<string> | string;
  const pieces: [string, Piece][] = [];
  for (const [key, f] of connection) {
    if (f.name === '__typename') pieces.push([key, () => '"OrderConnection"']);
    else if (f.name === 'totalCount') pieces.push([key, async (page) => String(await page.totalCount())]);
    else if (f.name === 'nodes') {
      const node = orderJson(subSelections(f), ctx);
      const text = node === null ? null : rendered(node);
      if (text === null) return null;
      json[key] = text;
      pieces.push([key, (page) => `[${page.nodes.map((r) => r.json[key]).join(',')}]`]);
    } else if (f.name === 'edges') {
      const edge = collectFields(ctx.schema, ctx.fragments, 'OrderEdge', subSelections(f));
      if (edge === null) return null;
      const edgeKeys: [string, (row: OrderJsonPage['edges'][number]) => string][] = [];
      for (const [edgeKey, e] of edge) {
        if (e.name === '__typename') edgeKeys.push([edgeKey, () => '"OrderEdge"']);
        else if (e.name === 'cursor') edgeKeys.push([edgeKey, (edgeRow) => JSON.stringify(edgeRow.cursor)]);
        else if (e.name === 'node') {
          const node = orderJson(subSelections(e), ctx);
          const text = node === null ? null : rendered(node);
          if (text === null) return null;
          const name = `${key}.${edgeKey}`;
          json[name] = text;
          edgeKeys.push([edgeKey, (edgeRow) => edgeRow.node.json[name]!]);
        } else return null;
      }
      pieces.push([key, (page) => `[${page.edges.map((edgeRow) => `{${edgeKeys.map(([k, v]) => `"${k}":${v(edgeRow)}`).join(',')}}`).join(',')}]`]);
    } else if (f.name === 'pageInfo') {
      const info = collectFields(ctx.schema, ctx.fragments, 'PageInfo', subSelections(f));
      if (info === null) return null;
      const infoKeys: [string, keyof OrderJsonPage['pageInfo'] | '__typename'][] = [];
      for (const [infoKey, i] of info) {
        if (i.name === '__typename' || i.name === 'hasNextPage' || i.name === 'hasPreviousPage' || i.name === 'startCursor' || i.name === 'endCursor') infoKeys.push([infoKey, i.name]);
        else return null;
      }
      pieces.push([key, (page) => `{${infoKeys.map(([k, name]) => `"${k}":${name === '__typename' ? '"PageInfo"' : JSON.stringify(page.pageInfo[name])}`).join(',')}}`]);
    } else return null;
  }
  return async (context, variables) => {
    const args = argumentsOf(ctx, field, variables);
    if (args === null) return null;
    const orderBy = args.orderBy as { field: OrderSortField; direction?: 'ASC' | 'DESC' } | null | undefined;
    try {
      const where = orderConditions(context.viewer!, decodeOrderFilter(args.filter as OrderFilter | null | undefined));
      const page = await listOrderJson(
        context.db,
        { first: args.first as number | null | undefined, after: args.after as string | null | undefined, last: args.last as number | null | undefined, before: args.before as string | null | undefined },
        where,
        { field: orderBy?.field ?? 'DUE_DATE', descending: orderBy?.direction === 'DESC' },
        json,
      );
      const values: string[] = [];
      for (const [key, piece] of pieces) values.push(`"${key}":${await piece(page)}`);
      return `{${values.join(',')}}`;
    } catch (error) {
      // A page-size, cursor or filter error: the executed path reports it as it always does. Anything
      // else is logged, and the query is executed so that the client still gets its answer.
      if (!(error instanceof GraphQLError)) context.log.warn({ err: error }, 'compiled read failed; executing the query instead');
      return null;
    }
  };
}

function compileOrderNode(field: CollectedField, ctx: SelectionContext): RootAnswer | null {
  const node = orderJson(subSelections(field), ctx);
  const text = node === null ? null : rendered(node);
  if (text === null) return null;
  return async (context, variables) => {
    const args = argumentsOf(ctx, field, variables);
    const decoded = typeof args?.id === 'string' ? fromGlobalId(args.id) : null;
    if (decoded === null || decoded.type !== 'Order') return null;
    return (await orderJsonById(context.db, context.viewer!, decoded.id, text)) ?? 'null';
  };
}
