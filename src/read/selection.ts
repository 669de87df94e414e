import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  getDirectiveValues,
  isAbstractType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';

/** A response key and every field node that answers it (their sub-selections merge). */
export interface CollectedField {
  key: string;
  name: string;
  nodes: FieldNode[];
}

export interface SelectionScope {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  /** Coerced variables: @skip and @include are decided with them. */
  variables: Record<string, unknown>;
}

function included(scope: SelectionScope, node: FieldNode | { directives?: FieldNode['directives'] }): boolean {
  if (!node.directives?.length) return true;
  const skip = getDirectiveValues(GraphQLSkipDirective, node as FieldNode, scope.variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node as FieldNode, scope.variables);
  return include?.if !== false;
}

/**
 * graphql-js's CollectFields for an object of type `typeName`: response keys in first-seen order,
 * fragments and inline fragments followed when their type condition applies, @skip and @include
 * decided. Each fragment is visited once per object, however often it is spread.
 */
export function collectFields(scope: SelectionScope, typeName: string, sets: readonly (SelectionSetNode | undefined)[]): Map<string, CollectedField> {
  const type = scope.schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  const applies = (condition: string | undefined) => {
    if (condition === undefined || condition === typeName) return true;
    const abstract = scope.schema.getType(condition);
    return abstract !== undefined && isAbstractType(abstract) && scope.schema.isSubType(abstract, type);
  };
  const fields = new Map<string, CollectedField>();
  const visited = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    if (set === undefined) return;
    for (const selection of set.selections) {
      if (!included(scope, selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const existing = fields.get(key);
        if (existing) existing.nodes.push(selection);
        else fields.set(key, { key, name: selection.name.value, nodes: [selection] });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition?.name.value)) visit(selection.selectionSet);
      } else {
        const name = selection.name.value;
        if (visited.has(name)) continue;
        visited.add(name);
        const fragment = scope.fragments[name];
        if (fragment !== undefined && applies(fragment.typeCondition.name.value)) visit(fragment.selectionSet);
      }
    }
  };
  for (const set of sets) visit(set);
  return fields;
}

/** The merged sub-selections of a collected field. */
export const subSelections = (field: CollectedField): (SelectionSetNode | undefined)[] => field.nodes.map((n) => n.selectionSet);
