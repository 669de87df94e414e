import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import { type GraphQLFormattedError, getOperationAST } from 'graphql';
import type { Viewer } from '../auth/viewer.js';
import type { Context } from '../context.js';
import type { StatementWatchers } from '../db/statements.js';

/** What one request or WebSocket operation did, for its log line and the metrics. */
export interface RequestStats {
  /** SQL statements it ran; null unless statements are counted per request (see collecting). */
  statements: number | null;
  operationName: string | null;
  operationType: string | undefined;
  /** extensions.code of each error sent, in order. */
  errorCodes: string[];
  cost: number | undefined;
  user: string | undefined;
  organization: string | null | undefined;
}

/**
 * Statements are attributed to the request that issued them through an AsyncLocalStorage. On
 * Node.js 20 that turns on promise hooks for the whole process, which cost 30-60% more CPU per
 * request (measured: 0.45 -> 0.6-0.9 ms for a viewer query, 3.9 -> 4.7-5.1 ms for a page of
 * suppliers), so it is on only when asked for (LOG_STATEMENT_COUNTS) or when tracing runs, which
 * pays for an AsyncLocalStorage anyway.
 */
const current = new AsyncLocalStorage<RequestStats>();
let counting = false;

export function setStatementCounting(on: boolean): void {
  counting = on;
}

export function newRequestStats(): RequestStats {
  return { statements: counting ? 0 : null, operationName: null, operationType: undefined, errorCodes: [], cost: undefined, user: undefined, organization: undefined };
}

/** Runs `work`; when statements are counted, with `stats` counting those it issues, awaited work included. */
export function collecting<T>(stats: RequestStats, work: () => T): T {
  return counting ? current.run(stats, work) : work();
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
    statements: stats.statements ?? undefined,
    errors: stats.errorCodes.length > 0 ? stats.errorCodes : undefined,
  };
}

/** Counts the statements each request issues (a statement is issued in its caller's context). */
export function countStatementsPerRequest(statements: StatementWatchers): () => void {
  const nothing = () => {};
  return statements.add(() => {
    const stats = current.getStore();
    if (stats !== undefined && stats.statements !== null) stats.statements += 1;
    return nothing;
  });
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
