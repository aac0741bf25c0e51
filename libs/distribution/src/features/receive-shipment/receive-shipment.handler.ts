import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '@hemotrace/platform';
import { shipmentStreamId } from '../../contracts/distribution.contracts';
import { shipmentDecider } from '../../domain/shipment/shipment.decide';
import { ShipmentQueries } from '../../read-models/shipment.queries';
import { ReceiveShipmentCommand } from './receive-shipment.command';

@CommandHandler(ReceiveShipmentCommand)
export class ReceiveShipmentHandler implements ICommandHandler<ReceiveShipmentCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly shipments: ShipmentQueries,
  ) {}

  async execute({ shipmentId, request, ctx }: ReceiveShipmentCommand) {
    await this.shipments.get(shipmentId, ctx.actor);
    await this.executor.execute(
      shipmentDecider,
      shipmentStreamId(shipmentId),
      {
        type: 'ReceiveShipment',
        condition: request.condition,
        temperatureC: request.temperatureC,
        units: request.units.map((u) => ({
          unitId: u.unitId,
          accepted: u.accepted,
          ...(u.reason ? { reason: u.reason } : {}),
        })),
        siteId: ctx.actor.siteId,
        at: ctx.now,
      },
      ctx,
    );
    return this.shipments.get(shipmentId);
  }
}
