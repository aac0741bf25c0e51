import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, REGULATORY_PROFILE, businessTimeOr } from '@hemotrace/platform';
import { shipmentStreamId } from '../../contracts/distribution.contracts';
import { distributionProfileFor } from '../../domain/shipment/distribution.profile';
import { shipmentDecider } from '../../domain/shipment/shipment.decide';
import { ShipmentQueries } from '../../read-models/shipment.queries';
import { ReceiveShipmentCommand } from './receive-shipment.command';

@CommandHandler(ReceiveShipmentCommand)
export class ReceiveShipmentHandler implements ICommandHandler<ReceiveShipmentCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly shipments: ShipmentQueries,
    @Inject(REGULATORY_PROFILE) private readonly profile: string,
  ) {}

  async execute({ shipmentId, request, ctx }: ReceiveShipmentCommand) {
    await this.shipments.get(shipmentId, ctx.actor);
    const receivedAt = businessTimeOr(request.receivedAt, ctx.now);
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
        receivedAt,
        ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
        profile: distributionProfileFor(this.profile),
        at: ctx.now,
      },
      { ...ctx, now: receivedAt },
    );
    return this.shipments.get(shipmentId);
  }
}
