import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { WebhookAttempt } from '../integration/webhooks/delivery.js';
import type { Database } from '../db/client.js';
import type { RequestStats } from './request-stats.js';

export type Transport = 'http' | 'ws';

/** Operation names come from clients: at most this many distinct ones are kept as label values. */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Label values a client chooses (operation names), bounded: the first MAX_OPERATION_NAMES well-formed
 * names are kept, any other is counted as "other", so that no client can grow the metrics without end.
 */
export class BoundedLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity: number) {}

  of(name: string | null | undefined): string {
    if (name === null || name === undefined || name === '') return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.seen.has(name)) return name;
    if (this.seen.size >= this.capacity) return 'other';
    this.seen.add(name);
    return name;
  }
}

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The server's Prometheus metrics (prom-client), one registry per server. Names are listed in the
 * README; all start with `scm_`, Node.js's own process metrics with `scm_process_` and `scm_nodejs_`.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operationNames = new BoundedLabels(MAX_OPERATION_NAMES);

  private counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram<L extends string>(name: string, help: string, labelNames: readonly L[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets: SECONDS, registers: [this.registry] });
  }

  readonly requests = this.counter('scm_graphql_requests_total', 'GraphQL operations answered, by transport, operation name and outcome (ok, or the first error code).', ['transport', 'operation', 'outcome']);
  readonly duration = this.histogram('scm_graphql_request_duration_seconds', 'Time from receiving a GraphQL operation to its answer (subscriptions: to the subscription being set up).', ['transport', 'operation_type']);
  readonly errors = this.counter('scm_graphql_errors_total', 'GraphQL errors sent to clients, by extensions.code.', ['transport', 'code']);
  readonly httpResponses = this.counter('scm_http_responses_total', 'HTTP responses by route and status code.', ['route', 'status']);
  readonly statements = this.counter('scm_sql_statements_total', 'SQL statements run, by outcome (ok or error).', ['outcome']);
  readonly statementDuration = this.histogram('scm_sql_statement_duration_seconds', 'Time from issuing a SQL statement to its answer, waiting for a connection included.', []);
  readonly sockets = new Gauge({ name: 'scm_websocket_connections', help: 'Open WebSocket connections.', registers: [this.registry] });
  readonly subscriptions = new Gauge({ name: 'scm_subscriptions_active', help: 'Active GraphQL subscriptions.', registers: [this.registry] });
  readonly eventsDelivered = this.counter('scm_subscription_events_delivered_total', 'Events sent to subscribers, replayed ones included.', ['subscription']);
  readonly deliveryDelay = this.histogram('scm_subscription_delivery_delay_seconds', 'Time from an event being recorded (its transaction) to its being sent to a live subscriber.', []);
  readonly costSpent = this.counter('scm_cost_spent_total', 'Cost points of the operations admitted (see extensions.cost).', ['transport']);
  readonly throttled = this.counter('scm_requests_throttled_total', 'Operations refused because a user or organisation budget was spent (THROTTLED).', ['transport']);
  readonly webhookAttempts = this.counter('scm_webhook_attempts_total', 'Webhook delivery attempts, by outcome: delivered (2xx) or failed (any other answer, a time-out, a refused or unreachable address).', ['outcome']);
  readonly webhookAttemptDuration = this.histogram('scm_webhook_attempt_duration_seconds', 'Time a webhook delivery attempt took, from connecting to the end of the answer.', []);
  readonly webhookEndpointsDisabled = this.counter('scm_webhook_endpoints_disabled_total', 'Webhook endpoints turned off by the server after failing for too long.', []);

  constructor(database: Pick<Database, 'pool' | 'statements'>) {
    // Event-loop delay sampled every 100 ms, not prom-client's default 10 ms: its timer would wake an
    // idle server a hundred times a second.
    collectDefaultMetrics({ register: this.registry, prefix: 'scm_', eventLoopMonitoringPrecision: 100 });
    const pool = (name: string, help: string, read: (p: ReturnType<Database['pool']>) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(read(database.pool()));
        },
      });
    pool('scm_db_pool_size', 'Connections the pool may open.', (p) => p.size);
    pool('scm_db_pool_connections_in_use', 'Connections running a statement or holding a transaction.', (p) => p.inUse);
    pool('scm_db_pool_waiting', 'Statements and transactions waiting for a free connection.', (p) => p.waiting);
    this.stopWatching = database.statements.add(() => {
      const stop = this.statementDuration.startTimer();
      return (error) => {
        stop();
        this.statements.inc({ outcome: error === undefined ? 'ok' : 'error' });
      };
    });
  }

  private readonly stopWatching: () => void;

  /** One GraphQL operation answered (a subscription: set up), or refused. */
  operation(transport: Transport, stats: RequestStats, seconds: number): void {
    const { errorCodes } = stats;
    this.requests.inc({ transport, operation: this.operationNames.of(stats.operationName), outcome: errorCodes[0] ?? 'ok' });
    this.duration.observe({ transport, operation_type: stats.operationType ?? 'unknown' }, seconds);
    for (const code of errorCodes) this.errors.inc({ transport, code });
    // Set once the operation was admitted, i.e. charged.
    if (stats.cost !== undefined) this.costSpent.inc({ transport }, stats.cost);
    if (errorCodes.includes('THROTTLED')) this.throttled.inc({ transport });
  }

  /** One webhook delivery attempt (src/integration/webhooks/delivery.ts). */
  webhookAttempt(attempt: WebhookAttempt): void {
    this.webhookAttempts.inc({ outcome: attempt.delivered ? 'delivered' : 'failed' });
    this.webhookAttemptDuration.observe(attempt.seconds);
    if (attempt.disabledEndpoint) this.webhookEndpointsDisabled.inc();
  }

  close(): void {
    this.stopWatching();
  }
}
