import {
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  isAbstractType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';

/** A response key and every field node that answers it (their sub-selections merge). */
export interface CollectedField {
  name: string;
  nodes: FieldNode[];
}

/** GraphQL names: safe to write into SQL as a literal once checked. */
const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * graphql-js's field collection for an object of type `typeName`: response keys in first-seen order,
 * fragments and inline fragments followed when their type condition applies to the type. A selection
 * carrying a directive (@skip, @include) makes the result null, unless `directives` is 'ignore', which
 * counts it as selected (an upper bound).
 */
export function collectFields(
  schema: GraphQLSchema,
  fragments: Record<string, FragmentDefinitionNode>,
  typeName: string,
  sets: readonly (SelectionSetNode | undefined)[],
  directives: 'refuse' | 'ignore' = 'refuse',
): Map<string, CollectedField> | null {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) return null;
  const applies = (condition: string | undefined) => {
    if (condition === undefined || condition === typeName) return true;
    const abstract = schema.getType(condition);
    return abstract !== undefined && isAbstractType(abstract) && schema.isSubType(abstract, type);
  };
  const refused = (node: { directives?: readonly unknown[] }) => directives === 'refuse' && (node.directives?.length ?? 0) > 0;
  const fields = new Map<string, CollectedField>();
  const visited = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): boolean => {
    if (set === undefined) return true;
    for (const selection of set.selections) {
      if (refused(selection)) return false;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        if (!NAME.test(key)) return false;
        const existing = fields.get(key);
        if (existing) existing.nodes.push(selection);
        else fields.set(key, { name: selection.name.value, nodes: [selection] });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition?.name.value) && !visit(selection.selectionSet)) return false;
      } else {
        const name = selection.name.value;
        if (visited.has(name)) continue;
        visited.add(name);
        const fragment = fragments[name];
        if (fragment === undefined || refused(fragment)) return false;
        if (applies(fragment.typeCondition.name.value) && !visit(fragment.selectionSet)) return false;
      }
    }
    return true;
  };
  for (const set of sets) if (!visit(set)) return null;
  return fields;
}

/** The merged sub-selections of a collected field. */
export const subSelections = (field: CollectedField): (SelectionSetNode | undefined)[] => field.nodes.map((n) => n.selectionSet);

/**
 * The names of the fields a query selects on the objects of type `typeName` that this field returns,
 * reached along any of `paths` of field names (e.g. `[['nodes'], ['edges', 'node']]` for a
 * connection, `[[]]` for the value itself). An upper bound: a field under @skip or @include counts as
 * selected. Used to read what the fields below will show in the same statement; it never decides
 * what is returned.
 */
export function selectedFields(info: GraphQLResolveInfo, typeName: string, paths: readonly (readonly string[])[]): Set<string> {
  const found = new Set<string>();
  for (const path of paths) {
    let type: GraphQLNamedType | undefined = getNamedType(info.returnType);
    let sets: (SelectionSetNode | undefined)[] = info.fieldNodes.map((n) => n.selectionSet);
    for (const step of path) {
      if (!isObjectType(type)) break;
      const fields = [...(collectFields(info.schema, info.fragments, type.name, sets, 'ignore')?.values() ?? [])].filter((f) => f.name === step);
      const next: GraphQLField<unknown, unknown> | undefined = type.getFields()[step];
      type = next === undefined ? undefined : (getNamedType(next.type) as GraphQLNamedType);
      sets = fields.flatMap(subSelections);
    }
    for (const field of collectFields(info.schema, info.fragments, typeName, sets, 'ignore')?.values() ?? []) found.add(field.name);
  }
  return found;
}
