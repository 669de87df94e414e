import { type FieldNode, type FragmentDefinitionNode, type GraphQLSchema, isAbstractType, isObjectType, Kind, type SelectionSetNode } from 'graphql';

/** A response key and every field node that answers it (their sub-selections merge). */
export interface CollectedField {
  name: string;
  nodes: FieldNode[];
}

/** GraphQL names: safe to write into SQL as a literal once checked. */
const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * graphql-js's field collection for an object of type `typeName`: response keys in first-seen order,
 * fragments and inline fragments followed when their type condition applies to the type. Returns
 * null when the selection uses a directive (@skip, @include): such queries are executed, not compiled.
 */
export function collectFields(schema: GraphQLSchema, fragments: Record<string, FragmentDefinitionNode>, typeName: string, sets: readonly (SelectionSetNode | undefined)[]): Map<string, CollectedField> | null {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) return null;
  const applies = (condition: string | undefined) => {
    if (condition === undefined || condition === typeName) return true;
    const abstract = schema.getType(condition);
    return abstract !== undefined && isAbstractType(abstract) && schema.isSubType(abstract, type);
  };
  const fields = new Map<string, CollectedField>();
  const visited = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): boolean => {
    if (set === undefined) return true;
    for (const selection of set.selections) {
      if ((selection.directives?.length ?? 0) > 0) return false;
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
        if (fragment === undefined) return false;
        if ((fragment.directives?.length ?? 0) > 0) return false;
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
