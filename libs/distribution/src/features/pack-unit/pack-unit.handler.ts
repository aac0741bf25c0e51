import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitRecordReader } from '@hemotrace/components';
import { CommandExecutor } from '@hemotrace/platform';
import { shipmentStreamId } from '../../contracts/distribution.contracts';
import { shipmentDecider } from '../../domain/shipment/shipment.decide';
import { ShipmentQueries } from '../../read-models/shipment.queries';
import { packable } from '../shipment-units';
import { PackUnitCommand } from './pack-unit.command';

@CommandHandler(PackUnitCommand)
export class PackUnitHandler implements ICommandHandler<PackUnitCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly shipments: ShipmentQueries,
    private readonly units: UnitRecordReader,
  ) {}

  async execute({ shipmentId, request, ctx }: PackUnitCommand) {
    await this.shipments.get(shipmentId);
    const unit = packable(await this.units.get(request.unitId));
    await this.executor.execute(
      shipmentDecider,
      shipmentStreamId(shipmentId),
      {
        type: 'PackUnit',
        unit,
        packedIn: await this.shipments.packedIn(unit.unitId),
        siteId: ctx.actor.siteId,
        at: ctx.now,
      },
      ctx,
    );
    return this.shipments.get(shipmentId);
  }
}
