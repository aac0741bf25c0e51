import { trace } from '@opentelemetry/api';
import { tracingConfig } from './tracing-config';
import { startTracing } from './tracing-sdk';

describe('the tracing configuration', () => {
  it('is off when nothing asks for it, even with an endpoint set', () => {
    expect(tracingConfig({})).toEqual({ exporter: 'none' });
    expect(tracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toEqual({
      exporter: 'none',
    });
    expect(tracingConfig({ HEMOTRACE_OTEL_EXPORTER: 'none', OTEL_TRACES_EXPORTER: 'otlp' })).toEqual({
      exporter: 'none',
    });
  });

  it('exports over OTLP/HTTP to the standard endpoint variables', () => {
    expect(tracingConfig({ OTEL_TRACES_EXPORTER: 'otlp' })).toEqual({
      exporter: 'otlp',
      tracesUrl: 'http://localhost:4318/v1/traces',
      serviceName: 'hemotrace',
    });
    expect(
      tracingConfig({
        HEMOTRACE_OTEL_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
        OTEL_SERVICE_NAME: 'hemotrace-eu',
      }),
    ).toEqual({
      exporter: 'otlp',
      tracesUrl: 'http://collector:4318/v1/traces',
      serviceName: 'hemotrace-eu',
    });
    expect(
      tracingConfig({
        HEMOTRACE_OTEL_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:9999/custom',
      }),
    ).toMatchObject({ tracesUrl: 'http://traces:9999/custom' });
  });

  it('refuses an exporter it does not have, so a typo does not silently turn tracing off', () => {
    expect(() => tracingConfig({ OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow(/otlp or none; got zipkin/);
  });

  it('starts no SDK when off: spans stay the API no-op and shutting down is harmless', async () => {
    const tracing = await startTracing(tracingConfig({}));
    expect(tracing.enabled).toBe(false);
    expect(trace.getTracer('hemotrace').startSpan('request').isRecording()).toBe(false);
    await expect(tracing.shutdown()).resolves.toBeUndefined();
  });
});
