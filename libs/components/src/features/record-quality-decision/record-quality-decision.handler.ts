import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, REGULATORY_PROFILE, businessTimeOr } from '@hemotrace/platform';
import { catalogFor } from '../../domain/catalog/product-catalog';
import { unitStreamId } from '../../contracts/components.contracts';
import { unitDecider } from '../../domain/unit/unit.decide';
import { UnitQueries } from '../../read-models/unit.queries';
import { RecordQualityDecisionCommand } from './record-quality-decision.command';

@CommandHandler(RecordQualityDecisionCommand)
export class RecordQualityDecisionHandler implements ICommandHandler<RecordQualityDecisionCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitQueries,
    @Inject(REGULATORY_PROFILE) private readonly profile: string,
  ) {}

  async execute({ unitId, request, ctx }: RecordQualityDecisionCommand) {
    await this.units.get(unitId);
    const { decidedAt: stated, lateEntryReason, holdId, decision, reason } = request;
    const decidedAt = businessTimeOr(stated, ctx.now);
    await this.executor.execute(
      unitDecider,
      unitStreamId(unitId),
      {
        type: 'RecordQualityDecision',
        holdId,
        decision,
        reason,
        siteId: ctx.actor.siteId,
        at: decidedAt,
        entry: {
          enteredAt: ctx.now,
          ...(lateEntryReason === undefined ? {} : { lateEntryReason }),
          policy: catalogFor(this.profile).businessTime,
        },
      },
      { ...ctx, now: decidedAt },
    );
    return this.units.get(unitId);
  }
}
