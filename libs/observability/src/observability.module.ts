import type { MiddlewareConsumer, NestModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HemotraceMetrics } from './hemotrace-metrics';
import { httpMetricsMiddleware } from './http-metrics.middleware';
import { HealthProbesHttpController, MetricsHttpController } from './operations.http.controller';

/** /metrics (Prometheus, prom-client) and the liveness and readiness probes (@nestjs/terminus). */
@Module({
  imports: [TerminusModule],
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
