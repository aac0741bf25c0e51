import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, REGULATORY_PROFILE, businessTimeOr } from '@hemotrace/platform';
import { catalogFor } from '../../domain/catalog/product-catalog';
import { unitStreamId } from '../../contracts/components.contracts';
import { unitDecider } from '../../domain/unit/unit.decide';
import { UnitQueries } from '../../read-models/unit.queries';
import { DiscardUnitCommand } from './discard-unit.command';

@CommandHandler(DiscardUnitCommand)
export class DiscardUnitHandler implements ICommandHandler<DiscardUnitCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitQueries,
    @Inject(REGULATORY_PROFILE) private readonly profile: string,
  ) {}

  async execute({ unitId, request, ctx }: DiscardUnitCommand) {
    await this.units.get(unitId);
    const discardedAt = businessTimeOr(request.discardedAt, ctx.now);
    await this.executor.execute(
      unitDecider,
      unitStreamId(unitId),
      {
        type: 'DiscardUnit',
        reason: request.reason,
        note: request.note,
        automatic: false,
        siteId: ctx.actor.siteId,
        at: discardedAt,
        entry: {
          enteredAt: ctx.now,
          ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
          policy: catalogFor(this.profile).businessTime,
        },
      },
      { ...ctx, now: discardedAt },
    );
    return this.units.get(unitId);
  }
}
