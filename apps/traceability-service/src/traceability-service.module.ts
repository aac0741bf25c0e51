import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { TraceabilityModule } from '@hemotrace/traceability';
import type { HemotraceConfig } from '@hemotrace/platform';
import { workbenchStaticModules } from '@hemotrace/platform';
import { contextServiceModule } from '@hemotrace/messaging';
import { TracingModule } from '@hemotrace/observability';
import { FhirOverServicesModule } from '@hemotrace/fhir';

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
    /* The auditor's workbench is served by the service that answers its queries; FHIR reads the components and transfusion services' schemas (FhirOverServicesModule says why). */
    return {
      ...service,
      imports: [
        ...(service.imports ?? []),
        ...workbenchStaticModules(),
        FhirOverServicesModule,
        TracingModule,
      ],
    };
  }
}
