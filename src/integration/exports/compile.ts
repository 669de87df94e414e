import { and, type SQL, sql } from 'drizzle-orm';
import {
  coerceInputValue,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  getNamedType,
  getVariableValues,
  isAbstractType,
  isInputType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
} from 'graphql';
import type { RowReader } from '../../db/client.js';
import type { BulkExportType } from '../../domain/integration/bulk-export-rules.js';
import type { ConnectionModel, ReadEnv } from '../../read/model.js';
import { once } from '../../read/model.js';
import { type Post, type RenderScope, renderObject } from '../../read/render.js';
import { collectFields, subSelections } from '../../read/selection.js';
import { exportSources } from './sources.js';

/** A CSV column: its header and where its value is in a record (a path of response keys). */
export interface CsvColumn {
  header: string;
  path: readonly string[];
}

/** The statements of one export, built for the viewer who asked. */
export interface CompiledExport {
  /** One row per record, `record` its JSON text, in the list's order. */
  rows: SQL;
  /** How many records `rows` returns (the denominator of progress). */
  count: SQL;
  /** Finishes a parsed record where a TypeScript rule computes part of it (the scorecard's grade). */
  post: Post | undefined;
  /** CSV: the record's columns, then the columns of each element of `rowsOf`. */
  columns: CsvColumn[];
  rowsOf: { key: string; columns: CsvColumn[] } | null;
}

/** The operation of a source: its selection on a field of the list type, so that graphql-js can validate it. */
function operationOf(type: BulkExportType): { operation: OperationDefinitionNode; fragments: Record<string, FragmentDefinitionNode>; set: SelectionSetNode } {
  const source = exportSources[type];
  const document = parse(`query Export${source.variableDefinitions ?? ''} { record { ${source.selection} } }`);
  const operation = document.definitions[0] as OperationDefinitionNode;
  const field = operation.selectionSet.selections[0]!;
  if (field.kind !== Kind.FIELD || field.selectionSet === undefined) throw new Error('unexpected export selection');
  return { operation, fragments: {}, set: field.selectionSet };
}

/**
 * The list's connection model. A value its statement's prelude would read (the activity horizon) is
 * read first, by a statement of its own: an export reads in a transaction of its own, whose snapshot
 * is taken by its first statement, and must be bounded by what was committed before that.
 */
async function connectionOf(type: BulkExportType, reader: RowReader): Promise<ConnectionModel> {
  const root = exportSources[type].list();
  if (root.kind !== 'connection') throw new Error(`${type} is not read from a list`);
  return root.prelude === undefined ? root.connection() : root.prelude.given(await root.prelude.read(reader));
}

/** The stored filter entry, coerced again by its GraphQL input type (ids stay global, instants become Dates). */
export function coerceFilter(schema: GraphQLSchema, type: BulkExportType, stored: unknown): Record<string, unknown> | null {
  if (stored === null || stored === undefined) return null;
  const inputType = schema.getType(exportSources[type].filterType);
  if (inputType === undefined || !isInputType(inputType)) throw new Error(`no input type ${exportSources[type].filterType}`);
  return coerceInputValue(stored, inputType) as Record<string, unknown>;
}

/** CSV columns of a selection: leaves by their dotted path; objects flattened; lists as JSON in one cell, except `expand`. */
function csvColumnsOf(scope: RenderScope, typeName: string, sets: readonly (SelectionSetNode | undefined)[], prefix: readonly string[], expand: string | null): { columns: CsvColumn[]; expanded: { key: string; columns: CsvColumn[] } | null } {
  const type = scope.schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  const columns: CsvColumn[] = [];
  let expanded: { key: string; columns: CsvColumn[] } | null = null;
  for (const field of collectFields(scope, typeName, sets).values()) {
    const path = [...prefix, field.key];
    if (field.name === '__typename') {
      columns.push({ header: path.join('.'), path });
      continue;
    }
    let fieldType = type.getFields()[field.name]!.type;
    if (isNonNullType(fieldType)) fieldType = fieldType.ofType;
    const named = getNamedType(fieldType);
    if (field.key === expand && isListType(fieldType) && isObjectType(named)) {
      expanded = { key: field.key, columns: csvColumnsOf(scope, named.name, subSelections(field), [field.key], null).columns };
    } else if (isLeafType(fieldType) || isListType(fieldType)) {
      // Leaves in a cell; lists (other than the expanded one) as JSON in a cell.
      columns.push({ header: path.join('.'), path });
    } else if (isAbstractType(named)) {
      // An interface-typed value (a partner, a subject): the keys any of its types answers.
      const keys = new Set<string>();
      for (const possible of scope.schema.getPossibleTypes(named)) for (const key of collectFields(scope, possible.name, subSelections(field)).keys()) keys.add(key);
      for (const key of keys) columns.push({ header: [...path, key].join('.'), path: [...path, key] });
    } else {
      columns.push(...csvColumnsOf(scope, named.name, subSelections(field), path, null).columns);
    }
  }
  return { columns, expanded };
}

/**
 * Builds an export's statements: the list's conditions for the viewer and the filter, its order, and
 * each record's JSON from the read models, as the API would answer the same selection.
 */
export async function compileExport(schema: GraphQLSchema, type: BulkExportType, filter: Record<string, unknown> | null, env: ReadEnv, reader: RowReader): Promise<CompiledExport> {
  const source = exportSources[type];
  const { operation, fragments, set } = operationOf(type);
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], source.variables?.(filter) ?? {});
  if (coerced.errors !== undefined) throw coerced.errors[0]!;
  const scope: RenderScope = { schema, fragments, variables: coerced.coerced, env, embedded: false };
  const connection = await connectionOf(type, reader);
  const node = connection.node();
  const args = source.args(filter);
  const record = renderObject(scope, node, [set]);
  const sort = connection.sort(args);
  const after = typeof args.after === 'string' ? sort.seek('after', args.after, !sort.descending) : undefined;
  const where = and(connection.where(env, args), after) ?? sql`true`;
  const direction = sql.raw(sort.descending ? 'desc' : 'asc');
  const orderBy = sql.join(
    sort.terms.map((term) => sql`${once(term)} ${direction}`),
    sql`, `,
  );
  const { columns, expanded } = csvColumnsOf(scope, node.type, [set], [], source.rowsOf ?? null);
  return {
    rows: sql`select (${record.sql})::text as record from ${once(node.from)} where ${where} order by ${orderBy}`,
    count: sql`select count(*)::int as n from ${once(node.from)} where ${where}`,
    post: record.post,
    columns,
    rowsOf: expanded,
  };
}

/** Reads a value at a path of response keys. */
function at(record: unknown, path: readonly string[]): unknown {
  let value = record;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[key];
  }
  return value ?? null;
}

/** The CSV header of an export. */
export function csvHeader(compiled: Pick<CompiledExport, 'columns' | 'rowsOf'>): string[] {
  return [...compiled.columns.map((c) => c.header), ...(compiled.rowsOf?.columns.map((c) => c.header) ?? [])];
}

/** A record's CSV rows: one, or one per element of `rowsOf` (one with empty child columns when it has none). */
export function csvRows(compiled: Pick<CompiledExport, 'columns' | 'rowsOf'>, record: unknown): unknown[][] {
  const own = compiled.columns.map((c) => at(record, c.path));
  if (compiled.rowsOf === null) return [own];
  const children = at(record, [compiled.rowsOf.key]) as unknown[] | null;
  if (children === null || children.length === 0) return [[...own, ...compiled.rowsOf.columns.map(() => null)]];
  return children.map((child) => [...own, ...compiled.rowsOf!.columns.map((c) => at(child, c.path.slice(1)))]);
}
