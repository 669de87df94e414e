import { type Context as OtelContext, context, INVALID_SPAN_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { StatementWatchers } from '../db/statements.js';
import type { RequestStats } from './request-stats.js';
import { tracingEndpoint } from './tracing-endpoint.js';

/**
 * Tracing: an operation span per GraphQL operation (HTTP and WebSocket alike), the SQL statements it
 * runs as its children, under the HTTP server span and beside graphql-js's own spans when the
 * OpenTelemetry SDK runs (src/observability/tracing-preload.ts, on when OTEL_EXPORTER_OTLP_ENDPOINT
 * is set). Without the SDK the API's no-op tracer makes all of this free.
 */
const tracer = trace.getTracer('supply-collab-server');

/**
 * Whether the SDK runs: the preload starts it on the same condition. Without it an operation gets a
 * span that records nothing, and statements none, with no work per request.
 */
const tracing = tracingEndpoint(process.env) !== undefined;
const notRecording = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/** The longest statement text a span carries. */
const STATEMENT_CHARS = 2_000;

/** Runs `work` inside a span for one GraphQL operation; named and typed once they are known. */
export async function inOperationSpan<T>(transport: 'http' | 'ws', work: (span: Span) => Promise<T>): Promise<T> {
  if (!tracing) return work(notRecording);
  return tracer.startActiveSpan(`graphql.operation`, { kind: SpanKind.SERVER, attributes: { 'graphql.transport': transport } }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Names the operation span after what ran, and marks it failed when errors were sent. */
export function describeOperation(span: Span, stats: RequestStats): void {
  span.updateName(`${stats.operationType ?? 'graphql'} ${stats.operationName ?? 'anonymous'}`);
  span.setAttributes({
    'graphql.operation.name': stats.operationName ?? '',
    'graphql.operation.type': stats.operationType ?? '',
    ...(stats.cost === undefined ? {} : { 'graphql.cost': stats.cost }),
  });
  if (stats.errorCodes.length > 0) {
    span.setAttribute('graphql.error.codes', [...stats.errorCodes]);
    span.setStatus({ code: SpanStatusCode.ERROR, message: stats.errorCodes[0] });
  }
}

/** A span per SQL statement issued inside a traced operation; none for background work. */
export function traceStatements(statements: StatementWatchers): () => void {
  const nothing = () => {};
  if (!tracing) return nothing;
  return statements.add((text) => {
    const parent: OtelContext = context.active();
    if (trace.getSpan(parent) === undefined) return nothing;
    const verb = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'SQL';
    const span = tracer.startSpan(
      verb,
      { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql', 'db.query.text': text.length > STATEMENT_CHARS ? `${text.slice(0, STATEMENT_CHARS)}…` : text, 'db.operation.name': verb } },
      parent,
    );
    return (error) => {
      if (error !== undefined) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    };
  });
}

/** Sends the spans still buffered (before the process exits); nothing when the SDK is not running. */
export async function flushTraces(): Promise<void> {
  const provider = trace.getTracerProvider() as { getDelegate?: () => { shutdown?: () => Promise<void> } };
  await provider.getDelegate?.().shutdown?.();
}
