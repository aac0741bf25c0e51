import { context, propagation, trace } from '@opentelemetry/api';
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
 * W3C propagator. With the exporter off nothing is loaded or registered: every span the libraries
 * start is the API's no-op.
 */
export const startTracing = async (config: TracingConfig): Promise<Tracing> => {
  if (config.exporter === 'none') return OFF;
  /* Loaded only when tracing is on: the SDK and the OTLP exporter (with its metrics SDK) are ~6 MiB resident (issue 15). */
  const [{ OTLPTraceExporter }, { resourceFromAttributes }, { BatchSpanProcessor }, { NodeTracerProvider }] =
    await Promise.all([
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/sdk-trace-node'),
    ]);
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
