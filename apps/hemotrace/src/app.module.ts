import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import type { HemotraceConfig, PlatformOptions } from '@hemotrace/platform';
import { MessagingModule } from '@hemotrace/messaging';
import { PlatformModule, workbenchStaticModules } from '@hemotrace/platform';
import { FhirModule } from '@hemotrace/fhir';
import { ObservabilityModule } from '@hemotrace/observability';
import { IntegrityHttpController } from './audit/integrity.http.controller';
import { ReactionFailuresHttpController } from './audit/reaction-failures.http.controller';
import { StreamEventsHttpController } from './audit/stream-events.http.controller';
import { HealthHttpController } from './health.http.controller';
import { CONTEXT_MODULES } from './contexts';
import { EvidenceModule } from './evidence/evidence.module';
import { ExportsHttpController } from './evidence/exports.http.controller';

/**
 * Every bounded context, its projections and its reactions in one process. Integration events go
 * over the in-process bus by default, or to Kafka through the log relay with HEMOTRACE_BUS=kafka.
 */
@Module({})
export class AppModule {
  static forRoot(config: HemotraceConfig, options: PlatformOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(config, options),
        MessagingModule.forRoot({ env: config.env }),
        ...CONTEXT_MODULES,
        EvidenceModule,
        ...workbenchStaticModules(),
        FhirModule,
        ObservabilityModule,
      ],
      controllers: [
        HealthHttpController,
        StreamEventsHttpController,
        IntegrityHttpController,
        ExportsHttpController,
        ReactionFailuresHttpController,
      ],
    };
  }
}
