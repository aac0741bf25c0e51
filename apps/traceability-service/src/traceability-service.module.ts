import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { TraceabilityModule } from '@hemotrace/traceability';
import type { HemotraceConfig } from '@hemotrace/platform';
import { workbenchStaticModules } from '@hemotrace/platform';
import { contextServiceModule } from '@hemotrace/messaging';

/** The traceability context as its own service: traces and investigations; opens lookbacks and tracebacks from Kafka. */
@Module({})
export class TraceabilityServiceModule {
  static forRoot(config: HemotraceConfig): DynamicModule {
    const service = contextServiceModule(
      TraceabilityServiceModule,
      'traceability',
      TraceabilityModule,
      config,
    );
    /* The auditor's workbench is served by the service that answers its queries. */
    return { ...service, imports: [...(service.imports ?? []), ...workbenchStaticModules()] };
  }
}
