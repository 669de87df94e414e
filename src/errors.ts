import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Context } from './context.js';
import { isDatabaseUnavailable } from './db/errors.js';
import { Forbidden } from './domain/shared/errors.js';
import { type Message, msg } from './i18n/message.js';
import { isTokenLimitError, type LimitCode, limitCodes } from './limits/operation-limits.js';

/** Seconds a client is asked to wait before retrying while the database cannot be reached. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

export function serviceUnavailable(): GraphQLError {
  return new GraphQLError(msg`The database is unavailable; nothing was done. Try again shortly.`, { extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS } });
}

/** A refusal to be retried later (a spent budget, an organisation at its fair share): THROTTLED, 429, Retry-After. */
export function throttledError(message: Message, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'THROTTLED', retryAfterSeconds, http: { status: 429, headers: httpHeaders([['retry-after', String(retryAfterSeconds)]]) } },
  });
}

const limitCodeSet = new Set<string>(Object.values(limitCodes));

/** graphql-js's variable errors past its limit: plain bad input, like any other. */
const TOO_MANY_VARIABLE_ERRORS = /^Too many errors processing variables/;

/**
 * What a client sees of an error, on both transports: codes kept, suggestions hidden when the schema
 * is not public, database outages as SERVICE_UNAVAILABLE, anything unexpected masked.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, options: { hideSchemaDetails: boolean }): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof Forbidden) return { ...formatted, extensions: { code: 'FORBIDDEN' } };
  if (isDatabaseUnavailable(error)) {
    const unavailable = serviceUnavailable();
    return { message: unavailable.message, ...(formatted.path ? { path: formatted.path } : {}), extensions: { ...unavailable.extensions } };
  }
  // Apollo files every validation error under GRAPHQL_VALIDATION_FAILED; a limit keeps its own code.
  const inner = error instanceof GraphQLError ? error.originalError : undefined;
  if (inner instanceof GraphQLError && typeof inner.extensions.code === 'string' && limitCodeSet.has(inner.extensions.code)) {
    return { message: inner.message, extensions: { code: inner.extensions.code as LimitCode } };
  }
  if (isTokenLimitError(formatted.message)) return { message: formatted.message.replace(/^Syntax Error: /, ''), extensions: { code: limitCodes.tokens } };
  if (TOO_MANY_VARIABLE_ERRORS.test(formatted.message)) return { message: formatted.message, extensions: { code: 'BAD_USER_INPUT', field: 'variables' } };
  if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
    return { message: msg`Internal server error; the request id in the x-request-id header identifies it in the logs.`, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  if (options.hideSchemaDetails && / Did you mean /.test(formatted.message)) return { ...formatted, message: formatted.message.replace(/ Did you mean .*$/, '') };
  return formatted;
}

/** HTTP 503 with Retry-After when the database was the reason a request failed. */
export const serviceUnavailableStatus: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const errors = response.body.singleResult.errors;
        if (errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) {
          response.http.status = 503;
          response.http.headers.set('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
        }
      },
    };
  },
};

/**
 * Headers for a GraphQL error's `extensions.http`, which Apollo merges into the response when they are
 * a Map (its HeaderMap). The cast: graphql-yoga's typings, loaded with the GraphiQL renderer, declare
 * the same extension with a Record type.
 */
export function httpHeaders(entries: [string, string][]): Record<string, string> {
  return new HeaderMap(entries) as unknown as Record<string, string>;
}
