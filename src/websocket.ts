import type { IncomingMessage, Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { type DocumentNode, type ExecutionArgs, type ExecutionResult, execute, GraphQLError, type GraphQLFormattedError, type GraphQLSchema, getOperationAST, NoSchemaIntrospectionCustomRule, parse, specifiedRules, subscribe, validate } from 'graphql';
import { CloseCode, type Context as WsContext, handleProtocols, makeServer } from 'graphql-ws';
import { decodeJwt } from 'jose';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import { bearerToken, TokenError, type TokenVerifier } from './auth/tokens.js';
import type { Viewer } from './auth/viewer.js';
import type { Context } from './context.js';
import { errorCodes, isDatabaseUnavailable } from './db/errors.js';
import { formatError, serviceUnavailable } from './errors.js';
import { admit } from './limits/admission.js';
import { answerQuery, jsonText } from './read/operation.js';
import { readRequestOf } from './read/plugin.js';
import type { Metrics } from './observability/metrics.js';
import { codesOf, logFields, newRequestStats, noteViewer, type RequestStats } from './observability/request-stats.js';
import { describeOperation, inOperationSpan } from './observability/tracing.js';

import type { Budgets } from './limits/budgets.js';
import { busy, type FairShare } from './limits/fair-share.js';
import { MAX_TOKENS, operationLimitRules } from './limits/operation-limits.js';
import { msg } from './i18n/message.js';
import { type Language, languageOfConnection } from './i18n/language.js';
import { translateMessage } from './i18n/translate.js';

export interface WebSocketLimits {
  /** Active subscriptions one socket may hold. */
  subscriptionsPerSocket: number;
  /** Active subscriptions one user may hold on this instance, over all of its sockets. */
  subscriptionsPerUser: number;
  /** Largest frame accepted, in bytes; a larger one closes the socket (1009). */
  maxPayloadBytes: number;
  /** Ping interval; a client that does not answer within it is dropped. */
  keepAliveMs: number;
}

export interface WebSocketOptions {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  verify: TokenVerifier;
  budgets: Budgets | null;
  /** The organisations' turns (src/limits/fair-share.ts), shared with HTTP: every operation on a socket takes one. */
  fairShare: FairShare;
  limits: WebSocketLimits;
  /** Production: no introspection, no suggestions. */
  hideSchemaDetails: boolean;
  log: Logger;
  createContext(viewer: Viewer, requestId: string, language: Language, stats: RequestStats): Context;
  metrics: Metrics;
}

/** One operation on a socket: what it did, for its log line and the metrics. */
interface Operation {
  stats: RequestStats;
  started: bigint;
  connection: Connection;
  id: string;
  /** Gives its organisation's turn back (src/limits/fair-share.ts); once is enough, more do nothing. */
  endTurn: () => void;
}

interface Connection {
  viewer: Viewer;
  requestId: string;
  /** The language of the messages it is sent. */
  language: Language;
  /** Ids of this socket's active subscription operations. */
  subscriptions: Set<string>;
  expiry: NodeJS.Timeout | undefined;
}

/** Close reasons are limited to 123 bytes by the protocol. */
const reason = (text: string) => text.slice(0, 120);

/** setTimeout's longest delay; a token living longer is checked again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * GraphQL over WebSocket (graphql-ws protocol) on the HTTP server's port, with the HTTP transport's
 * rules: the same parse and validation limits, input limits, cost and budgets; introspection and
 * suggestions off in production. Connection-level rules of its own: a missing or invalid token at
 * connection_init closes with 4401 (graphql-ws clients do not retry it); the socket closes with 4403
 * when its token expires, so a client reconnects with a fresh one and resumes from its cursor; at most
 * so many subscriptions per socket and per user. Bad frames close the socket with a log line, never
 * a stack trace.
 */
/** The error with `code` among its extensions unless it names one already. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  if (typeof error.extensions.code === 'string') return error;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions: { ...error.extensions, code } });
}

export function createWebSocketServer(options: WebSocketOptions): { dispose(): Promise<void> } {
  const { schema, log, limits } = options;
  const rules = [...specifiedRules, ...operationLimitRules, ...(options.hideSchemaDetails ? [NoSchemaIntrospectionCustomRule] : [])];
  const { metrics } = options;
  const connections = new WeakMap<WsContext, Connection>();
  const perUser = new Map<string, number>();
  const operations = new WeakMap<Context, Operation>();
  const secondsSince = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;
  /** What an operation on this socket is doing, for its log line and the metrics. */
  const statsFor = (connection: Connection | undefined, operationName: string | null) => {
    const stats = newRequestStats();
    stats.operationName = operationName;
    if (connection !== undefined) noteViewer(stats, connection.viewer);
    return stats;
  };
  /** A query's or mutation's answer, a subscription set up, or a refusal: one log line and its metrics. */
  const answered = (connection: Connection | undefined, id: string, stats: RequestStats, started: bigint) => {
    const seconds = secondsSince(started);
    metrics.operation('ws', stats, seconds);
    log.info({ requestId: connection?.requestId, id, ...logFields(stats), ms: seconds * 1000 }, 'websocket operation');
  };
  // Every error a client sees goes through here (onSubscribe's refusals reach onError too).
  const errorsOut = (connection: Connection | undefined, errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((e) => {
      const original = e.originalError;
      if (original && !(original instanceof GraphQLError)) {
        // As over HTTP: an outage is a warning, anything else unexpected an error with its stack.
        if (isDatabaseUnavailable(original)) log.warn({ reason: original.message, codes: errorCodes(original), path: e.path }, 'database unavailable');
        else log.error({ err: original, path: e.path }, 'unexpected error');
      }
      const { http: _http, ...extensions } = (e.extensions ?? {}) as Record<string, unknown>;
      const formatted = { ...e.toJSON(), extensions } as GraphQLFormattedError;
      const shown = formatError(formatted, e, { hideSchemaDetails: options.hideSchemaDetails });
      return connection === undefined ? shown : { ...shown, message: translateMessage(shown.message, connection.language) };
    });
  const release = (connection: Connection, id: string) => {
    if (!connection.subscriptions.delete(id)) return;
    metrics.subscriptions.dec();
    const left = (perUser.get(connection.viewer.id) ?? 1) - 1;
    if (left <= 0) perUser.delete(connection.viewer.id);
    else perUser.set(connection.viewer.id, left);
  };

  /** Runs an admitted operation's work, then gives its organisation's turn back however the work ends. */
  const endingTurn = async <R>(tracked: Operation, work: () => R | Promise<R>): Promise<R> => {
    try {
      return await work();
    } finally {
      tracked.endTurn();
    }
  };

  /** Queries are answered from the read models, as over HTTP; subscriptions and what the compiled path leaves to graphql-js are executed. */
  const run = async (args: ExecutionArgs): Promise<ExecutionResult> => {
    const context = args.contextValue as Context;
    const operation = getOperationAST(args.document, args.operationName);
    if (operation?.operation === 'query' && context.viewer !== null) {
      try {
        const data = await answerQuery(schema, args.document, operation, args.variableValues ?? undefined, readRequestOf(context, context.viewer));
        if (data !== null) return { data: JSON.parse(jsonText(data)) as Record<string, unknown> };
      } catch (error) {
        if (isDatabaseUnavailable(error)) return { errors: [serviceUnavailable()] };
        log.error({ err: error }, 'compiled read failed; executing the query instead');
      }
    }
    return execute(args);
  };

  /** Parse, validation, limits and admission of one operation: what graphql-ws runs, or why not. */
  const admitOperation = async (connection: Connection | undefined, id: string, payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null }, started: bigint, endTurn: () => void): Promise<ExecutionArgs | readonly GraphQLError[]> => {
    if (!connection) return [new GraphQLError(msg`Sign in first.`, { extensions: { code: 'UNAUTHENTICATED' } })];
    let document: DocumentNode;
    try {
      document = parse(payload.query, { maxTokens: MAX_TOKENS });
    } catch (error) {
      return [withCode(error instanceof GraphQLError ? error : new GraphQLError(msg`The operation could not be parsed.`), 'GRAPHQL_PARSE_FAILED')];
    }
    const errors = validate(schema, document, rules);
    // With the codes Apollo gives the same errors over HTTP (a limit's rule names its own).
    if (errors.length > 0) return errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
    const operation = getOperationAST(document, payload.operationName ?? undefined);
    if (!operation) return [new GraphQLError(msg`Name the operation to run: the document holds several.`, { extensions: { code: 'BAD_USER_INPUT' } })];
    if (operation.operation === 'subscription') {
      if (connection.subscriptions.size >= limits.subscriptionsPerSocket) {
        return [new GraphQLError(msg`This socket already holds ${limits.subscriptionsPerSocket} subscriptions, the most it may; complete one first.`, { extensions: { code: 'SUBSCRIPTION_LIMIT_EXCEEDED' } })];
      }
      if ((perUser.get(connection.viewer.id) ?? 0) >= limits.subscriptionsPerUser) {
        return [new GraphQLError(msg`You already hold ${limits.subscriptionsPerUser} subscriptions, the most one user may; complete one first.`, { extensions: { code: 'SUBSCRIPTION_LIMIT_EXCEEDED' } })];
      }
    }
    const stats = statsFor(connection, payload.operationName ?? operation.name?.value ?? null);
    stats.operationType = operation.operation;
    const contextValue = options.createContext(connection.viewer, connection.requestId, connection.language, stats);
    try {
      contextValue.cost.report = await admit(options.budgets, { schema, document, operation, variables: payload.variables ?? undefined, viewer: connection.viewer, onStatement: () => (stats.statements += 1) });
    } catch (error) {
      return [error instanceof GraphQLError ? error : new GraphQLError(msg`The operation could not be admitted.`, { originalError: error as Error })];
    }
    stats.cost = contextValue.cost.report.requested;
    operations.set(contextValue, { stats, started, connection, id, endTurn });
    if (operation.operation === 'subscription') {
      connection.subscriptions.add(id);
      perUser.set(connection.viewer.id, (perUser.get(connection.viewer.id) ?? 0) + 1);
      metrics.subscriptions.inc();
      answered(connection, id, stats, started);
    }
    return { schema, document, variableValues: payload.variables ?? undefined, operationName: payload.operationName ?? undefined, contextValue };
  };

  const server = makeServer<Record<string, unknown> | undefined, { socket: WebSocket; request: IncomingMessage }>({
    schema,
    onConnect: async (ctx) => {
      const requestId = randomUUID();
      const socket = ctx.extra.socket;
      const token = bearerToken(ctx.connectionParams?.authorization);
      if (token === null) {
        log.info({ requestId }, 'websocket refused: no bearer token');
        socket.close(CloseCode.Unauthorized, reason('Unauthorized: send connectionParams.authorization = "Bearer <token>"'));
        return false;
      }
      let viewer: Viewer;
      try {
        viewer = await options.verify(token);
      } catch (error) {
        const why = error instanceof TokenError ? error.message : 'the access token could not be verified';
        log.info({ requestId, reason: why }, 'websocket refused');
        socket.close(CloseCode.Unauthorized, reason(`Unauthorized: ${why}`));
        return false;
      }
      const language = languageOfConnection(ctx.connectionParams, ctx.extra.request.headers['accept-language']);
      const connection: Connection = { viewer, requestId, language, subscriptions: new Set(), expiry: undefined };
      const exp = decodeJwt(token).exp;
      if (typeof exp === 'number') {
        const closeAtExpiry = () => {
          const left = exp * 1000 - Date.now();
          if (left > 0) {
            connection.expiry = setTimeout(closeAtExpiry, Math.min(left, MAX_TIMER_MS));
            connection.expiry.unref();
            return;
          }
          log.info({ requestId, user: viewer.id }, 'websocket closed: token expired');
          socket.close(CloseCode.Forbidden, reason('Forbidden: the access token expired; reconnect with a fresh one'));
        };
        closeAtExpiry();
      }
      connections.set(ctx, connection);
      metrics.sockets.inc();
      log.info({ requestId, user: viewer.id, organization: viewer.organization?.id ?? null }, 'websocket connected');
      return true;
    },
    execute: async (args: ExecutionArgs) => {
      const tracked = operations.get(args.contextValue as Context);
      if (tracked === undefined) return run(args);
      const { stats } = tracked;
      return inOperationSpan('ws', async (span) => {
        const result = await endingTurn(tracked, () => run(args));
        stats.errorCodes = codesOf(result.errors);
        describeOperation(span, stats);
        answered(tracked.connection, tracked.id, stats, tracked.started);
        return result;
      });
    },
    subscribe: (args: ExecutionArgs) => {
      const tracked = operations.get(args.contextValue as Context);
      if (tracked === undefined) return subscribe(args);
      const { stats } = tracked;
      // The span covers setting the subscription up (and its replay's first statements), not its life.
      return inOperationSpan('ws', async (span) => {
        const result = await endingTurn(tracked, () => subscribe(args));
        if ('errors' in result) stats.errorCodes = codesOf(result.errors);
        describeOperation(span, stats);
        return result;
      });
    },
    onSubscribe: async (ctx, id, payload) => {
      const started = process.hrtime.bigint();
      const connection = connections.get(ctx);
      // The organisation's turn, as over HTTP and before any work: many sockets, or one socket sending
      // many operations, hold no more of the database's connections than requests would. A query or
      // mutation holds it until answered, a subscription while it is set up.
      const turn = connection === undefined ? null : await options.fairShare.turn(connection.viewer);
      const endTurn = turn?.ok ? turn.release : () => {};
      // The client completed the operation, or closed the socket, while it waited for its turn (as a
      // request whose client went away): nothing is run, and graphql-ws sends nothing for it.
      if (turn?.ok && !(id in ctx.subscriptions)) {
        endTurn();
        return [new GraphQLError(msg`The operation was completed before its turn came.`)];
      }
      let admitted: ExecutionArgs | readonly GraphQLError[];
      try {
        admitted = turn !== null && !turn.ok ? [busy(turn.refusal)] : await admitOperation(connection, id, payload, started, endTurn);
      } catch (error) {
        endTurn();
        throw error;
      }
      if (Array.isArray(admitted)) {
        endTurn();
        const stats = statsFor(connection, payload.operationName ?? null);
        stats.errorCodes = codesOf(admitted);
        answered(connection, id, stats, started);
      }
      return admitted;
    },
    onNext: (ctx, _id, _payload, args, result) => {
      const report = (args.contextValue as Context).cost.report;
      const { errors, ...rest } = result as ExecutionResult;
      return {
        ...rest,
        ...(errors ? { errors: errorsOut(connections.get(ctx), errors) } : {}),
        ...(report ? { extensions: { ...rest.extensions, cost: report } } : {}),
      } as ExecutionResult;
    },
    onError: (ctx, _id, _payload, errors) => errorsOut(connections.get(ctx), errors),
    onComplete: (ctx, id) => {
      const connection = connections.get(ctx);
      if (connection?.subscriptions.has(id)) log.info({ requestId: connection.requestId, id, user: connection.viewer.id }, 'websocket subscription complete');
      if (connection) release(connection, id);
    },
    onClose: (ctx, code) => {
      const connection = connections.get(ctx);
      if (!connection) return;
      metrics.sockets.dec();
      clearTimeout(connection.expiry);
      for (const id of [...connection.subscriptions]) release(connection, id);
      log.info({ requestId: connection.requestId, user: connection.viewer.id, code }, 'websocket closed');
    },
  });

  const wss = new WebSocketServer({ server: options.httpServer, path: options.path, maxPayload: limits.maxPayloadBytes, handleProtocols });
  wss.on('error', (error) => log.warn({ reason: error.message }, 'websocket server error'));
  wss.on('connection', (socket, request) => {
    socket.on('error', (error: Error & { code?: string }) => {
      // Oversize (1009) or malformed (1002, 1007) frames: ws has closed, or is closing, the socket.
      log.info({ reason: error.message, code: error.code }, 'websocket frame refused');
      if (socket.readyState === WebSocket.OPEN) socket.close(1002, 'Protocol error');
    });
    let pongWait: NodeJS.Timeout | null = null;
    const ping = setInterval(() => {
      if (socket.readyState !== WebSocket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), limits.keepAliveMs);
      socket.once('pong', () => {
        if (pongWait) clearTimeout(pongWait);
        pongWait = null;
      });
      socket.ping();
    }, limits.keepAliveMs);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== WebSocket.OPEN) return resolve();
            socket.send(data, (error) => (error ? reject(error) : resolve()));
          }),
        close: (code, why) => socket.close(code, why),
        onMessage: (cb) =>
          socket.on('message', async (data) => {
            try {
              await cb(String(data));
            } catch (error) {
              log.error({ err: error }, 'websocket message failed');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            }
          }),
      },
      { socket, request },
    );
    socket.once('close', (code, why) => {
      if (pongWait) clearTimeout(pongWait);
      clearInterval(ping);
      void closed(code, String(why));
    });
  });

  return {
    dispose: async () => {
      for (const client of wss.clients) client.close(1001, 'Going away');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
