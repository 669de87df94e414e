import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import type { Message } from '../i18n/message.js';

/**
 * The shape limits of every operation, over HTTP and WebSocket alike (graphql-armor's rules, which
 * count through fragments once per fragment, so a fragment spread many times costs no extra work).
 * What an operation may cost is the cost rule's business (cost.ts); these bound the document itself.
 */
export const MAX_DEPTH = 12;
/** Aliases multiply work: thirty lets a dashboard ask for a handful of differently filtered lists. */
export const MAX_ALIASES = 30;
export const MAX_DIRECTIVES = 50;
/** Lexical tokens; graphql-js stops parsing past it (Apollo's parseOptions and graphql-ws alike). */
export const MAX_TOKENS = 5000;

/** extensions.code of each refusal: a client can tell which limit it hit without reading the text. */
export const limitCodes = {
  depth: 'DEPTH_LIMIT_EXCEEDED',
  aliases: 'ALIAS_LIMIT_EXCEEDED',
  directives: 'DIRECTIVE_LIMIT_EXCEEDED',
  tokens: 'TOKEN_LIMIT_EXCEEDED',
  cost: 'COST_LIMIT_EXCEEDED',
} as const;
export type LimitCode = (typeof limitCodes)[keyof typeof limitCodes];

export function limitError(code: LimitCode, message: Message): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/** armor reports "Syntax Error: <what>"; ours carries the limit's code and a plain message. */
function reporter(code: LimitCode) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    // graphql-armor's own sentence: its templates are in the translation catalogue.
    context?.reportError(limitError(code, error.message.replace(/^Syntax Error: /, '') as Message));
  };
}

export const operationLimitRules: ValidationRule[] = [
  // Fragments and inline fragments are not levels: depth counts nested fields, as a client sees them.
  maxDepthRule({ n: MAX_DEPTH, flattenFragments: true, ignoreIntrospection: true, propagateOnRejection: false, onReject: [reporter(limitCodes.depth)] }),
  maxAliasesRule({ n: MAX_ALIASES, allowList: [], propagateOnRejection: false, onReject: [reporter(limitCodes.aliases)] }),
  maxDirectivesRule({ n: MAX_DIRECTIVES, propagateOnRejection: false, onReject: [reporter(limitCodes.directives)] }),
];

/** graphql-js's parse error for the token limit, recognised so that it carries the limit's code. */
export function isTokenLimitError(error: GraphQLError | string): boolean {
  return /tokens\. Parsing aborted\.$/.test(typeof error === 'string' ? error : error.message);
}
