export { ObservabilityModule } from './observability.module';
export { HemotraceMetrics, LAG_CAP } from './hemotrace-metrics';
export { TracingModule, TRACING } from './tracing/tracing.module';
export { tracingConfig } from './tracing/tracing-config';
export type { TracingConfig } from './tracing/tracing-config';
export { startTracing } from './tracing/tracing-sdk';
export type { Tracing } from './tracing/tracing-sdk';
