import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { DistributionModule } from '@hemotrace/distribution';
import type { HemotraceConfig } from '@hemotrace/platform';
import { contextServiceModule } from '@hemotrace/messaging';

/** The distribution context as its own service: shipments; unit custody follows its ShipmentDispatched/Received and UnitReturned. */
@Module({})
export class DistributionServiceModule {
  static forRoot(config: HemotraceConfig): DynamicModule {
    return contextServiceModule(DistributionServiceModule, 'distribution', DistributionModule, config);
  }
}
