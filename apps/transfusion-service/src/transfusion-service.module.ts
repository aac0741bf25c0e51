import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { TransfusionModule } from '@hemotrace/transfusion';
import type { HemotraceConfig } from '@hemotrace/platform';
import { contextServiceModule } from '@hemotrace/messaging';
import { TracingModule } from '@hemotrace/observability';

/** The transfusion context as its own service: hospital transfusion; publishes suspected transfusion-transmitted infections. */
@Module({})
export class TransfusionServiceModule {
  static forRoot(config: HemotraceConfig): DynamicModule {
    const service = contextServiceModule(TransfusionServiceModule, 'transfusion', TransfusionModule, config);
    /* Traces stay off unless HEMOTRACE_OTEL_EXPORTER / OTEL_TRACES_EXPORTER asks for them (README, Tracing). */
    return { ...service, imports: [...(service.imports ?? []), TracingModule] };
  }
}
