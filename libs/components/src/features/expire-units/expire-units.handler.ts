import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '@hemotrace/platform';
import { unitStreamId } from '../../contracts/components.contracts';
import { unitDecider } from '../../domain/unit/unit.decide';
import { UnitQueries } from '../../read-models/unit.queries';
import { ExpireUnitsCommand } from './expire-units.command';

/** Records UnitExpired for every unit of the caller's site whose expiry has passed. */
@CommandHandler(ExpireUnitsCommand)
export class ExpireUnitsHandler implements ICommandHandler<ExpireUnitsCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitQueries,
  ) {}

  async execute({ ctx }: ExpireUnitsCommand) {
    const due = await this.units.find({
      siteId: ctx.actor.siteId,
      status: { $in: ['Quarantined', 'Released'] },
      expiresAt: { $lte: ctx.now },
    });
    for (const unit of due) {
      await this.executor.execute(
        unitDecider,
        unitStreamId(unit.unitId),
        { type: 'ExpireUnit', at: ctx.now },
        ctx,
      );
    }
    return { expired: due.map((u) => u.unitId) };
  }
}
