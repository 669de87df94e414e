import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import type { Context } from '../context.js';
import { isDatabaseUnavailable } from '../db/errors.js';
import { serviceUnavailable } from '../errors.js';
import type { KnownReads } from './known-reads.js';
import type { Viewer } from '../auth/viewer.js';
import { answerQuery, type JsonPieces, type ReadRequest } from './operation.js';

/**
 * The read request of a signed-in request's context: its reader, viewer and clock; a plan or a
 * decline is noted in `compiledRead` for the response's headers and the log.
 */
export function readRequestOf(context: Context, viewer: Viewer): ReadRequest {
  return {
    reader: context.reader,
    viewer,
    now: context.now(),
    timeZone: context.timeZone,
    planned: () => {
      context.compiledRead.planned = true;
    },
    declined: (reason) => {
      context.compiledRead.declined = reason;
      context.log.debug({ reason }, 'query executed by graphql-js');
    },
  };
}

/** Request header that asks for graphql-js execution instead (honoured only where configured: tests). */
export const READ_PATH_HEADER = 'x-read-path';

/**
 * Answers queries from the read models (src/read/operation.ts) after Apollo has parsed, validated and
 * admitted them (same limits, authentication and budgets), instead of graphql-js execution. Apollo
 * still writes the response head; the HTTP handler swaps in the JSON text the statement built
 * (Context.compiledRead), so it is never parsed into objects and printed again.
 */
export function compiledReads(options: { allowPathChoice: boolean; known: KnownReads }): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation(request) {
          const { operation, document, schema, contextValue } = request;
          if (operation === undefined || document === undefined || contextValue.viewer === null) return null;
          if (options.allowPathChoice && request.request.http?.headers.get(READ_PATH_HEADER) === 'executed') return null;
          let data: JsonPieces | null;
          try {
            data = await answerQuery(schema, document, operation, request.request.variables, readRequestOf(contextValue, contextValue.viewer));
          } catch (error) {
            if (isDatabaseUnavailable(error)) {
              contextValue.log.warn({ reason: (error as Error).message }, 'database unavailable');
              const unavailable = serviceUnavailable();
              return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: null, errors: [{ message: unavailable.message, extensions: unavailable.extensions }] } } };
            }
            // A fault of the compiled path must not cost the client its answer: it is logged, and
            // graphql-js answers instead.
            contextValue.log.error({ err: error }, 'compiled read failed; executing the query instead');
            return null;
          }
          if (data === null) return null;
          contextValue.compiledRead.data = data;
          const query = request.request.query;
          if (query !== undefined) options.known.remember(query, request.request.operationName, { document, operation });
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: {} } } };
        },
      };
    },
  };
}
