// Random read queries for the benchmark's generated workload, written from the served schema with a
// seeded generator: random fields of every type, small pages, filters and sort orders, aliases and
// inline fragments. Fields a TypeScript rule finishes (advice, scorecards) and the activity feed are
// left out, so that the statement the compiler writes is, run as it is, an exact raw floor.
import { getNamedType, isEnumType, isInputObjectType, isInterfaceType, isLeafType, isListType, isNonNullType, isObjectType } from 'graphql';

const FINISHED_BY_RULES = new Set(['sourcingAdvice', 'relationship', 'scorecard', 'activity', 'samplingPlan', 'viewer']);

/** mulberry32: a small seeded generator, so that a run's queries can be written again. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomQueries(schema, count, seed, ids) {
  const next = generator(seed);
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (list) => list[int(0, list.length - 1)];
  let alias = 0;

  const value = (type, name) => {
    if (isNonNullType(type)) return value(type.ofType, name);
    if (isListType(type)) return `[${Array.from({ length: int(1, 2) }, () => value(type.ofType, name)).join(', ')}]`;
    if (isEnumType(type)) return pick(type.getValues()).name;
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) || (f.type.toString() !== 'String' && f.type.toString() !== 'ID' && next() < 0.4));
      return `{ ${fields.map((f) => `${f.name}: ${value(f.type, f.name)}`).join(', ')} }`;
    }
    switch (type.name) {
      case 'Int':
        return String(int(1, 5));
      case 'Boolean':
        return next() < 0.5 ? 'true' : 'false';
      case 'Date':
        return JSON.stringify(pick(['2026-01-01', '2026-06-30', '2026-12-31']));
      case 'ID':
        return JSON.stringify(pick(ids));
      default:
        return JSON.stringify('a');
    }
  };

  const args = (field, depth) => {
    const given = [];
    for (const arg of field.args) {
      if (arg.name === 'first') given.push(`first: ${depth === 1 ? int(5, 20) : int(1, 4)}`);
      else if (arg.name === 'ids') given.push(`ids: [${Array.from({ length: int(1, 4) }, () => JSON.stringify(pick(ids))).join(', ')}]`);
      else if (arg.name === 'id') given.push(`id: ${JSON.stringify(pick(ids))}`);
      else if (['last', 'after', 'before'].includes(arg.name)) continue;
      else if ((isNonNullType(arg.type) && arg.defaultValue === undefined) || next() < 0.3) given.push(`${arg.name}: ${value(arg.type, arg.name)}`);
    }
    return given.length ? `(${given.join(', ')})` : '';
  };

  const selection = (type, depth) => {
    if (isInterfaceType(type)) {
      const concrete = pick(schema.getPossibleTypes(type));
      return `__typename ... on ${concrete.name} { ${selection(concrete, depth)} }`;
    }
    const fields = Object.values(type.getFields()).filter((f) => !FINISHED_BY_RULES.has(f.name));
    const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
    const candidates = depth >= 4 ? leaves : fields;
    const chosen = new Map();
    for (let i = int(2, 5); i > 0; i--) {
      const field = pick(candidates.length ? candidates : leaves);
      const named = getNamedType(field.type);
      const key = chosen.has(field.name) ? `a${alias++}: ${field.name}` : field.name;
      const text = isLeafType(named) ? `${key}${args(field, depth)}` : `${key}${args(field, depth)} { ${selection(named, depth + 1)} }`;
      chosen.set(chosen.has(field.name) ? key : field.name, text);
    }
    return [...chosen.values()].join(' ');
  };

  const query = schema.getQueryType();
  const roots = Object.values(query.getFields()).filter((f) => !FINISHED_BY_RULES.has(f.name) && f.name !== 'nodes' && f.name !== 'dashboard');
  return Array.from({ length: count }, () => {
    const root = pick(roots);
    const named = getNamedType(root.type);
    return `query { ${root.name}${args(root, 1)} { ${isObjectType(named) || isInterfaceType(named) ? selection(named, 2) : ''} } }`;
  });
}
