import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, REGULATORY_PROFILE, businessTimeOr } from '@hemotrace/platform';
import { equipmentStreamId, unitStreamId } from '../../contracts/components.contracts';
import { catalogFor, findProduct } from '../../domain/catalog/product-catalog';
import { equipmentDecider, EquipmentNotFound } from '../../domain/equipment/equipment.decide';
import { UnknownProduct } from '../../domain/unit/processing.rules';
import { unitDecider } from '../../domain/unit/unit.decide';
import { UnitQueries } from '../../read-models/unit.queries';
import { StoreUnitCommand } from './store-unit.command';

@CommandHandler(StoreUnitCommand)
export class StoreUnitHandler implements ICommandHandler<StoreUnitCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitQueries,
    @Inject(REGULATORY_PROFILE) private readonly profile: string,
  ) {}

  async execute({ unitId, request, ctx }: StoreUnitCommand) {
    const unit = await this.units.get(unitId);
    const { state: equipment } = await this.executor.load(
      equipmentDecider,
      equipmentStreamId(ctx.actor.siteId, request.equipmentId),
    );
    if (equipment.status === 'None') throw new EquipmentNotFound(request.equipmentId);
    const catalog = catalogFor(this.profile);
    const product = findProduct(catalog, unit.descriptionCode);
    const storedAt = businessTimeOr(request.storedAt, ctx.now);
    if (!product) throw new UnknownProduct(unit.descriptionCode);
    await this.executor.execute(
      unitDecider,
      unitStreamId(unitId),
      {
        type: 'StoreUnit',
        siteId: ctx.actor.siteId,
        equipmentId: request.equipmentId,
        equipmentRange: { minC: equipment.minC, maxC: equipment.maxC },
        productRange: product.storage,
        at: storedAt,
        excursions: equipment.excursions,
        entry: {
          enteredAt: ctx.now,
          ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
          policy: catalog.businessTime,
        },
      },
      { ...ctx, now: storedAt },
    );
    return this.units.get(unitId);
  }
}
