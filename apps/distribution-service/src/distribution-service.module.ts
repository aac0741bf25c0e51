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
 * Its read models (shipments, sites) are in its own schema; a unit it packs or dispatches is read
 * from the unit's stream in the log of record (DistributionModule says why), never from components' read models.
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
