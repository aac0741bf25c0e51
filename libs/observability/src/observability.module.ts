import type { MiddlewareConsumer, NestModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HemotraceMetrics } from './hemotrace-metrics';
import { httpMetricsMiddleware } from './http-metrics.middleware';
import { HealthProbesHttpController, MetricsHttpController } from './operations.http.controller';
import { TracingModule } from './tracing/tracing.module';

/** /metrics (Prometheus, prom-client), the liveness and readiness probes (@nestjs/terminus) and OpenTelemetry traces. */
@Module({
  imports: [TerminusModule, TracingModule],
  controllers: [HealthProbesHttpController, MetricsHttpController],
  providers: [HemotraceMetrics],
  exports: [HemotraceMetrics],
})
export class ObservabilityModule implements NestModule {
  constructor(private readonly metrics: HemotraceMetrics) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(httpMetricsMiddleware(this.metrics)).forRoutes('*path');
  }
}
