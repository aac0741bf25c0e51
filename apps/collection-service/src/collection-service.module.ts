import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { CollectionModule } from '@hemotrace/collection';
import type { HemotraceConfig } from '@hemotrace/platform';
import { contextServiceModule } from '@hemotrace/messaging';
import { TracingModule } from '@hemotrace/observability';

/** The collection context as its own service: donations; asks donors about eligibility through the shared read models. */
@Module({})
export class CollectionServiceModule {
  static forRoot(config: HemotraceConfig): DynamicModule {
    const service = contextServiceModule(CollectionServiceModule, 'collection', CollectionModule, config);
    /* Traces stay off unless HEMOTRACE_OTEL_EXPORTER / OTEL_TRACES_EXPORTER asks for them (README, Tracing). */
    return { ...service, imports: [...(service.imports ?? []), TracingModule] };
  }
}
