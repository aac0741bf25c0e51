import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { newId } from '@hemotrace/kernel';
import { CommandExecutor } from '@hemotrace/platform';
import { shipmentStreamId } from '../../contracts/distribution.contracts';
import { shipmentDecider } from '../../domain/shipment/shipment.decide';
import { ShipmentQueries } from '../../read-models/shipment.queries';
import { CreateShipmentCommand } from './create-shipment.command';

@CommandHandler(CreateShipmentCommand)
export class CreateShipmentHandler implements ICommandHandler<CreateShipmentCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly shipments: ShipmentQueries,
  ) {}

  async execute({ request, ctx }: CreateShipmentCommand) {
    const shipmentId = newId();
    await this.executor.execute(
      shipmentDecider,
      shipmentStreamId(shipmentId),
      {
        type: 'CreateShipment',
        shipmentId,
        shipmentType: request.type,
        fromSiteId: ctx.actor.siteId,
        toSiteId: request.toSiteId,
        allianceId: request.allianceId,
        at: ctx.now,
      },
      ctx,
    );
    return this.shipments.get(shipmentId);
  }
}
