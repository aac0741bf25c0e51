import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { TraceabilityModule } from '@hemotrace/traceability';
import type { HemotraceConfig } from '@hemotrace/platform';
import { contextServiceModule } from '@hemotrace/messaging';

/** The traceability context as its own service: traces and investigations; opens lookbacks and tracebacks from Kafka. */
@Module({})
export class TraceabilityServiceModule {
  static forRoot(config: HemotraceConfig): DynamicModule {
    return contextServiceModule(TraceabilityServiceModule, 'traceability', TraceabilityModule, config);
  }
}
