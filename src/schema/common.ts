import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { type ClassType, Field, InputType, Int, InterfaceType, ID, ObjectType, registerEnumType } from 'type-graphql';
import { isDecimal, normalize } from '../domain/shared/decimal.js';
import { userErrorCodes } from '../domain/shared/result.js';
import { roles } from '../auth/viewer.js';
import { msg } from '../i18n/message.js';

// ---------------------------------------------------------------- scalars

/**
 * An instant. graphql-scalars' parsing and serialising, with a description that says what goes over
 * the wire: any RFC 3339 offset accepted, always answered at UTC.
 */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  description:
    'An instant, written as an RFC 3339 date-time with a time zone offset, e.g. 2026-11-26T16:00:00+08:00 or 2026-11-26T08:00:00Z. Any offset is accepted; the server always answers at UTC with milliseconds, e.g. 2026-11-26T08:00:00.000Z.',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
});

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function parseDate(value: unknown): string {
  if (typeof value === 'string' && isCalendarDate(value)) return value;
  throw new GraphQLError(msg`Date must be a calendar date written YYYY-MM-DD; got ${JSON.stringify(value)}.`, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** A calendar date, YYYY-MM-DD; carried as that string everywhere, so no time zone can shift it. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date without a time or time zone, written YYYY-MM-DD (RFC 3339 full-date), e.g. 2026-11-26. Business dates (due dates, expiry) are days of the company calendar (TIME_ZONE).',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string' && isCalendarDate(value)) return value;
    throw new GraphQLError(msg`Date cannot represent ${JSON.stringify(value)}.`);
  },
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

const DECIMAL = /^-?(0|[1-9]\d{0,17})(\.\d{1,6})?$/;

function parseDecimal(value: unknown): string {
  if (typeof value === 'string' && DECIMAL.test(value.trim())) return value.trim();
  if (typeof value === 'number' && Number.isFinite(value) && DECIMAL.test(String(value))) return String(value);
  throw new GraphQLError(msg`Decimal must be a number written as a string with up to 18 digits before and 6 after the point, e.g. "1234.50"; got ${JSON.stringify(value)}.`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/** An exact decimal number sent as a string; never a float inside the server. */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description:
    'An exact decimal number sent as a JSON string, e.g. "1234.5": an optional minus sign, up to 18 digits, optionally a point and up to 6 digits (the lexical form of XML Schema decimal, restricted). Money and quantities use it so that no float rounds them. Answers drop trailing zeros ("12.500000" reads "12.5"); inputs may also be JSON numbers.',
  specifiedByURL: 'https://www.w3.org/TR/xmlschema11-2/#decimal',
  // Sent without trailing zeros: numeric(24,6) "12.500000" reads "12.5".
  serialize: (value) => {
    if (typeof value === 'string' && isDecimal(value)) return normalize(value);
    throw new GraphQLError(msg`Decimal cannot represent ${JSON.stringify(value)}.`);
  },
  parseValue: parseDecimal,
  parseLiteral: (ast) => parseDecimal(ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? (ast.kind === Kind.STRING ? ast.value : Number(ast.value)) : undefined),
});

// ---------------------------------------------------------------- enums

/** type-graphql registers enums from objects; this turns a list of values into one. */
export function enumOf<const V extends readonly string[]>(values: V): { [K in V[number]]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in V[number]]: K };
}

export const UserErrorCode = enumOf(userErrorCodes);
registerEnumType(UserErrorCode, { name: 'UserErrorCode' });

export const SortDirection = enumOf(['ASC', 'DESC'] as const);
registerEnumType(SortDirection, { name: 'SortDirection' });

export const Role = enumOf(roles);
registerEnumType(Role, { name: 'Role' });

// ---------------------------------------------------------------- node, page info, errors

/** The type name of a record returned where the schema expects an interface (Node, Partner). */
export interface Typed {
  __typename: string;
}

export function typed<T extends object>(typename: string, row: T): T & Typed {
  return { ...row, __typename: typename };
}

@InterfaceType({ resolveType: (value: Typed) => value.__typename, description: 'A record that can be fetched again by its global id with `node(id:)` or `nodes(ids:)`.' })
export abstract class Node {
  @Field(() => ID, { description: 'Global id: opaque, stable, unique across all types. Business numbers (order number, supplier code) are separate fields.' })
  id: string;
}

@ObjectType({ simpleResolvers: true, description: 'Where a page sits in its list (Relay cursor connections).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'More records follow the last one of this page (paging forwards).' })
  hasNextPage: boolean;

  @Field(() => Boolean, { description: 'More records come before the first one of this page (paging backwards).' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first record of the page; pass it as `before` for the page before. Null on an empty page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last record of the page; pass it as `after` for the next page. Null on an empty page.' })
  endCursor: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'An expected failure of a mutation; nothing was written.' })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, e.g. ["input", "lines", "2", "quantity"].' })
  field: string[] | null;

  @Field(() => UserErrorCode, { description: 'What kind of failure, for programs: stable across versions and languages.' })
  code: keyof typeof UserErrorCode;

  @Field(() => String, { description: 'What went wrong and what to do about it, for people.' })
  message: string;
}

// ---------------------------------------------------------------- connections

/** `XEdge { cursor node }` for a node class. */
export function EdgeType<T extends object>(nodeClass: ClassType<T>) {
  @ObjectType({ simpleResolvers: true })
  abstract class Edge {
    @Field(() => String, { description: 'Opaque position of this record in the list, for `after` and `before`.' })
    cursor: string;

    @Field(() => nodeClass, { description: 'The record.' })
    node: T;
  }
  return Edge;
}

/** `XConnection { edges nodes pageInfo totalCount }`; totalCount is counted only when asked for. */
export function ConnectionType<T extends object, E extends object>(nodeClass: ClassType<T>, edgeClass: ClassType<E>) {
  @ObjectType({ simpleResolvers: true })
  abstract class Connection {
    @Field(() => [edgeClass], { description: 'The records of this page with their cursors.' })
    edges: E[];

    @Field(() => [nodeClass], { description: 'The records of this page, in order (the same as edges without cursors).' })
    nodes: T[];

    @Field(() => PageInfo, { description: 'Cursors of the page and whether more records come before or after it.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'All records that match, on every page.' })
    totalCount: number;
  }
  return Connection;
}

/** A mutation payload base: `errors` is always a list, empty on success. */
@ObjectType({ simpleResolvers: true })
export abstract class Payload {
  @Field(() => [UserError], { description: 'Why the mutation was refused, one entry per problem; empty when it succeeded. When not empty, nothing was written.' })
  errors: UserError[];
}

/**
 * Incremental sync, on every list's filter: what changed or appeared since a back office's last run.
 * Each record's updatedAt moves with every write to it and to what it owns (an order with its lines,
 * change requests and receipts; a delivery with its events). The activity feed's cursor is the exact
 * alternative: every change, in commit order, never one missed between two runs.
 */
@InputType('ChangedSinceFilter', { description: 'A sync window; every list filter has its fields.' })
export abstract class ChangedSinceFilter {
  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'Records written (created or changed) at or after this instant. Pull with the time your previous run started, less a margin for clock skew, and page through with after; the activity feed is the exact alternative.',
  })
  updatedSince?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Records created at or after this instant.' })
  createdSince?: Date | null;
}
