import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { TraceabilityModule } from '@hemotrace/traceability';
import type { HemotraceConfig } from '@hemotrace/platform';
import { contextServiceModule } from '@hemotrace/messaging';
import { FhirModule } from '@hemotrace/fhir';

/** The traceability context as its own service: traces, investigations and the FHIR R5 endpoint; opens lookbacks and tracebacks from Kafka. */
@Module({})
export class TraceabilityServiceModule {
  static forRoot(config: HemotraceConfig): DynamicModule {
    const service = contextServiceModule(
      TraceabilityServiceModule,
      'traceability',
      TraceabilityModule,
      config,
    );
    /* FHIR reads the shared read models, which the components and transfusion services keep. */
    return { ...service, imports: [...(service.imports ?? []), FhirModule] };
  }
}
