import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { bearerToken, createTokenVerifier, TokenError, type TokenVerifier } from './auth/tokens.js';
import type { Viewer } from './auth/viewer.js';
import type { Config } from './config.js';
import { type Context, createContext } from './context.js';
import type { Database } from './db/client.js';
import { within } from './db/deadline.js';
import { isDatabaseUnavailable } from './db/errors.js';
import { setApplicationScoping } from './db/scope.js';
import { Forbidden } from './domain/shared/errors.js';
import { compiledReads, READ_PATH_HEADER, readRequestOf } from './read/plugin.js';
import { acceptsPlainJson, type KnownRead, KnownReads, postedOperation } from './read/known-reads.js';
import { answerQuery, jsonText, setPlanning } from './read/operation.js';
import { formatError, httpHeaders, serviceUnavailableStatus } from './errors.js';
import { admission, admit, costExtensionJson } from './limits/admission.js';
import { Budgets, throttled } from './limits/budgets.js';
import { busy, FairShare, type InTurn } from './limits/fair-share.js';
import { MAX_TOKENS, operationLimitRules } from './limits/operation-limits.js';
import { Metrics } from './observability/metrics.js';
import { codesOf, logFields, newRequestStats, noteViewer, type RequestStats, requestStatsPlugin } from './observability/request-stats.js';
import { describeOperation, inOperationSpan, traceStatements } from './observability/tracing.js';
import { openBusinessCalendar } from './calendars.js';
import { GraphiQL } from './graphiql.js';
import { createWebSocketServer } from './websocket.js';
import { ActivityHub } from './realtime/hub.js';
import { buildAppSchema } from './schema/index.js';
import { type Language, languageOf } from './i18n/language.js';
import { type Message, msg } from './i18n/message.js';
import { contentLanguage, translatedErrors } from './i18n/translated-errors.js';
import { translateMessage } from './i18n/translate.js';
import { Webhooks } from './integration/webhooks/webhooks.js';
import { endpointViewer, webhookPayload } from './integration/webhooks/payload.js';
import { configureSecretKey } from './integration/webhooks/secret-box.js';
import { documentOf, subscriptionPayload, subscriptionSpec } from './integration/webhooks/subscription-documents.js';
import type { WebhookEndpointRow } from './db/schema/index.js';
import { BulkExports } from './integration/exports/bulk-exports.js';
import { configureDownloadLinks } from './integration/exports/links.js';
import { sendExportFile } from './integration/exports/download.js';
import { downloadFile, uploadFile } from './integration/files/http.js';
import { purchaseOrderInterchange, receiveInterchange } from './domain/integration/edi-service.js';
import type { ServiceContext } from './domain/shared/service.js';
import { noteCertificateExpiry } from './domain/partners/certificate-service.js';
import { setCertificateWarningDays } from './domain/partners/certificates.js';
import { configureInvoicing } from './resolvers/invoices.js';

const MAX_BODY_BYTES = 1024 * 1024;
/** A compiled answer up to this size is sent as one text in one write; a larger one as its pieces (see handleGraphQL). */
const ONE_WRITE_BYTES = 16 * 1024;
const GRAPHQL_PATH = '/graphql';
/** Paths counted by name in the metrics; any other is "other". */
const knownRoutes = new Set([GRAPHQL_PATH, '/graphiql', '/', '/healthz', '/readyz', '/metrics']);

/** Listens, or fails with the reason (a port in use, say) instead of an 'error' event later. */
function listenOn(server: Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export interface AppOptions {
  config: Config;
  database: Database;
  log: Logger;
  /** The clock; tests inject their own. */
  now?: () => Date;
}

export interface App {
  readonly httpServer: Server;
  /** Starts listening; resolves with the bound port. */
  listen(): Promise<number>;
  /** The metrics server's port when METRICS_PORT is set, once listening. */
  metricsPort(): number | null;
  /** Stops accepting, finishes in-flight requests, closes subscriptions. The database stays open. */
  stop(): Promise<void>;
}

const BEARER_CHALLENGE = 'Bearer realm="graphql"';
/** /readyz answers within this, whatever the database does. */
const READY_TIMEOUT_MS = 800;

/** How long a request refused again for a spent budget waits for its 429 (see handleGraphQL). */
const REFUSAL_PAUSE_MS = 500;

function unauthenticated(message: Message): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: httpHeaders([['www-authenticate', BEARER_CHALLENGE]]) } },
  });
}

/** Reads "Authorization: Bearer <token>"; null without one; a bad or expired token is refused. */
async function viewerFromAuthorization(verify: TokenVerifier, header: unknown): Promise<Viewer | null> {
  if (header === undefined || header === null || header === '') return null;
  const token = bearerToken(header);
  if (token === null) throw unauthenticated(msg`The Authorization header must be "Bearer <token>".`);
  try {
    return await verify(token);
  } catch (error) {
    if (error instanceof TokenError) throw unauthenticated(error.message);
    throw error;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * Answers with a GraphQL error before Apollo is involved, with the status and headers its
 * `extensions.http` names, as Apollo would: one shape for a refusal, whichever path made it.
 */
function sendGraphQLError(res: ServerResponse, error: GraphQLError, stats: RequestStats, language: Language): void {
  const { http, ...extensions } = error.extensions as { http?: { status?: number; headers?: Map<string, string> } };
  stats.errorCodes = codesOf([{ extensions }]);
  sendJson(res, http?.status ?? 400, { errors: [{ message: translateMessage(error.message, language), extensions }] }, { ...Object.fromEntries(http?.headers ?? []), ...contentLanguage(language) });
}

/** A refusal before GraphQL, in the language asked for; `field` names the input at fault (query parameters of the HTTP endpoints). */
function requestError(res: ServerResponse, status: number, code: string, message: Message, stats: RequestStats, language: Language, field?: string): void {
  stats.errorCodes = [code];
  sendJson(res, status, { errors: [{ message: translateMessage(message, language), extensions: { code, ...(field === undefined ? {} : { field }) } }] }, contentLanguage(language));
}

class BodyError extends Error {
  declare message: Message;

  constructor(
    readonly status: number,
    message: Message,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  // Events rather than `for await`: an async iterator per request costs more than the small body.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (error: Error | null) => {
      req.off('data', onData).off('end', onEnd).off('error', settle).off('close', onClose);
      if (error === null) resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
      else reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      settle(new BodyError(413, msg`The request body exceeds ${MAX_BODY_BYTES} bytes.`));
      // The rest is read and dropped while the refusal is answered.
      req.resume();
    };
    const onEnd = () => settle(null);
    // A client that goes away before the end: nothing to answer.
    const onClose = () => settle(new Error('the request was closed before its body ended'));
    req.on('data', onData).on('end', onEnd).on('error', settle).on('close', onClose);
  });
}

/** Unexpected failures are logged with the request id and masked for the client. */
const errorLogging: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors }) {
        for (const error of errors) {
          const original = error.originalError;
          if (original === undefined || original === null || original instanceof GraphQLError || original instanceof Forbidden) continue;
          // An outage is expected to pass: one warning per failed request, answered 503.
          if (isDatabaseUnavailable(original)) contextValue.log.warn({ reason: original.message, path: error.path }, 'database unavailable');
          else contextValue.log.error({ err: original, path: error.path }, 'unexpected error');
        }
      },
    };
  },
};

export async function createApp(options: AppOptions): Promise<App> {
  const { config, database, log } = options;
  const now = options.now ?? (() => new Date());
  const schema = buildAppSchema();
  const verify = createTokenVerifier(config.jwt);
  let draining = false;
  /** HTTP requests whose handler has not finished (a count: a set of them would churn under load). */
  let inFlight = 0;
  const graphiql = new GraphiQL(config, GRAPHQL_PATH);

  setApplicationScoping(config.applicationScoping);
  setPlanning(config.readPlans);
  const budgets = config.budgets === null ? null : new Budgets(database.background, config.budgets);
  const fairShare = new FairShare(config.fairShare);
  const calendar = await openBusinessCalendar(config.businessCalendar);
  const metrics = new Metrics(database);
  const stopTracingStatements = traceStatements(database.statements);
  const contextFor = (viewer: Viewer | null, requestId: string, language: Language, requestLog: Logger, transport: 'http' | 'ws', stats: RequestStats): Context =>
    createContext({ db: () => database.forViewer(viewer, () => (stats.statements += 1)), reader: database.readerFor(viewer, () => (stats.statements += 1)), viewer, now, timeZone: config.timeZone, serviceStandards: config.serviceStandards, calendar, requestId, language, log: requestLog, stats, hub, exports, transport });
  /** A webhook endpoint's owner reading its payload document (src/integration/webhooks/subscription-documents.ts). */
  const ownerContext = (endpoint: WebhookEndpointRow): Context => contextFor(endpointViewer(endpoint), `webhook-${endpoint.id}`, 'en', log, 'ws', newRequestStats());
  const hub = new ActivityHub(database, log, (event, live) => {
    metrics.eventsDelivered.inc({ subscription: event.row.subjectType });
    if (live) metrics.deliveryDelay.observe(Math.max(0, Date.now() - event.row.occurredAt.getTime()) / 1000);
  });
  await hub.start();
  configureDownloadLinks({ secret: config.exports.linkSecret, ttlSeconds: config.exports.linkTtlSeconds });
  const exports = new BulkExports(database, schema, config.exports, config.timeZone, now, log.child({ component: 'exports' }));
  await exports.start();
  setCertificateWarningDays(config.certificates.warningDays);
  configureInvoicing(config.invoicing);
  // The certificate expiry watch: EXPIRING and EXPIRED notices in the activity log, once each.
  let watching: Promise<unknown> | null = null;
  const watchCertificates = () => {
    watching ??= noteCertificateExpiry(database.background, now(), config.timeZone)
      .catch((error: unknown) => (isDatabaseUnavailable(error) ? log.warn({ reason: (error as Error).message }, 'certificate expiry watch failed; retrying') : log.error({ err: error }, 'certificate expiry watch failed')))
      .finally(() => {
        watching = null;
      });
  };
  const certificateWatch = setInterval(watchCertificates, config.certificates.checkIntervalMs);
  certificateWatch.unref();
  watchCertificates();
  configureSecretKey(config.webhooks.secretKey);
  const webhookLog = log.child({ component: 'webhooks' });
  const webhooks = new Webhooks(database, config.webhooks, webhookLog, (attempt) => metrics.webhookAttempt(attempt), {
    // Endpoints with a payload document get what that subscription delivers to their owner, shaped by it.
    filterOf: async (endpoint) => {
      if (endpoint.query === null) return null;
      try {
        return (await subscriptionSpec(schema, documentOf(endpoint.query), ownerContext(endpoint))).matches;
      } catch (error) {
        webhookLog.warn({ endpointId: endpoint.id, err: error }, 'webhook query no longer subscribes; nothing is sent to the endpoint');
        return () => false;
      }
    },
    payloadOf: async (event, endpoint) => {
      if (endpoint.query === null) return webhookPayload(event, endpoint);
      const [enriched] = await hub.enrich([event]);
      const result = await subscriptionPayload(schema, documentOf(endpoint.query), enriched!, ownerContext(endpoint));
      return JSON.stringify({ type: event.kind, timestamp: event.occurredAt.toISOString(), ...result });
    },
  });
  await webhooks.start();
  // New activity, from any instance, is turned into deliveries as soon as the database announces it.
  const stopDispatchOnActivity = hub.onActivity(() => void webhooks.dispatch());

  const knownReads = new KnownReads();
  // Tests may ask for graphql-js execution (READ_PATH_HEADER); nowhere else.
  const allowPathChoice = config.environment === 'test';
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: config.developmentTools,
    hideSchemaDetailsFromClientErrors: !config.developmentTools,
    includeStacktraceInErrorResponses: false,
    // Off on purpose: CSRF needs a credential the browser adds by itself (a cookie). This API reads
    // only a bearer token from the Authorization header, which a cross-site form or <img> cannot
    // set, and a request without one is refused before any work; GET never runs a mutation. So
    // urql's and others' plain GET queries work without Apollo's preflight header.
    csrfPrevention: false,
    allowBatchedHttpRequests: false,
    // main.ts owns the signals: it drains HTTP and WebSocket first, then stops Apollo.
    stopOnTerminationSignals: false,
    validationRules: operationLimitRules,
    parseOptions: { maxTokens: MAX_TOKENS },
    logger: log,
    // Admission (input limits, cost, budget) runs after validation and before the compiled reads.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), requestStatsPlugin, errorLogging, admission(budgets), serviceUnavailableStatus, translatedErrors, compiledReads({ allowPathChoice, known: knownReads })],
    formatError: (formatted, error) => formatError(formatted, error, { hideSchemaDetails: !config.developmentTools }),
  });
  await apollo.start();

  const corsHeaders = (origin: string | undefined): Record<string, string> => {
    if (!origin) return {};
    const allowed = config.corsOrigins.includes('*') || config.corsOrigins.includes(origin);
    if (!allowed) return {};
    return {
      'access-control-allow-origin': config.corsOrigins.includes('*') ? '*' : origin,
      'access-control-allow-headers': 'authorization, content-type, apollo-require-preflight, x-apollo-operation-name, x-request-id',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-expose-headers': 'x-request-id',
      'access-control-max-age': '600',
      vary: 'Origin',
    };
  };

  /**
   * A known read (src/read/known-reads.ts) as Apollo would answer it: admitted (inputs, cost, budget)
   * and answered by the compiled path. False when either declines or fails: Apollo then answers, with
   * the admission already made kept in the context.
   */
  async function answerKnownRead(known: KnownRead, variables: Record<string, unknown> | undefined, context: Context): Promise<boolean> {
    const { stats, viewer } = context;
    if (viewer === null) return false;
    stats.operationName = known.operation.name?.value ?? null;
    stats.operationType = known.operation.operation;
    try {
      context.cost.report = await admit(budgets, { schema, document: known.document, operation: known.operation, variables, viewer, onStatement: () => (stats.statements += 1) });
      const data = await answerQuery(schema, known.document, known.operation, variables, readRequestOf(context, viewer));
      if (data === null) return false;
      context.compiledRead.data = data;
    } catch {
      return false;
    }
    stats.cost = context.cost.report.requested;
    return true;
  }

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, requestId: string, requestLog: Logger, stats: RequestStats, language: Language): Promise<void> {
    // Every operation needs a signed-in viewer: without a token nothing is parsed or validated, so an
    // anonymous client cannot make the server do any work a document could make expensive.
    if (req.headers.authorization === undefined || req.headers.authorization === '') {
      req.resume();
      return sendGraphQLError(res, unauthenticated(msg`Sign in: send an access token as "Authorization: Bearer <token>".`), stats, language);
    }
    const viewer = viewerFromAuthorization(verify, req.headers.authorization);
    let signedIn: Viewer | null = null;
    try {
      signedIn = await viewer;
    } catch (error) {
      // A bad token is refused before any GraphQL work, like a missing one; anything else that stopped
      // the verification (a JWKS out of reach) is answered by Apollo from the context function below.
      if (error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED') {
        req.resume();
        return sendGraphQLError(res, error, stats, language);
      }
    }
    noteViewer(stats, signedIn);
    // A viewer this instance refused for its budget a moment ago is refused again before any work,
    // until the Retry-After it was given has passed.
    const refused = budgets === null || signedIn === null ? null : budgets.refusal(signedIn);
    if (refused !== null) {
      req.resume();
      // Answered after a pause: a client that ignores Retry-After and asks again at once slows itself
      // down (32 connections asking in a loop get 64 answers a second, not thousands), and waiting
      // costs a timer, not work other viewers' requests queue behind.
      await new Promise((resolve) => setTimeout(resolve, Math.min(REFUSAL_PAUSE_MS, refused.retryAfterSeconds * 1000)));
      if (res.destroyed) return;
      return sendGraphQLError(res, throttled(refused, null), stats, language);
    }
    const answer = () => answerOperation(req, res, requestId, requestLog, stats, language, signedIn, viewer);
    // A token that could not be checked (a JWKS out of reach): Apollo answers why, with no turn.
    if (signedIn === null) return answer();
    // The organisation's turn (src/limits/fair-share.ts): before the body is read, so that a slow
    // upload holds its own organisation's turn and nobody else's.
    return inTurnFor(req, res, stats, language)(signedIn, answer);
  }

  /** The operation of a request allowed to run: parsed, admitted and answered by the known reads or Apollo. */
  async function answerOperation(req: IncomingMessage, res: ServerResponse, requestId: string, requestLog: Logger, stats: RequestStats, language: Language, signedIn: Viewer | null, viewer: Promise<Viewer | null>): Promise<void> {
    let body: unknown;
    if (req.method === 'POST') {
      const text = await readBody(req);
      const contentType = req.headers['content-type'] ?? '';
      if (/^application\/(graphql-response\+)?json/i.test(contentType) || contentType.includes('json')) {
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          return requestError(res, 400, 'BAD_REQUEST', msg`The request body is not valid JSON.`, stats, language);
        }
      } else {
        body = text;
      }
    }
    let context: Context | undefined;
    // A query the compiled path answered before is admitted and answered without Apollo's pipeline
    // (src/read/known-reads.ts); whatever that does not answer goes on to Apollo with the same context.
    const posted = req.method === 'POST' && signedIn !== null && acceptsPlainJson(req.headers.accept) && !(allowPathChoice && req.headers[READ_PATH_HEADER] === 'executed') ? postedOperation(body) : null;
    const known = posted === null ? undefined : knownReads.get(posted.query, posted.operationName);
    const response = await inOperationSpan('http', async (span) => {
      if (known !== undefined && posted !== null && signedIn !== null) {
        context = contextFor(signedIn, requestId, language, requestLog, 'http', stats);
        if (await answerKnownRead(known, posted.variables, context)) {
          describeOperation(span, stats);
          return null;
        }
      }
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const answer = await apollo.executeHTTPGraphQLRequest({
        // The query string (a GET's operation) is parsed here, the one place that reads it.
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: new URL(req.url ?? '/', 'http://localhost').search, body },
        context: async () => (context ??= contextFor(await viewer, requestId, language, requestLog, 'http', stats)),
      });
      describeOperation(span, stats);
      return answer;
    });
    const compiled = context?.compiledRead.data;
    const outHeaders: Record<string, string> = {};
    if (response === null) outHeaders['content-type'] = 'application/json; charset=utf-8';
    else for (const [name, value] of response.headers) outHeaders[name] = value;
    // Which path answered, for the differential tests (src/read/plugin.ts).
    if (config.environment === 'test') {
      outHeaders[READ_PATH_HEADER] = compiled === undefined ? 'executed' : 'compiled';
      const declined = context?.compiledRead.declined;
      if (declined !== undefined) outHeaders['x-read-declined'] = declined.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
      if (context?.compiledRead.planned) outHeaders['x-read-planned'] = 'yes';
      if (response === null) outHeaders['x-read-known'] = 'yes';
    }
    if (response === null || response.body.kind === 'complete') {
      // A compiled read: Apollo answered `{"data":{},...}` (or was not asked); the data is the JSON
      // PostgreSQL built, as the bytes it sent, with a length so that it goes out in one write.
      const cost = context?.cost.report;
      if (compiled !== undefined && (response === null || (response.body.kind === 'complete' && /^\{"data":\{\}[,}]/.test(response.body.string)))) {
        // The pieces as they are, not copied into one buffer: a page is a few hundred kilobytes, and
        // a copy per request is memory the garbage collector then chases. Corked: one writev.
        const pieces = ['{"data":', ...compiled, cost === undefined ? '}\n' : `,"extensions":${costExtensionJson(cost)}}\n`];
        let length = 0;
        for (const piece of pieces) length += typeof piece === 'string' ? Buffer.byteLength(piece) : piece.byteLength;
        outHeaders['content-length'] = String(length);
        res.writeHead(response?.status ?? 200, outHeaders);
        if (length <= ONE_WRITE_BYTES) {
          // A small answer (a record by key) as one text: one write of one buffer costs less than a
          // vector of pieces, and copying a few kilobytes costs nothing the collector notices.
          res.end(jsonText(pieces));
        } else {
          res.cork();
          for (const piece of pieces) res.write(piece);
          res.end();
          res.uncork();
        }
      } else if (response !== null && response.body.kind === 'complete') {
        res.writeHead(response.status ?? 200, outHeaders);
        res.end(response.body.string);
      }
    } else {
      res.writeHead(response.status ?? 200, outHeaders);
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  /** The bearer token's viewer for the plain HTTP endpoints (EDI, files), or null once refused (401, 429). */
  async function authenticate(req: IncomingMessage, res: ServerResponse, stats: RequestStats, language: Language): Promise<Viewer | null> {
    let viewer: Viewer | null = null;
    try {
      viewer = await viewerFromAuthorization(verify, req.headers.authorization);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      req.resume();
      sendGraphQLError(res, error, stats, language);
      return null;
    }
    if (viewer === null) {
      req.resume();
      sendGraphQLError(res, unauthenticated(msg`Sign in: send an access token as "Authorization: Bearer <token>".`), stats, language);
      return null;
    }
    noteViewer(stats, viewer);
    const refused = budgets === null ? null : budgets.refusal(viewer);
    if (refused !== null) {
      req.resume();
      sendGraphQLError(res, throttled(refused, null), stats, language);
      return null;
    }
    return viewer;
  }

  /**
   * An HTTP request's work in its party's turn (GraphQL, files, EDI, export downloads; sockets take
   * theirs in src/websocket.ts): taken before the body is read, held until the answer is written;
   * refused with a 429.
   */
  const inTurnFor =
    (req: IncomingMessage, res: ServerResponse, stats: RequestStats, language: Language): InTurn =>
    async (party, work) => {
      const turn = await fairShare.turn(party);
      if (!turn.ok) {
        req.resume();
        return sendGraphQLError(res, busy(turn.refusal), stats, language);
      }
      // Given back once the answer is written: the work may still tidy up after it (an upload's
      // temporary file), and the client may already have sent its next request.
      res.once('finish', turn.release);
      try {
        // A client that went away while waiting for its turn: nothing to answer.
        if (res.destroyed) return;
        await work();
      } finally {
        turn.release();
      }
    };

  const serviceContextFor = (viewer: Viewer, stats: RequestStats): ServiceContext => ({ db: database.forViewer(viewer, () => (stats.statements += 1)), viewer, now, timeZone: config.timeZone, serviceStandards: config.serviceStandards, calendar });

  /**
   * Files (src/integration/files/http.ts): POST /files uploads and attaches one, GET /files/<id>
   * downloads one, with a bearer token or a signed link.
   */
  async function handleFiles(req: IncomingMessage, res: ServerResponse, url: URL, stats: RequestStats, language: Language): Promise<void> {
    const refuse = (status: number, code: string, message: Message, field?: string) => requestError(res, status, code, message, stats, language, field);
    const inTurn = inTurnFor(req, res, stats, language);
    if ((req.method === 'GET' || req.method === 'HEAD') && url.pathname.startsWith('/files/') && url.searchParams.has('signature')) {
      return downloadFile(req, res, url, { db: database.background, linkSecret: config.exports.linkSecret, now: now(), inTurn }, refuse);
    }
    const viewer = await authenticate(req, res, stats, language);
    if (viewer === null) return;
    const ctx = serviceContextFor(viewer, stats);
    return inTurn(viewer, async () => {
      if ((req.method === 'GET' || req.method === 'HEAD') && url.pathname.startsWith('/files/')) return downloadFile(req, res, url, { ctx }, refuse);
      if (req.method === 'POST' && url.pathname === '/files') return uploadFile(req, res, url, ctx, config.files.maxBytes, refuse);
      req.resume();
      return refuse(404, 'NOT_FOUND', msg`Nothing at ${url.pathname}; files are uploaded with POST /files and read with GET /files/<id>.`);
    });
  }

  /**
   * X12 EDI over HTTP (src/domain/integration/edi-service.ts): POST /edi/inbound takes a supplier's
   * 855s and 856s and answers with the 997; GET /edi/orders/<order id>/850 gives an issued purchase
   * order as an 850. Both as the bearer token's user, through the same rules as GraphQL.
   */
  async function handleEdi(req: IncomingMessage, res: ServerResponse, url: URL, requestLog: Logger, stats: RequestStats, language: Language): Promise<void> {
    const viewer = await authenticate(req, res, stats, language);
    if (viewer === null) return;
    return inTurnFor(req, res, stats, language)(viewer, () => answerEdi(req, res, url, requestLog, stats, language, serviceContextFor(viewer, stats)));
  }

  /** An EDI request of a viewer whose turn it is. */
  async function answerEdi(req: IncomingMessage, res: ServerResponse, url: URL, requestLog: Logger, stats: RequestStats, language: Language, ctx: ServiceContext): Promise<void> {
    const x12 = { 'content-type': 'application/edi-x12; charset=utf-8' };
    const outbound = /^\/edi\/orders\/([^/]{1,200})\/850$/.exec(url.pathname);
    if (req.method === 'GET' && outbound !== null) {
      const result = await purchaseOrderInterchange(ctx, config.edi, decodeURIComponent(outbound[1]!));
      if (!result.ok) return requestError(res, result.status, result.status === 404 ? 'NOT_FOUND' : result.status === 403 ? 'FORBIDDEN' : 'CONFLICT', result.reason, stats, language);
      res.writeHead(200, x12).end(result.document);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/edi/inbound') {
      const text = await readBody(req);
      const result = await receiveInterchange(ctx, config.edi, text);
      if (!result.ok) return requestError(res, result.status, result.status === 403 ? 'FORBIDDEN' : 'BAD_REQUEST', result.reason, stats, language);
      requestLog.info({ status: result.status, replayed: result.replayed }, 'edi interchange');
      res.writeHead(200, { ...x12, 'x-edi-status': result.status, ...(result.replayed ? { 'x-edi-replayed': 'true' } : {}) }).end(result.acknowledgement);
      return;
    }
    req.resume();
    return requestError(res, 404, 'NOT_FOUND', msg`Nothing at ${url.pathname}; EDI is at POST /edi/inbound and GET /edi/orders/<id>/850.`, stats, language);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, stats: RequestStats): Promise<void> {
    const started = process.hrtime.bigint();
    const incomingId = req.headers['x-request-id'];
    const requestId = typeof incomingId === 'string' && /^[\w.-]{1,100}$/.test(incomingId) ? incomingId : randomUUID();
    const requestLog = log.child({ requestId });
    res.setHeader('x-request-id', requestId);
    for (const [name, value] of Object.entries(corsHeaders(req.headers.origin))) res.setHeader(name, value);
    const path = req.url?.split('?')[0] ?? '/';
    res.on('close', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const graphql = path === GRAPHQL_PATH && req.method !== 'OPTIONS';
      metrics.httpResponses.inc({ route: knownRoutes.has(path) ? path : path.startsWith('/exports/') ? '/exports' : path.startsWith('/edi/') ? '/edi' : path === '/files' || path.startsWith('/files/') ? '/files' : 'other', status: String(res.statusCode) });
      if (graphql) {
        metrics.operation('http', stats, ms / 1000);
      }
      // The line's fields are gathered only when it is written.
      if (requestLog.isLevelEnabled('info')) {
        requestLog.info(
          {
            method: req.method,
            path,
            status: res.statusCode,
            ms,
            ...(graphql ? logFields(stats) : {}),
          },
          'request',
        );
      }
    });
    if (draining) res.setHeader('connection', 'close');
    const language = languageOf(req.headers['accept-language']);
    // An operation posted to /graphql needs no URL parsed: nothing in its query string is read.
    if (req.method === 'POST' && path === GRAPHQL_PATH) return answering(res, requestLog, stats, language, () => handleGraphQL(req, res, requestId, requestLog, stats, language));
    const url = new URL(req.url ?? '/', 'http://localhost');
    return answering(res, requestLog, stats, language, async () => {
      if (req.method === 'OPTIONS') {
        res.writeHead(204).end();
      } else if (url.pathname === '/metrics' && config.metricsPort === null) {
        await sendMetrics(res);
      } else if (url.pathname === '/healthz') {
        sendJson(res, 200, { status: 'ok' });
      } else if (url.pathname === '/readyz') {
        if (draining) return sendJson(res, 503, { status: 'draining' });
        try {
          await within(database.ping(), READY_TIMEOUT_MS, () => new Error(`the database did not answer within ${READY_TIMEOUT_MS} ms`));
          sendJson(res, 200, { status: 'ready', database: database.kind });
        } catch (error) {
          requestLog.warn({ err: error }, 'database not ready');
          sendJson(res, 503, { status: 'database unavailable', database: database.kind });
        }
      } else if (config.developmentTools && req.method === 'GET' && (url.pathname === '/graphiql' || url.pathname === '/' || (url.pathname === GRAPHQL_PATH && !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html')))) {
        await graphiql.serve(req, res);
      } else if (url.pathname === '/files' || url.pathname.startsWith('/files/')) {
        await handleFiles(req, res, url, stats, language);
      } else if (url.pathname.startsWith('/edi/')) {
        await handleEdi(req, res, url, requestLog, stats, language);
      } else if (url.pathname.startsWith('/exports/') && (req.method === 'GET' || req.method === 'HEAD')) {
        await sendExportFile(req, res, url, { db: database.background, config: config.exports, now: now(), inTurn: inTurnFor(req, res, stats, language) }, (status, code, message) => requestError(res, status, code, message, stats, language));
      } else if (url.pathname === GRAPHQL_PATH) {
        await handleGraphQL(req, res, requestId, requestLog, stats, language);
      } else {
        requestError(res, 404, 'NOT_FOUND', msg`Nothing at ${url.pathname}; the API is at ${GRAPHQL_PATH}.`, stats, language);
      }
    });
  }

  /** A request's work, with its failure answered: a body refused, or anything unexpected (a 500, logged). */
  async function answering(res: ServerResponse, requestLog: Logger, stats: RequestStats, language: Language, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof BodyError) return requestError(res, error.status, 'BAD_REQUEST', error.message, stats, language);
      requestLog.error({ err: error }, 'request failed');
      if (!res.headersSent) requestError(res, 500, 'INTERNAL_SERVER_ERROR', msg`Internal server error.`, stats, language);
      else res.destroy();
    }
  }

  async function sendMetrics(res: ServerResponse): Promise<void> {
    const text = await metrics.registry.metrics();
    res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
    res.end(text);
  }

  // Metrics on a port of their own when configured (kept off the internet-facing one).
  const metricsServer =
    config.metricsPort === null
      ? null
      : createServer((req, res) => {
          if ((req.url ?? '/').split('?')[0] === '/metrics') void sendMetrics(res).catch(() => res.destroy());
          else sendJson(res, 404, { error: 'Metrics are at /metrics.' });
        });

  const httpServer = createServer((req, res) => {
    // Counted until the handler finishes, not until the client goes: a request whose client hung up
    // may still be reading the database, which stop() must not close under it.
    const stats = newRequestStats();
    inFlight += 1;
    void handle(req, res, stats).finally(() => {
      inFlight -= 1;
    });
  });
  httpServer.requestTimeout = 60_000;
  httpServer.headersTimeout = 20_000;

  // GraphQL over WebSocket, same port and path. Tokens come in connectionParams.authorization.
  const wsServer = createWebSocketServer({
    httpServer,
    path: GRAPHQL_PATH,
    schema,
    verify,
    budgets,
    fairShare,
    hideSchemaDetails: !config.developmentTools,
    log,
    limits: { ...config.websocket, maxPayloadBytes: MAX_BODY_BYTES, keepAliveMs: 12_000 },
    createContext: (viewer, requestId, language, stats) => contextFor(viewer, requestId, language, log.child({ requestId }), 'ws', stats),
    metrics,
  });

  return {
    httpServer,
    listen: async () => {
      if (metricsServer !== null) await listenOn(metricsServer, config.metricsPort!, config.host);
      return listenOn(httpServer, config.port, config.host);
    },
    metricsPort: () => (metricsServer === null ? null : (metricsServer.address() as AddressInfo | null)?.port ?? null),
    stop: async () => {
      draining = true;
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      await wsServer.dispose();
      const deadline = Date.now() + config.shutdownTimeoutMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      httpServer.closeAllConnections();
      await closed;
      stopDispatchOnActivity();
      await hub.stop();
      await webhooks.stop();
      await exports.stop();
      clearInterval(certificateWatch);
      await watching;
      await apollo.stop();
      if (metricsServer !== null) await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
      stopTracingStatements();
      metrics.close();
    },
  };
}
