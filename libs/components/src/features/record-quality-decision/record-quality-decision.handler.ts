import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '@hemotrace/platform';
import { unitStreamId } from '../../contracts/components.contracts';
import { unitDecider } from '../../domain/unit/unit.decide';
import { UnitQueries } from '../../read-models/unit.queries';
import { RecordQualityDecisionCommand } from './record-quality-decision.command';

@CommandHandler(RecordQualityDecisionCommand)
export class RecordQualityDecisionHandler implements ICommandHandler<RecordQualityDecisionCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitQueries,
  ) {}

  async execute({ unitId, request, ctx }: RecordQualityDecisionCommand) {
    await this.units.get(unitId);
    await this.executor.execute(
      unitDecider,
      unitStreamId(unitId),
      { type: 'RecordQualityDecision', ...request, siteId: ctx.actor.siteId, at: ctx.now },
      ctx,
    );
    return this.units.get(unitId);
  }
}
