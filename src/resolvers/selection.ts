import { type GraphQLResolveInfo, isAbstractType, isObjectType, Kind, type SelectionSetNode } from 'graphql';

/**
 * The names of the fields a query selects on the objects of type `typeName` that this field returns,
 * reached along any of `paths` (e.g. `[['nodes'], ['edges', 'node']]` for a connection, `[[]]` for
 * the value itself). Follows fragments and inline fragments whose type condition the type satisfies.
 * An upper bound: a field under @skip or @include counts as selected. Used to read what the fields
 * below will show in the same statement; it never decides what is returned.
 */
export function selectedFields(info: GraphQLResolveInfo, typeName: string, paths: readonly (readonly string[])[]): Set<string> {
  const type = info.schema.getType(typeName);
  const applies = (condition: string | undefined) => {
    if (condition === undefined || condition === typeName) return true;
    const abstract = info.schema.getType(condition);
    return isObjectType(type) && abstract !== undefined && isAbstractType(abstract) && info.schema.isSubType(abstract, type);
  };
  const found = new Set<string>();
  const visit = (set: SelectionSetNode | undefined, path: readonly string[], depth: number, seen: Set<string>) => {
    if (set === undefined) return;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (depth === path.length) found.add(selection.name.value);
        else if (selection.name.value === path[depth]) visit(selection.selectionSet, path, depth + 1, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (depth < path.length || applies(selection.typeCondition?.name.value)) visit(selection.selectionSet, path, depth, seen);
      } else {
        const name = selection.name.value;
        const fragment = info.fragments[name];
        if (fragment === undefined || seen.has(name)) continue;
        if (depth < path.length || applies(fragment.typeCondition.name.value)) visit(fragment.selectionSet, path, depth, new Set([...seen, name]));
      }
    }
  };
  for (const node of info.fieldNodes) for (const path of paths) visit(node.selectionSet, path, 0, new Set());
  return found;
}
