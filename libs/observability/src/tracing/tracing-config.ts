/** Where spans go: nowhere (the default), or to an OTLP/HTTP receiver. */
export type TracingConfig =
  { exporter: 'none' } | { exporter: 'otlp'; tracesUrl: string; serviceName: string };

const DEFAULT_OTLP_ENDPOINT = 'http://localhost:4318';

/**
 * Off unless HEMOTRACE_OTEL_EXPORTER=otlp (or the standard OTEL_TRACES_EXPORTER=otlp). The
 * receiver is named by the standard variables: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is the full
 * traces URL, OTEL_EXPORTER_OTLP_ENDPOINT the base that `/v1/traces` is added to.
 */
export const tracingConfig = (env: NodeJS.ProcessEnv): TracingConfig => {
  const exporter = env.HEMOTRACE_OTEL_EXPORTER || env.OTEL_TRACES_EXPORTER || 'none';
  if (exporter === 'none') return { exporter: 'none' };
  if (exporter !== 'otlp')
    throw new Error(`HEMOTRACE_OTEL_EXPORTER / OTEL_TRACES_EXPORTER must be otlp or none; got ${exporter}`);
  const base = (env.OTEL_EXPORTER_OTLP_ENDPOINT || DEFAULT_OTLP_ENDPOINT).replace(/\/+$/, '');
  return {
    exporter: 'otlp',
    tracesUrl: env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || `${base}/v1/traces`,
    serviceName: env.OTEL_SERVICE_NAME || 'hemotrace',
  };
};
