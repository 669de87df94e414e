import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Role, Viewer } from '../auth/viewer.js';
import type { Visibility } from '../db/scope.js';

/**
 * Read models: what the API shows of each object type, declared once beside its GraphQL type
 * (src/schema/<capability>.read.ts) and read by the compiler (src/read/render.ts) whatever asks: a
 * query, a mutation's payload, a node lookup. A model names where its rows come from, who may see
 * them (the conditions of src/db/scope.ts), and for every field either its SQL, the relation that
 * reaches it (with the related type's own model, scope included), or the TypeScript rule that
 * computes it from columns the statement returns.
 */

/** Who asks and when: everything a rendering may depend on besides the query. */
export interface ReadEnv {
  viewer: Viewer;
  now: Date;
  /** Today's calendar date in the company's time zone. */
  today: string;
  timeZone: string;
  /** The viewer's tenancy conditions (src/db/scope.ts), built once per request. */
  scope: Visibility;
}

/** A field's arguments, coerced by graphql-js. */
export type Args = Record<string, unknown>;

/** SQL in the scope of the model's rows; a function when it depends on the viewer, clock or arguments. */
export type Expr = SQL | ((env: ReadEnv, args: Args) => SQL);

/** A relation whose target rows are visible whenever the parent row is. */
interface Reach {
  /**
   * The rule of src/db/scope.ts that grants the target to whoever sees the parent (e.g. "a part on a
   * visible order line: partOnVisibleOrder"). The target's own scope is then not checked again row by
   * row; test/tenancy-implied.test.ts checks every such claim on real data for every kind of partner.
   */
  implied?: string;
}

interface Rules {
  /** Who may read the field at all; anyone else is refused (FORBIDDEN), not shown null. */
  roles?: readonly Role[];
  /** When false for the viewer, the field reads null: e.g. a customer never sees a nonconformance's problem solving. */
  visible?: (env: ReadEnv) => boolean;
}

/** One concrete type where the schema expects an interface (Partner, Node). */
export interface Branch {
  model: TableModel;
  /** Which rows of the parent reach this type. */
  when: Expr;
  /** The join to the target's rows: its columns and the parent's. */
  on: Expr;
}

export type FieldModel = Rules &
  (
    | { kind: 'value'; value: Expr }
    /** One related row of another model (null when there is none or the viewer may not see it). */
    | ({ kind: 'object'; target: () => TableModel; on: Expr; /** Several rows match: take the first in this order. */ orderBy?: SQL } & Reach)
    | { kind: 'oneOf'; branches: () => readonly Branch[] }
    /** All related rows, in a fixed order. */
    | ({ kind: 'list'; target: () => TableModel; on: Expr; orderBy: SQL; /** At most this many, the first in the order. */ limit?: number | ((args: Args) => number) } & Reach)
    /** An object built from the same row (a sampling plan from an inspection's columns). */
    | { kind: 'inline'; target: () => InlineModel }
    /** A page of related rows, with the arguments of the list's root counterpart. */
    | { kind: 'connection'; connection: () => ConnectionModel; on: Expr }
    /**
     * A value computed by a TypeScript rule after the statement, from the JSON `inputs` it returned:
     * the rule is the one the domain's unit tests check, not a second copy in SQL.
     */
    | { kind: 'computed'; inputs: Expr; compute: (inputs: never, env: ReadEnv, args: Args) => unknown }
  );

export type Fields = Record<string, FieldModel>;

/** Rows of their own: a table (or tables joined), read through a subquery with their tenancy. */
export interface TableModel {
  kind: 'table';
  /** The GraphQL object type. */
  type: string;
  /** The FROM clause; its tables keep their own names, so src/db/scope.ts conditions apply as written. */
  from: SQL;
  /** A unique key of a row (what node ids and cursors name). */
  key?: AnyPgColumn;
  /** What the viewer may see of these rows; undefined for everything. */
  scope: (env: ReadEnv) => SQL | undefined;
  fields: Fields;
}

/** An object made of its parent's columns. */
export interface InlineModel {
  kind: 'inline';
  type: string;
  fields: Fields;
}

/** A keyset order: the row's position and how a cursor seeks past it. */
export interface Sort {
  /** ORDER BY terms, the last one unique. */
  terms: readonly SQL[];
  descending: boolean;
  /** The row's cursor, as text. */
  cursor: SQL;
  /** Rows strictly beyond the cursor in the given sense; throws BAD_USER_INPUT for a cursor of another list. */
  seek: (argument: 'after' | 'before', cursor: string, greater: boolean) => SQL;
}

/** A list of rows read page by page (Relay connection). */
export interface ConnectionModel {
  /** The GraphQL connection type. */
  type: string;
  node: () => TableModel;
  /** The rows the viewer may list with these arguments: tenancy and the list's filter. */
  where: (env: ReadEnv, args: Args) => SQL | undefined;
  sort: (args: Args) => Sort;
  /** Whether `last` and `before` are taken (the activity feed reads forward only). */
  backward: boolean;
}

/** What a root field of Query is answered from. */
export type RootModel = Rules &
  (
    | { kind: 'connection'; connection: () => ConnectionModel; prelude?: PreludeValue }
    /** Built without rows of its own (the dashboard's figures, the viewer). */
    | { kind: 'inline'; target: () => InlineModel }
    /** Computed in TypeScript, no statement (a sampling plan from the ISO tables). */
    | { kind: 'computed'; compute: (env: ReadEnv, args: Args) => unknown }
    | { kind: 'node' }
    | { kind: 'nodes' }
    /** Answered by one model or another depending on the fields selected (the viewer reads the database only for its organisation). */
    | { kind: 'choice'; choose: (selected: ReadonlySet<string>) => RootModel }
  );

/**
 * A value a connection's conditions need read before the statement's own snapshot (the activity
 * horizon): its statement's prelude sets it (src/db/tenancy.ts) and `connection()` reads the
 * setting. An export, whose snapshot is a transaction's, reads it by a statement of its own first.
 */
export interface PreludeValue {
  /** The select-list item of the prelude that sets it. */
  set: () => string;
  /** The value, by a statement of its own. */
  read: (reader: import('../db/client.js').RowReader) => Promise<string>;
  /** The connection with the value read before. */
  given: (value: string) => ConnectionModel;
}

/** Builders, so that model files read as declarations. */
export const value = (expr: Expr, rules: Rules = {}): FieldModel => ({ kind: 'value', value: expr, ...rules });
export const object = (target: () => TableModel, on: Expr, options: Rules & Reach & { orderBy?: SQL } = {}): FieldModel => ({ kind: 'object', target, on, ...options });
export const oneOf = (branches: () => readonly Branch[], rules: Rules = {}): FieldModel => ({ kind: 'oneOf', branches, ...rules });
export const list = (target: () => TableModel, on: Expr, orderBy: SQL, options: Rules & Reach & { limit?: number | ((args: Args) => number) } = {}): FieldModel => ({ kind: 'list', target, on, orderBy, ...options });
export const inline = (target: () => InlineModel, rules: Rules = {}): FieldModel => ({ kind: 'inline', target, ...rules });
export const connection = (target: () => ConnectionModel, on: Expr, rules: Rules = {}): FieldModel => ({ kind: 'connection', connection: target, on, ...rules });
export function computed<I>(inputs: Expr, compute: (inputs: I, env: ReadEnv, args: Args) => unknown, rules: Rules = {}): FieldModel {
  return { kind: 'computed', inputs, compute: compute as (inputs: never, env: ReadEnv, args: Args) => unknown, ...rules };
}

export const table = (model: Omit<TableModel, 'kind'>): TableModel => ({ kind: 'table', ...model });
export const inlineModel = (type: string, fields: Fields): InlineModel => ({ kind: 'inline', type, fields });

const dialect = new PgDialect();
const prerendered = new WeakMap<SQL, SQL>();

/**
 * The same SQL, rendered to text once when it has no parameters: a model's columns, joins and
 * subqueries are the same for every request, and building them again is most of a request's work.
 */
export function once(expression: SQL): SQL {
  let text = prerendered.get(expression);
  if (text === undefined) {
    const query = dialect.sqlToQuery(expression);
    text = query.params.length === 0 ? sql.raw(query.sql) : expression;
    prerendered.set(expression, text);
  }
  return text;
}

/** Evaluates an expression for this request. */
export const render = (expr: Expr, env: ReadEnv, args: Args): SQL => (typeof expr === 'function' ? expr(env, args) : once(expr));
