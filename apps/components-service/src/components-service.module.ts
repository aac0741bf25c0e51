import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { ComponentsModule } from '@hemotrace/components';
import type { HemotraceConfig } from '@hemotrace/platform';
import { contextServiceModule } from '@hemotrace/messaging';
import { TracingModule } from '@hemotrace/observability';

/** The components context as its own service: units; releases or discards them on the laboratory's conclusion from Kafka. */
@Module({})
export class ComponentsServiceModule {
  static forRoot(config: HemotraceConfig): DynamicModule {
    const service = contextServiceModule(ComponentsServiceModule, 'components', ComponentsModule, config);
    /* Traces stay off unless HEMOTRACE_OTEL_EXPORTER / OTEL_TRACES_EXPORTER asks for them (README, Tracing). */
    return { ...service, imports: [...(service.imports ?? []), TracingModule] };
  }
}
