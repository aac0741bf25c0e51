import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { DonorsModule } from '@hemotrace/donors';
import type { HemotraceConfig } from '@hemotrace/platform';
import { contextServiceModule } from '@hemotrace/messaging';
import { TracingModule } from '@hemotrace/observability';

/** The donors context as its own service: registration, screening, deferrals (a confirmed positive from laboratory defers for life). */
@Module({})
export class DonorsServiceModule {
  static forRoot(config: HemotraceConfig): DynamicModule {
    const service = contextServiceModule(DonorsServiceModule, 'donors', DonorsModule, config);
    /* Traces stay off unless HEMOTRACE_OTEL_EXPORTER / OTEL_TRACES_EXPORTER asks for them (README, Tracing). */
    return { ...service, imports: [...(service.imports ?? []), TracingModule] };
  }
}
