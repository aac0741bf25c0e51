import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, REGULATORY_PROFILE } from '@hemotrace/platform';
import { shipmentStreamId } from '../../contracts/distribution.contracts';
import { distributionProfileFor } from '../../domain/shipment/distribution.profile';
import { shipmentDecider } from '../../domain/shipment/shipment.decide';
import { ShipmentQueries } from '../../read-models/shipment.queries';
import { ReturnUnitCommand } from './return-unit.command';

@CommandHandler(ReturnUnitCommand)
export class ReturnUnitHandler implements ICommandHandler<ReturnUnitCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly shipments: ShipmentQueries,
    @Inject(REGULATORY_PROFILE) private readonly profile: string,
  ) {}

  async execute({ shipmentId, request, ctx }: ReturnUnitCommand) {
    await this.shipments.get(shipmentId);
    const outcome = await this.executor.execute(
      shipmentDecider,
      shipmentStreamId(shipmentId),
      {
        type: 'ReturnUnit',
        unitId: request.unitId,
        temperatureC: request.temperatureC,
        returnedAt: request.returnedAt ?? ctx.now,
        profile: distributionProfileFor(this.profile),
        siteId: ctx.actor.siteId,
        at: ctx.now,
      },
      ctx,
    );
    return outcome.events.at(-1)?.data;
  }
}
