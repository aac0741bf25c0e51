import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '@hemotrace/platform';
import { unitStreamId } from '../../contracts/components.contracts';
import { unitDecider } from '../../domain/unit/unit.decide';
import { UnitQueries } from '../../read-models/unit.queries';
import { DiscardUnitCommand } from './discard-unit.command';

@CommandHandler(DiscardUnitCommand)
export class DiscardUnitHandler implements ICommandHandler<DiscardUnitCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitQueries,
  ) {}

  async execute({ unitId, request, ctx }: DiscardUnitCommand) {
    await this.units.get(unitId);
    await this.executor.execute(
      unitDecider,
      unitStreamId(unitId),
      {
        type: 'DiscardUnit',
        reason: request.reason,
        note: request.note,
        automatic: false,
        siteId: ctx.actor.siteId,
        at: ctx.now,
      },
      ctx,
    );
    return this.units.get(unitId);
  }
}
