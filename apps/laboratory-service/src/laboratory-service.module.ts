import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { LaboratoryModule } from '@hemotrace/laboratory';
import type { HemotraceConfig } from '@hemotrace/platform';
import { contextServiceModule } from '@hemotrace/messaging';
import { TracingModule } from '@hemotrace/observability';

/** The laboratory context as its own service: testing and conclusions; publishes DonationQualified, DonationRejected, DonorConfirmedPositive. */
@Module({})
export class LaboratoryServiceModule {
  static forRoot(config: HemotraceConfig): DynamicModule {
    const service = contextServiceModule(LaboratoryServiceModule, 'laboratory', LaboratoryModule, config);
    /* Traces stay off unless HEMOTRACE_OTEL_EXPORTER / OTEL_TRACES_EXPORTER asks for them (README, Tracing). */
    return { ...service, imports: [...(service.imports ?? []), TracingModule] };
  }
}
