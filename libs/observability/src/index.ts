export { ObservabilityModule } from './observability.module';
export { HemotraceMetrics, LAG_CAP } from './hemotrace-metrics';
