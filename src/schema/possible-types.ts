import { type GraphQLSchema, isAbstractType } from 'graphql';

/**
 * The object types behind each interface and union, as Apollo Client's `possibleTypes` and urql's
 * graphcache want them: without it they cannot match a fragment on `Node` or `Partner` to the
 * object that answers it, and silently drop its fields.
 */
export function possibleTypes(schema: GraphQLSchema): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const type of Object.values(schema.getTypeMap()).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!isAbstractType(type) || type.name.startsWith('__')) continue;
    result[type.name] = schema
      .getPossibleTypes(type)
      .map((t) => t.name)
      .sort();
  }
  return result;
}
