import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { TracingConfig } from './tracing-config';

export interface Tracing {
  readonly enabled: boolean;
  /** Exports every ended span, then stops the SDK and gives the process back the no-op API. */
  shutdown(): Promise<void>;
}

const OFF: Tracing = { enabled: false, shutdown: () => Promise.resolve() };

/**
 * Registers the SDK as the process's tracer provider, context manager (AsyncLocalStorage) and
 * W3C propagator. With the exporter off nothing is registered: every span the libraries start is
 * the API's no-op.
 */
export const startTracing = (config: TracingConfig): Tracing => {
  if (config.exporter === 'none') return OFF;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: config.tracesUrl }))],
  });
  provider.register();
  return {
    enabled: true,
    shutdown: async () => {
      try {
        await provider.forceFlush();
        await provider.shutdown();
      } finally {
        /* The API keeps one global provider per process: release it so a later start (a test's next app) registers its own. */
        trace.disable();
        context.disable();
        propagation.disable();
      }
    },
  };
};
