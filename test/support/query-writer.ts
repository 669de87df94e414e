import fc from 'fast-check';
import {
  getNamedType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLInterfaceType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  isUnionType,
} from 'graphql';

/** What the generator draws argument values from: ids and cursors of real records, and dates around the data. */
export interface ValuePools {
  /** Global ids by type, real and forged. */
  ids: Record<string, string[]>;
  /** Any ids, of every type (a wrong type must find nothing). */
  anyIds: string[];
  /** Cursors seen in answers, by connection type (some of another list or order, which must be refused). */
  cursors: Record<string, string[]>;
  dates: string[];
  dateTimes: string[];
  floats: number[];
  strings: string[];
}

/** fast-check's value source inside a property (fc.gen()). */
type Draw = fc.GeneratorValue;

/** Limits that keep every generated query valid and under the server's depth and cost limits. */
const MAX_DEPTH = 5;
const MAX_FIELDS = 5;
const MAX_PAGE = 4;

/**
 * Writes a random valid query operation from the schema: random fields of every type reachable from
 * Query, arguments drawn from the schema's own types (filters, sort orders, page sizes, cursors, ids),
 * aliases, inline fragments on interfaces, named fragments, and @include/@skip with variables.
 */
export class QueryWriter {
  private readonly fragments: string[] = [];
  private readonly variables: string[] = [];
  private readonly values: Record<string, unknown> = {};
  private fragmentCount = 0;
  private aliasCount = 0;

  constructor(
    private readonly draw: Draw,
    private readonly schema: GraphQLSchema,
    private readonly pools: ValuePools,
  ) {}

  private int(min: number, max: number): number {
    return this.draw(fc.integer, { min, max });
  }

  private chance(percent: number): boolean {
    return this.int(1, 100) <= percent;
  }

  private pick<T>(list: readonly T[]): T {
    return list[this.int(0, list.length - 1)]!;
  }

  /** A whole operation: its text and variables. */
  operation(): { query: string; variables: Record<string, unknown> } {
    const query = this.schema.getQueryType()!;
    const roots = Object.values(query.getFields());
    const count = this.int(1, 2);
    const selections: string[] = [];
    for (let i = 0; i < count; i++) selections.push(this.field(query, this.pick(roots), 1, i > 0 || this.chance(15)));
    const variables = this.variables.length > 0 ? `(${this.variables.join(', ')})` : '';
    return { query: `query Generated${variables} { ${selections.join(' ')} }\n${this.fragments.join('\n')}`, variables: this.values };
  }

  private field(parent: GraphQLObjectType | GraphQLInterfaceType, field: GraphQLField<unknown, unknown>, depth: number, alias: boolean): string {
    const name = alias ? `a${this.aliasCount++}_${field.name}: ${field.name}` : field.name;
    const args = this.arguments(parent, field, depth);
    const directive = this.chance(8) ? this.directive() : '';
    const type = getNamedType(field.type);
    if (isLeafType(type)) return `${name}${args}${directive}`;
    return `${name}${args}${directive} { ${this.selection(type, depth + 1)} }`;
  }

  private directive(): string {
    const name = `v${this.variables.length}`;
    const value = this.chance(70);
    this.variables.push(`$${name}: Boolean!`);
    this.values[name] = value;
    return this.chance(50) ? ` @include(if: $${name})` : ` @skip(if: $${name})`;
  }

  /** A selection on an object or abstract type; at the depth limit only leaves (and connections' counts). */
  private selection(type: GraphQLNamedType, depth: number): string {
    if (isInterfaceType(type) || isUnionType(type)) {
      const parts = ['__typename'];
      if (isInterfaceType(type)) parts.push(...this.fieldsOf(type, depth));
      const possible = this.schema.getPossibleTypes(type);
      for (let i = this.int(1, 2); i > 0; i--) {
        const concrete = this.pick(possible);
        parts.push(`... on ${concrete.name} { ${this.objectSelection(concrete, depth)} }`);
      }
      return parts.join(' ');
    }
    return this.objectSelection(type as GraphQLObjectType, depth);
  }

  private objectSelection(type: GraphQLObjectType, depth: number): string {
    const own = this.fieldsOf(type, depth);
    if (this.chance(10)) own.push('__typename');
    if (this.chance(12)) {
      const name = `F${this.fragmentCount++}`;
      this.fragments.push(`fragment ${name} on ${type.name} { ${own.join(' ')} }`);
      return `...${name}`;
    }
    return own.join(' ');
  }

  private fieldsOf(type: GraphQLObjectType | GraphQLInterfaceType, depth: number): string[] {
    const all = Object.values(type.getFields());
    const leaves = all.filter((f) => isLeafType(getNamedType(f.type)));
    const candidates = depth >= MAX_DEPTH ? leaves : all;
    const chosen: string[] = [];
    const count = this.int(1, Math.min(MAX_FIELDS, candidates.length));
    const used = new Set<string>();
    for (let i = 0; i < count; i++) {
      const field = this.pick(candidates.length > 0 ? candidates : all);
      const alias = used.has(field.name) || this.chance(10);
      used.add(field.name);
      chosen.push(this.field(type, field, depth, alias));
    }
    return chosen;
  }

  private arguments(parent: GraphQLObjectType | GraphQLInterfaceType, field: GraphQLField<unknown, unknown>, depth: number): string {
    const given: string[] = [];
    const paged = field.args.some((a) => a.name === 'first');
    const backward = paged && field.args.some((a) => a.name === 'last') && this.chance(25);
    for (const arg of field.args) {
      const value = this.argument(parent, field, arg, { paged, backward, depth });
      if (value !== undefined) given.push(`${arg.name}: ${value}`);
    }
    return given.length > 0 ? `(${given.join(', ')})` : '';
  }

  private argument(parent: GraphQLObjectType | GraphQLInterfaceType, field: GraphQLField<unknown, unknown>, arg: GraphQLArgument, page: { paged: boolean; backward: boolean; depth: number }): string | undefined {
    // A page size is always given below the root: the cost limit counts an absent one as the maximum.
    if (arg.name === 'first') return page.backward ? undefined : page.depth > 1 || this.chance(80) ? String(this.int(0, MAX_PAGE)) : undefined;
    if (arg.name === 'last') return page.backward ? String(this.int(0, MAX_PAGE)) : undefined;
    if (arg.name === 'after') return !page.backward && this.chance(30) ? JSON.stringify(this.cursor(field)) : undefined;
    if (arg.name === 'before') return page.backward && this.chance(30) ? JSON.stringify(this.cursor(field)) : undefined;
    if (parent.name === 'Query' && field.name === 'nodes') {
      const ids = Array.from({ length: this.int(0, 4) }, () => JSON.stringify(this.pick(this.pools.anyIds)));
      return `[${ids.join(', ')}]`;
    }
    if (parent.name === 'Query' && field.name === 'samplingPlan') {
      if (arg.name === 'lotSize') return String(this.pick([1, 2, 8, 9, 50, 150, 151, 500, 1200, 35000, 500001]));
      if (arg.name === 'aql') return String(this.pick(this.pools.floats));
    }
    if (parent.name === 'Dashboard' && arg.name === 'first') return String(this.int(0, 5));
    if (parent.name === 'Dashboard' && arg.name === 'days') return String(this.pick([0, 7, 30, 365, 3000]));
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    if (!required && !this.chance(35)) return undefined;
    return this.value(arg.type, arg.name, 0);
  }

  /** Mostly a cursor of the same list, sometimes one of another. */
  private cursor(field: GraphQLField<unknown, unknown>): string {
    const own = this.pools.cursors[getNamedType(field.type).name];
    return this.pick(own !== undefined && own.length > 0 && this.chance(85) ? own : Object.values(this.pools.cursors).flat());
  }

  private value(type: GraphQLInputType, name: string, depth: number): string {
    if (isNonNullType(type)) return this.value(type.ofType, name, depth);
    if (isListType(type)) {
      const items = Array.from({ length: this.int(0, 3) }, () => this.value(type.ofType, name, depth + 1));
      return `[${items.join(', ')}]`;
    }
    if (isEnumType(type)) return this.pick(type.getValues()).name;
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) || this.chance(40));
      return `{ ${fields.map((f) => `${f.name}: ${this.value(f.type, f.name, depth + 1)}`).join(', ')} }`;
    }
    if (isScalarType(type)) {
      switch (type.name) {
        case 'ID': {
          const typeName = /^(supplier|customer|part|order|delivery)Id$/.exec(name)?.[1];
          const pool = typeName ? this.pools.ids[typeName[0]!.toUpperCase() + typeName.slice(1)] : undefined;
          return JSON.stringify(this.pick(pool !== undefined && this.chance(80) ? pool : this.pools.anyIds));
        }
        case 'Int':
          return String(this.int(0, 5));
        case 'Float':
          return String(this.pick(this.pools.floats));
        case 'Boolean':
          return this.chance(50) ? 'true' : 'false';
        case 'Date':
          return JSON.stringify(this.pick(this.pools.dates));
        case 'DateTime':
          return JSON.stringify(this.pick(this.pools.dateTimes));
        default:
          return JSON.stringify(this.pick(this.pools.strings));
      }
    }
    throw new Error(`cannot write a value of ${String(type)}`);
  }
}

