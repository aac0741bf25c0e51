import type { MiddlewareConsumer, NestModule, OnApplicationShutdown } from '@nestjs/common';
import { Inject, Module } from '@nestjs/common';
import type { HemotraceConfig } from '@hemotrace/platform';
import { HEMOTRACE_CONFIG } from '@hemotrace/platform';
import { httpTracingMiddleware } from './http-tracing.middleware';
import { tracingConfig } from './tracing-config';
import type { Tracing } from './tracing-sdk';
import { startTracing } from './tracing-sdk';

export const TRACING = Symbol('Tracing');

/**
 * OpenTelemetry traces, off by default (tracing-config.ts). When on: a server span per request,
 * and the libraries' spans (command, append, Kafka publish and consume) exported over OTLP/HTTP;
 * every ended span is exported before the application finishes closing.
 */
@Module({
  providers: [
    {
      provide: TRACING,
      inject: [HEMOTRACE_CONFIG],
      useFactory: (config: HemotraceConfig): Promise<Tracing> => startTracing(tracingConfig(config.env)),
    },
  ],
  exports: [TRACING],
})
export class TracingModule implements NestModule, OnApplicationShutdown {
  constructor(@Inject(TRACING) private readonly tracing: Tracing) {}

  configure(consumer: MiddlewareConsumer): void {
    if (this.tracing.enabled) consumer.apply(httpTracingMiddleware()).forRoutes('*path');
  }

  onApplicationShutdown(): Promise<void> {
    return this.tracing.shutdown();
  }
}
