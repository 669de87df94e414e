/**
 * Where spans are sent: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, else OTEL_EXPORTER_OTLP_ENDPOINT (the
 * OpenTelemetry variables); undefined when neither is set, and tracing is off. No imports: the
 * preload reads it before anything else is loaded.
 */
export function tracingEndpoint(env: NodeJS.ProcessEnv): string | undefined {
  for (const name of ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_OTLP_ENDPOINT']) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}
