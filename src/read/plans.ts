import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { getNamedType, type GraphQLSchema, type OperationDefinitionNode, typeFromAST } from 'graphql';
import type { Viewer } from '../auth/viewer.js';
import type { ReadOptions } from '../db/client.js';
import { visibility } from '../db/scope.js';
import { fromGlobalId, toGlobalId } from '../domain/shared/ids.js';
import type { ReadEnv } from './model.js';
import type { Post } from './render.js';

/**
 * Plans: the statement an operation compiles to, kept as text with its parameters' sources, so that a
 * query asked again (by another viewer of the same kind, about another record) is answered without
 * rendering it again. A plan is made by rendering the operation twice, with two sets of stand-ins for
 * everything that may differ between such requests (the clock, today, the viewer's organisation and
 * identity, the records its ID variables name). Where the two statements differ must be exactly those
 * stand-ins, and nowhere else: then every other part of the statement is known not to depend on them.
 * Anything that would differ otherwise (a value computed from the clock, a text built from an id)
 * makes the operation unplanned: it is rendered for every request, as before. Whatever else a
 * statement depends on (the other variables, the viewer's roles and kind, the kinds of record the ids
 * name) is in the plan's key.
 */

export type Source =
  | { kind: 'value'; value: unknown }
  | { kind: 'now' | 'today' | 'organization' | 'viewerId' | 'viewerName' | 'viewerEmail' }
  | { kind: 'uuid' | 'id'; variable: string; index: number | null };

/** A root field's answer in a plan: a column of the statement, or fixed JSON text. */
export type PlannedRoot = { key: string; column: number } | { key: string; text: string };

export interface Plan {
  text: string;
  sources: Source[];
  roots: PlannedRoot[];
  /** How the statement runs: what its prelude sets first (the activity horizon, one plan), and whether it is brief. */
  read: ReadOptions;
  /** The steps that finish each root's JSON (TypeScript rules), run with the request's env (`live`). */
  posts: (Post | undefined)[];
  live: LiveEnv;
}

/**
 * The env a plan's finishing steps read: the request's while they run (`during`), the stand-ins'
 * it was rendered with otherwise. A step reads the clock, today and the viewer when it runs, never
 * when the plan was made; the steps run synchronously, so no other request's env is seen meanwhile.
 */
export class LiveEnv implements ReadEnv {
  private current: ReadEnv | null = null;

  constructor(private readonly standIn: ReadEnv) {}

  private get env(): ReadEnv {
    return this.current ?? this.standIn;
  }
  get viewer(): Viewer {
    return this.env.viewer;
  }
  get now(): Date {
    return this.env.now;
  }
  get today(): string {
    return this.env.today;
  }
  get timeZone(): string {
    return this.env.timeZone;
  }
  get scope(): ReadEnv['scope'] {
    return this.env.scope;
  }

  during<T>(env: ReadEnv, run: () => T): T {
    const before = this.current;
    this.current = env;
    try {
      return run();
    } finally {
      this.current = before;
    }
  }
}

const dialect = new PgDialect();

/** Stand-ins: two of each kind, never a real record's. */
const STAND_INS = {
  now: [new Date(Date.UTC(2001, 0, 1, 1, 1, 1, 1)), new Date(Date.UTC(2002, 1, 2, 2, 2, 2, 2))],
  today: ['2001-01-01', '2002-02-02'],
  organization: ['a0a0a0a0-0000-4000-8000-00000000a0a0', 'b0b0b0b0-0000-4000-8000-00000000b0b0'],
} as const;

/** The record a variable's id (or the index-th of its list) stands in for, in each rendering. */
const standInUuid = (side: 0 | 1, variable: number, index: number) => `${side === 0 ? 'a' : 'b'}${String(variable).padStart(7, '0')}-0000-4000-8000-${String(index + 1).padStart(12, '0')}`;

export interface RequestShape {
  /** What the plan's key holds: the viewer's kind and roles, the time zone, the variables but ids. */
  key: string;
  /** The two stand-in renderings' inputs, worked out only when a plan is made. */
  sides(): ShapeSides;
}

export interface ShapeSides {
  /** Renders the operation with one side's stand-ins. */
  envs: [ReadEnv, ReadEnv];
  variables: [Record<string, unknown>, Record<string, unknown>];
  /** The stand-in each side gives a source, to recognise them in the statements. */
  standIns: { source: Source; values: [unknown, unknown] }[];
}

const standInViewers = new Map<string, Viewer>();

/** A viewer like this one (same roles, same kind of organisation) with stand-in identity, kept so its tenancy conditions are built once. */
function standInViewer(viewer: Viewer, side: 0 | 1): Viewer {
  const key = `${side}|${[...viewer.roles].sort().join(',')}|${viewer.organization?.type ?? ''}`;
  let known = standInViewers.get(key);
  if (known === undefined) {
    known = {
      id: `stand-in viewer ${side}`,
      name: `stand-in name ${side}`,
      email: `stand-in email ${side}`,
      roles: viewer.roles,
      organization: viewer.organization === null ? null : { type: viewer.organization.type, id: STAND_INS.organization[side] },
    };
    standInViewers.set(key, known);
  }
  return known;
}

/** Which of an operation's variables are IDs (or lists of IDs), by name: worked out once per operation. */
const idVariablesOf = new WeakMap<OperationDefinitionNode, Set<string>>();

function idVariables(schema: GraphQLSchema, operation: OperationDefinitionNode): Set<string> {
  let names = idVariablesOf.get(operation);
  if (names === undefined) {
    names = new Set();
    for (const definition of operation.variableDefinitions ?? []) {
      const type = typeFromAST(schema, definition.type);
      if (type !== undefined && getNamedType(type).name === 'ID') names.add(definition.variable.name.value);
    }
    idVariablesOf.set(operation, names);
  }
  return names;
}

/** What an id variable contributes to the key: the kind of record it names, or the raw value for an id of no kind. */
function idKey(id: unknown): string {
  const decoded = typeof id === 'string' ? fromGlobalId(id) : null;
  return decoded === null || decoded.type === 'Activity' ? `raw:${String(id)}` : `type:${decoded.type}`;
}

/** The shape of a request: its plan key, and the two stand-in renderings that make its plan. */
export function requestShape(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>, env: ReadEnv): RequestShape {
  const ids = idVariables(schema, operation);
  const keyed: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const value = variables[name];
    keyed[name] = !ids.has(name) || value === undefined || value === null ? value : Array.isArray(value) ? value.map(idKey) : idKey(value);
  }
  const viewer = env.viewer;
  return {
    key: JSON.stringify([viewer.roles.length === 1 ? viewer.roles : [...viewer.roles].sort(), viewer.organization?.type ?? null, env.timeZone, keyed]),
    sides: () => standInSides(operation, variables, ids, env),
  };
}

function standInSides(operation: OperationDefinitionNode, variables: Record<string, unknown>, ids: Set<string>, env: ReadEnv): ShapeSides {
  const sides: [Record<string, unknown>, Record<string, unknown>] = [{}, {}];
  const standIns: ShapeSides['standIns'] = [
    { source: { kind: 'now' }, values: [STAND_INS.now[0].toISOString(), STAND_INS.now[1].toISOString()] },
    { source: { kind: 'today' }, values: [STAND_INS.today[0], STAND_INS.today[1]] },
    { source: { kind: 'organization' }, values: [STAND_INS.organization[0], STAND_INS.organization[1]] },
    { source: { kind: 'viewerId' }, values: ['stand-in viewer 0', 'stand-in viewer 1'] },
    { source: { kind: 'viewerName' }, values: ['stand-in name 0', 'stand-in name 1'] },
    { source: { kind: 'viewerEmail' }, values: ['stand-in email 0', 'stand-in email 1'] },
  ];
  for (const [position, definition] of (operation.variableDefinitions ?? []).entries()) {
    const name = definition.variable.name.value;
    const value = variables[name];
    if (!ids.has(name) || value === undefined || value === null) {
      sides[0][name] = value;
      sides[1][name] = value;
      continue;
    }
    // An id stands in for a record of the kind it names; an id of no kind stays as it is.
    const standIn = (id: unknown, index: number | null): [unknown, unknown] => {
      const decoded = typeof id === 'string' ? fromGlobalId(id) : null;
      if (decoded === null || decoded.type === 'Activity') return [id, id];
      const uuids = [standInUuid(0, position, index ?? 0), standInUuid(1, position, index ?? 0)] as const;
      const globalIds = [toGlobalId(decoded.type, uuids[0]), toGlobalId(decoded.type, uuids[1])] as const;
      standIns.push({ source: { kind: 'uuid', variable: name, index }, values: [uuids[0], uuids[1]] });
      standIns.push({ source: { kind: 'id', variable: name, index }, values: [globalIds[0], globalIds[1]] });
      return [globalIds[0], globalIds[1]];
    };
    if (Array.isArray(value)) {
      const all = value.map((id, i) => standIn(id, i));
      sides[0][name] = all.map((s) => s[0]);
      sides[1][name] = all.map((s) => s[1]);
    } else {
      [sides[0][name], sides[1][name]] = standIn(value, null);
    }
  }
  const envOf = (side: 0 | 1): ReadEnv => {
    const stand = standInViewer(env.viewer, side);
    return { viewer: stand, now: STAND_INS.now[side], today: STAND_INS.today[side], timeZone: env.timeZone, scope: visibility(stand) };
  };
  return { envs: [envOf(0), envOf(1)], variables: sides, standIns };
}

/** The plan two stand-in renderings make, or null when they differ anywhere but in the stand-ins. */
export function planOf(shape: Pick<ShapeSides, 'standIns'>, rendered: [{ statement: SQL | null; roots: PlannedRoot[] }, { statement: SQL | null; roots: PlannedRoot[] }]): Omit<Plan, 'read' | 'posts' | 'live'> | null {
  const [a, b] = rendered;
  if (JSON.stringify(a.roots) !== JSON.stringify(b.roots)) return null;
  if (a.statement === null || b.statement === null) return a.statement === b.statement ? { text: '', sources: [], roots: a.roots } : null;
  const [qa, qb] = [dialect.sqlToQuery(a.statement), dialect.sqlToQuery(b.statement)];
  if (qa.sql !== qb.sql || qa.params.length !== qb.params.length) return null;
  const sources: Source[] = [];
  for (const [i, value] of qa.params.entries()) {
    const other = qb.params[i];
    if (JSON.stringify(value) === JSON.stringify(other)) {
      sources.push({ kind: 'value', value });
      continue;
    }
    const standIn = shape.standIns.find((s) => s.values[0] === value && s.values[1] === other);
    if (standIn === undefined) return null;
    sources.push(standIn.source);
  }
  return { text: qa.sql, sources, roots: a.roots };
}

/** The parameters of a plan's statement for this request, in the order of its placeholders. */
export function parametersFor(plan: Plan, env: ReadEnv, variables: Record<string, unknown>): unknown[] {
  // The clock as text once, however many conditions compare with it.
  let now: string | undefined;
  return plan.sources.map((source) => {
    if (source.kind !== 'now') return sourceValue(source, env, variables);
    now ??= env.now.toISOString();
    return now;
  });
}

function sourceValue(source: Source, env: ReadEnv, variables: Record<string, unknown>): unknown {
  switch (source.kind) {
    case 'value':
      return source.value;
    case 'now':
      return env.now.toISOString();
    case 'today':
      return env.today;
    case 'organization':
      return env.viewer.organization?.id;
    case 'viewerId':
      return env.viewer.id;
    case 'viewerName':
      return env.viewer.name;
    case 'viewerEmail':
      return env.viewer.email;
    case 'uuid':
    case 'id': {
      const value = variables[source.variable];
      const id = (source.index === null ? value : (value as unknown[])[source.index]) as string;
      return source.kind === 'id' ? id : fromGlobalId(id)!.id;
    }
  }
}
