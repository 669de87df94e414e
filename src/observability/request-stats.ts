import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import { type GraphQLFormattedError, getOperationAST } from 'graphql';
import type { Viewer } from '../auth/viewer.js';
import type { Context } from '../context.js';
import type { StatementWatchers } from '../db/statements.js';

/** What one request or WebSocket operation did, for its log line and the metrics. */
export interface RequestStats {
  statements: number;
  operationName: string | null;
  operationType: string | undefined;
  /** extensions.code of each error sent, in order. */
  errorCodes: string[];
  cost: number | undefined;
  user: string | undefined;
  organization: string | null | undefined;
}

const current = new AsyncLocalStorage<RequestStats>();

export function newRequestStats(): RequestStats {
  return { statements: 0, operationName: null, operationType: undefined, errorCodes: [], cost: undefined, user: undefined, organization: undefined };
}

/** Runs `work` with `stats` collecting what it does, awaited work included. */
export function collecting<T>(stats: RequestStats, work: () => T): T {
  return current.run(stats, work);
}

export function currentStats(): RequestStats | undefined {
  return current.getStore();
}

export function noteViewer(stats: RequestStats, viewer: Viewer | null): void {
  stats.user = viewer?.id;
  stats.organization = viewer === null ? undefined : (viewer.organization?.id ?? null);
}

export function codesOf(errors: readonly GraphQLFormattedError[] | undefined): string[] {
  return (errors ?? []).map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR'));
}

/** Counts the statements each request issues (a statement is issued in its caller's context). */
export function countStatementsPerRequest(statements: StatementWatchers): () => void {
  const nothing = () => {};
  return statements.add(() => {
    const stats = current.getStore();
    if (stats !== undefined) stats.statements += 1;
    return nothing;
  });
}

/** Apollo's side: the operation's name and type, its errors and its cost, into the request's stats. */
export const requestStatsPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, operationName }) {
        const stats = current.getStore();
        if (stats === undefined) return;
        stats.operationName = operationName ?? null;
        stats.operationType = operation?.operation;
      },
      async willSendResponse({ response, contextValue, request, document }) {
        const stats = current.getStore();
        if (stats === undefined) return;
        // Named also when validation refused the operation (didResolveOperation never ran).
        if (stats.operationName === null) stats.operationName = request.operationName ?? (document === undefined ? null : (getOperationAST(document, request.operationName)?.name?.value ?? null));
        stats.cost = contextValue.cost.report?.requested;
        if (response.body.kind === 'single') stats.errorCodes = codesOf(response.body.singleResult.errors);
      },
    };
  },
};
