import type { ApolloServerPlugin } from '@apollo/server';
import { type GraphQLFormattedError, getOperationAST } from 'graphql';
import type { Viewer } from '../auth/viewer.js';
import type { Context } from '../context.js';

/** What one request or WebSocket operation did, for its log line and the metrics. */
export interface RequestStats {
  /** SQL statements it ran through its database handle (src/db/tenancy.ts counts them). */
  statements: number;
  operationName: string | null;
  operationType: string | undefined;
  /** extensions.code of each error sent, in order. */
  errorCodes: string[];
  cost: number | undefined;
  user: string | undefined;
  organization: string | null | undefined;
}

export function newRequestStats(): RequestStats {
  return { statements: 0, operationName: null, operationType: undefined, errorCodes: [], cost: undefined, user: undefined, organization: undefined };
}

export function noteViewer(stats: RequestStats, viewer: Viewer | null): void {
  stats.user = viewer?.id;
  stats.organization = viewer === null ? undefined : (viewer.organization?.id ?? null);
}

/** `extensions.code` of each error, formatted or not; an error without one is an internal error. */
export function codesOf(errors: readonly Pick<GraphQLFormattedError, 'extensions'>[] | undefined): string[] {
  return (errors ?? []).map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR'));
}

/** The fields of an operation's log line, over HTTP and WebSocket alike. */
export function logFields(stats: RequestStats) {
  return {
    operation: stats.operationName,
    type: stats.operationType,
    user: stats.user,
    organization: stats.organization,
    cost: stats.cost,
    statements: stats.statements,
    errors: stats.errorCodes.length > 0 ? stats.errorCodes : undefined,
  };
}

/** Apollo's side: the operation's name and type, its errors and its cost, into the request's stats. */
export const requestStatsPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, operationName, contextValue }) {
        const { stats } = contextValue;
        stats.operationName = operationName ?? null;
        stats.operationType = operation?.operation;
      },
      async willSendResponse({ response, contextValue, request, document }) {
        const { stats } = contextValue;
        // Named also when validation refused the operation (didResolveOperation never ran).
        if (stats.operationName === null) stats.operationName = request.operationName ?? (document === undefined ? null : (getOperationAST(document, request.operationName)?.name?.value ?? null));
        stats.cost = contextValue.cost.report?.requested;
        if (response.body.kind === 'single') stats.errorCodes = codesOf(response.body.singleResult.errors);
      },
    };
  },
};
