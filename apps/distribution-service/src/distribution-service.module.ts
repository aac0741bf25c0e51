import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { DistributionModule } from '@hemotrace/distribution';
import type { HemotraceConfig } from '@hemotrace/platform';
import { contextServiceModule } from '@hemotrace/messaging';
import { TracingModule } from '@hemotrace/observability';
import { SitesModule } from '@hemotrace/sites';

/**
 * The distribution context as its own service: shipments; unit custody follows its ShipmentDispatched/Received
 * and UnitReturned. It also hosts the sites master data (admin API and directory), which shipments decide on.
 */
@Module({})
export class DistributionServiceModule {
  static forRoot(config: HemotraceConfig): DynamicModule {
    const service = contextServiceModule(
      DistributionServiceModule,
      'distribution',
      DistributionModule,
      config,
    );
    return { ...service, imports: [...(service.imports ?? []), SitesModule, TracingModule] };
  }
}
