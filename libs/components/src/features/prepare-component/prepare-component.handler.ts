import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { formatProductCode, unitId } from '@hemotrace/kernel';
import { onStream } from '@hemotrace/event-sourcing';
import { CommandExecutor, REGULATORY_PROFILE } from '@hemotrace/platform';
import { unitStreamId } from '../../contracts/components.contracts';
import { catalogFor, findProduct } from '../../domain/catalog/product-catalog';
import { UnknownProduct } from '../../domain/unit/processing.rules';
import { donationProcessingDecider } from '../../domain/donation-processing/donation-processing.decide';
import { componentMayBePrepared } from '../../domain/unit/preparation.rules';
import type { PrepareUnit } from '../../domain/unit/unit.decide';
import { unitDecider } from '../../domain/unit/unit.decide';
import { UnitQueries } from '../../read-models/unit.queries';
import { PrepareComponentCommand } from './prepare-component.command';

/** The families of components a whole-blood donation has given (components owns these streams). */
export const donationProcessingStreamId = (din: string): string => `DonationProcessing-${din}`;

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
    const preparedAt = request.preparedAt ?? ctx.now;
    const processing = await this.executor.load(
      donationProcessingDecider,
      donationProcessingStreamId(request.din),
    );
    const wholeBlood = plan.method === 'SEPARATION' || plan.method === 'COLLECTED_AS_IS';
    const fromPlasma =
      product.category === 'CRYO'
        ? processing.state.claimed.find((c) => c.family === 'PLASMA')?.unitId
        : undefined;
    const command: PrepareUnit = {
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
      parentUnitIds: fromPlasma ? [fromPlasma] : [],
      sourceDins: [request.din],
      preparedAt,
      collectionEndedAt: plan.collectionEndedAt,
      parentsReleased: false,
      qualification: plan.qualification,
    };
    /* The donation's family claim and the unit are one fact: appended together or not at all. */
    await this.executor.executeMany(
      [
        ...(wholeBlood
          ? [
              onStream(donationProcessingDecider, donationProcessingStreamId(request.din), {
                type: 'ClaimComponentFamily',
                din: request.din,
                family: product.category,
                unitId: id,
                volumeMl: request.volumeMl,
                separableVolumeMl: plan.separableVolumeMl,
                at: preparedAt,
              }),
            ]
          : []),
        onStream(unitDecider, unitStreamId(id), command),
      ],
      ctx,
    );
    return this.units.get(id);
  }
}
