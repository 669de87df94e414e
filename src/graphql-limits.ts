import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';

/** Limits applied to every operation, over HTTP and over WebSocket alike. */
export const MAX_DEPTH = 12;
export const MAX_ALIASES = 30;
export const MAX_TOKENS = 5000;

function depthOf(selectionSet: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, seen: Set<string>): number {
  if (!selectionSet) return 0;
  let max = 0;
  for (const selection of selectionSet.selections) {
    let depth = 0;
    if (selection.kind === Kind.FIELD) {
      depth = selection.name.value.startsWith('__') ? 0 : 1 + depthOf(selection.selectionSet, fragments, seen);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = depthOf(selection.selectionSet, fragments, seen);
    } else {
      const name = selection.name.value;
      const fragment = fragments[name];
      if (fragment && !seen.has(name)) depth = depthOf(fragment.selectionSet, fragments, new Set([...seen, name]));
    }
    max = Math.max(max, depth);
  }
  return max;
}

/** Refuses operations nested deeper than MAX_DEPTH fields (introspection fields do not count). */
export const depthLimit: ValidationRule = (context: ValidationContext): ASTVisitor => {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of context.getDocument().definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return {
    OperationDefinition(operation) {
      const depth = depthOf(operation.selectionSet, fragments, new Set());
      if (depth > MAX_DEPTH) {
        context.reportError(new GraphQLError(`The operation is nested ${depth} levels deep; the limit is ${MAX_DEPTH}.`, { nodes: [operation] }));
      }
    },
  };
};

/** Refuses documents with more than MAX_ALIASES aliases (alias batching multiplies work). */
export const aliasLimit: ValidationRule = (context: ValidationContext): ASTVisitor => {
  let aliases = 0;
  return {
    Field(field) {
      if (field.alias && ++aliases === MAX_ALIASES + 1) {
        context.reportError(new GraphQLError(`The document uses more than ${MAX_ALIASES} aliases.`, { nodes: [field] }));
      }
    },
  };
};

export const validationRules: ValidationRule[] = [depthLimit, aliasLimit];
