import { type GraphQLSchema, isObjectType } from 'graphql';

/** The part of type-graphql's metadata this pass reads (type-graphql keeps it on globalThis). */
interface FieldMetadata {
  target: object;
  name: string;
  schemaName: string;
  roles?: unknown[];
  middlewares?: unknown[];
}
interface MetadataStorage {
  fields: FieldMetadata[];
  fieldResolvers: { getObjectType?: () => object; methodName: string }[];
  objectTypes: { target: object; name: string }[];
  middlewares?: unknown[];
}

/**
 * type-graphql wraps every plain property field (`@Field() number: string`) in a resolver that runs
 * the middleware chain, even when there is none: an extra allocation and call for each of the
 * thousands of fields a page of orders returns. Fields with no field resolver, no roles, no
 * middlewares and the property's own name get graphql-js's default resolver instead, which reads the
 * same property. Anything type-graphql would check (roles, middlewares) keeps its wrapper; if the
 * metadata cannot be read, nothing changes.
 */
export function useDefaultResolversForPlainFields(schema: GraphQLSchema): number {
  const storage = (globalThis as { TypeGraphQLMetadataStorage?: MetadataStorage }).TypeGraphQLMetadataStorage;
  if (!storage || !Array.isArray(storage.fields) || !Array.isArray(storage.objectTypes) || !Array.isArray(storage.fieldResolvers)) return 0;
  const typeNames = new Map<object, string>();
  for (const t of storage.objectTypes) typeNames.set(t.target, t.name);
  const resolved = new Set(storage.fieldResolvers.map((r) => `${typeNames.get(r.getObjectType?.() ?? {}) ?? '?'}.${r.methodName}`));
  let changed = 0;
  for (const field of storage.fields) {
    const typeName = typeNames.get(field.target);
    if (typeName === undefined || field.name !== field.schemaName) continue;
    if ((field.roles !== undefined && field.roles !== null) || (field.middlewares?.length ?? 0) > 0) continue;
    if (resolved.has(`${typeName}.${field.name}`)) continue;
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    const served = type.getFields()[field.schemaName];
    if (served?.resolve === undefined) continue;
    served.resolve = undefined;
    changed += 1;
  }
  return changed;
}
