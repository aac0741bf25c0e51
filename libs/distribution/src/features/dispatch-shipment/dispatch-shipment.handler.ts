import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitRecordReader } from '@hemotrace/components';
import { CommandExecutor, REGULATORY_PROFILE, businessTimeOr } from '@hemotrace/platform';
import { SiteDirectory } from '@hemotrace/sites';
import { shipmentStreamId } from '../../contracts/distribution.contracts';
import { distributionProfileFor } from '../../domain/shipment/distribution.profile';
import { shipmentDecider } from '../../domain/shipment/shipment.decide';
import { ShipmentQueries } from '../../read-models/shipment.queries';
import { packable } from '../shipment-units';
import { DispatchShipmentCommand } from './dispatch-shipment.command';

@CommandHandler(DispatchShipmentCommand)
export class DispatchShipmentHandler implements ICommandHandler<DispatchShipmentCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly shipments: ShipmentQueries,
    private readonly units: UnitRecordReader,
    private readonly sites: SiteDirectory,
    @Inject(REGULATORY_PROFILE) private readonly profile: string,
  ) {}

  async execute({ shipmentId, request, ctx }: DispatchShipmentCommand) {
    const shipment = await this.shipments.get(shipmentId);
    const units = await Promise.all(
      shipment.units.map(async (u) => packable(await this.units.get(u.unitId))),
    );
    /* Read from their own streams at dispatch, never from the sites read model. */
    const [consignee, alliance] = await Promise.all([
      this.sites.site(shipment.toSiteId),
      shipment.allianceId ? this.sites.alliance(shipment.allianceId) : undefined,
    ]);
    const dispatchedAt = businessTimeOr(request.dispatchedAt, ctx.now);
    await this.executor.execute(
      shipmentDecider,
      shipmentStreamId(shipmentId),
      {
        type: 'DispatchShipment',
        carrier: request.carrier,
        coolerId: request.coolerId,
        temperatureC: request.temperatureC,
        units,
        consignee,
        ...(alliance ? { alliance } : {}),
        profile: distributionProfileFor(this.profile),
        siteId: ctx.actor.siteId,
        dispatchedAt,
        ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
        at: ctx.now,
      },
      { ...ctx, now: dispatchedAt },
    );
    return this.shipments.get(shipmentId);
  }
}
