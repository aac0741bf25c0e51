import type { OnModuleInit } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { ComponentsModule } from '@hemotrace/components';
import { ProjectionRunner } from '@hemotrace/event-sourcing';
import { ContractRegistry } from '@hemotrace/messaging';
import { SitesModule } from '@hemotrace/sites';
import { CreateShipmentHandler } from './features/create-shipment/create-shipment.handler';
import { DispatchShipmentHandler } from './features/dispatch-shipment/dispatch-shipment.handler';
import { PackUnitHandler } from './features/pack-unit/pack-unit.handler';
import { ReceiveShipmentHandler } from './features/receive-shipment/receive-shipment.handler';
import { ReturnUnitHandler } from './features/return-unit/return-unit.handler';
import { ShipmentsHttpController } from './features/shipments.http.controller';
import { distributionIntegrationContracts } from './integration/distribution.integration-contracts';
import { ShipmentQueries } from './read-models/shipment.queries';
import { shipmentsProjection } from './read-models/shipments.projection';

/**
 * Shipments between blood centers and to hospitals, receipt, returns and transfer statistics.
 *
 * What it asks of other contexts, and where the answer comes from (the same in the all-in-one
 * server and in the distribution service, which reads no other service's read models):
 * - "is the unit released, in date, in stock here, not in transit" (packing, dispatch): the unit's
 *   `Unit-` stream in the log of record (b), through components' UnitRecordReader;
 * - the consignee and the alliance (dispatch): the `Site-` / `Alliance-` streams (b), SiteDirectory.
 */
@Module({
  imports: [ComponentsModule.unitRecords(), SitesModule.queries()],
  controllers: [ShipmentsHttpController],
  providers: [
    ShipmentQueries,
    CreateShipmentHandler,
    PackUnitHandler,
    DispatchShipmentHandler,
    ReceiveShipmentHandler,
    ReturnUnitHandler,
  ],
  exports: [ShipmentQueries],
})
export class DistributionModule implements OnModuleInit {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly contracts: ContractRegistry,
  ) {}

  onModuleInit(): void {
    for (const contract of distributionIntegrationContracts) this.contracts.registerContract(contract);
    this.runner.addProjection(shipmentsProjection);
  }
}
