/**
 * Loaded before the application (`node --import ./dist/observability/tracing-preload.js`): starts
 * the OpenTelemetry SDK when OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is
 * set, and does nothing otherwise. Spans go to the OTLP/HTTP endpoint; the exporter reads the
 * standard OTEL_* variables (headers, time-outs) and OTEL_SERVICE_NAME names the service.
 */
import { register } from 'node:module';
import { tracingEndpoint } from './tracing-endpoint.js';

if (tracingEndpoint(process.env) !== undefined) {
  // ES modules are instrumented through import-in-the-middle's loader; it must come before them.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const { registerInstrumentations } = await import('@opentelemetry/instrumentation');
  const { HttpInstrumentation } = await import('@opentelemetry/instrumentation-http');
  const { GraphQLInstrumentation } = await import('@opentelemetry/instrumentation-graphql');
  const { NodeTracerProvider, BatchSpanProcessor } = await import('@opentelemetry/sdk-trace-node');
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  const { resourceFromAttributes } = await import('@opentelemetry/resources');
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME ?? 'supply-collab-server' }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // Health probes and metric scrapes are not worth a trace each.
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => /^\/(healthz|readyz|metrics)\b/.test(request.url ?? '') }),
      // Resolver spans only where a resolver does work (not for every field read off an object).
      new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, mergeItems: true }),
    ],
  });
}
