import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { newId } from '@hemotrace/kernel';
import { CommandExecutor } from '@hemotrace/platform';
import { SiteDirectory } from '@hemotrace/sites';
import { shipmentStreamId } from '../../contracts/distribution.contracts';
import { shipmentDecider } from '../../domain/shipment/shipment.decide';
import { ShipmentQueries } from '../../read-models/shipment.queries';
import { CreateShipmentCommand } from './create-shipment.command';

@CommandHandler(CreateShipmentCommand)
export class CreateShipmentHandler implements ICommandHandler<CreateShipmentCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly shipments: ShipmentQueries,
    private readonly sites: SiteDirectory,
  ) {}

  async execute({ request, ctx }: CreateShipmentCommand) {
    const shipmentId = newId();
    /* The consignee and the alliance are read from their own streams, never from the sites read model. */
    const [consignee, alliance] = await Promise.all([
      this.sites.site(request.toSiteId),
      request.allianceId ? this.sites.alliance(request.allianceId) : undefined,
    ]);
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
        consignee,
        ...(alliance ? { alliance } : {}),
        at: ctx.now,
      },
      ctx,
    );
    return this.shipments.get(shipmentId);
  }
}
