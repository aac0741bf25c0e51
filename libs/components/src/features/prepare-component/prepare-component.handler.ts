import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { formatProductCode, unitId } from '@hemotrace/kernel';
import { CommandExecutor, REGULATORY_PROFILE } from '@hemotrace/platform';
import { unitStreamId } from '../../contracts/components.contracts';
import { catalogFor, findProduct } from '../../domain/catalog/product-catalog';
import { UnknownProduct } from '../../domain/unit/processing.rules';
import { componentMayBePrepared } from '../../domain/unit/preparation.rules';
import { unitDecider } from '../../domain/unit/unit.decide';
import { UnitQueries } from '../../read-models/unit.queries';
import { PrepareComponentCommand } from './prepare-component.command';

@CommandHandler(PrepareComponentCommand)
export class PrepareComponentHandler implements ICommandHandler<PrepareComponentCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitQueries,
    @Inject(REGULATORY_PROFILE) private readonly profile: string,
  ) {}

  async execute({ request, ctx }: PrepareComponentCommand) {
    const catalog = catalogFor(this.profile);
    const product = findProduct(catalog, request.descriptionCode);
    if (!product) throw new UnknownProduct(request.descriptionCode);
    const plan = componentMayBePrepared(
      await this.units.donation(request.din),
      request.din,
      product,
      catalog,
    );
    const productCode = formatProductCode({
      descriptionCode: product.descriptionCode,
      collectionType: 'V',
      division: '00',
    });
    const id = unitId(request.din, productCode);
    await this.executor.execute(
      unitDecider,
      unitStreamId(id),
      {
        type: 'PrepareUnit',
        unitId: id,
        din: request.din,
        donorId: plan.donorId,
        productCode,
        product,
        volumeMl: request.volumeMl,
        plateletDoses: plan.plateletDoses,
        bloodUnits: plan.bloodUnits,
        siteId: ctx.actor.siteId,
        equipmentId: request.equipmentId,
        method: plan.method,
        parentUnitIds: [],
        sourceDins: [request.din],
        preparedAt: request.preparedAt ?? ctx.now,
        collectionEndedAt: plan.collectionEndedAt,
        parentsReleased: false,
        qualification: plan.qualification,
      },
      ctx,
    );
    return this.units.get(id);
  }
}
