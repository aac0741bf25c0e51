import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, REGULATORY_PROFILE } from '@hemotrace/platform';
import { investigationDecider, investigationStreamId } from '../../domain/investigation/investigation.decide';
import { investigationProfile } from '../../domain/investigation/investigation.profiles';
import { ImpactQueries } from '../../read-models/investigations/impact.query';
import { OpenRecallCommand } from './open-recall.command';

@CommandHandler(OpenRecallCommand)
export class OpenRecallHandler implements ICommandHandler<OpenRecallCommand> {
  constructor(
    private readonly impact: ImpactQueries,
    private readonly executor: CommandExecutor,
    @Inject(REGULATORY_PROFILE) private readonly profileId: string,
  ) {}

  async execute(command: OpenRecallCommand) {
    const reach = await this.impact.recall(command.criteria);
    const outcome = await this.executor.execute(
      investigationDecider,
      investigationStreamId(command.investigationId),
      {
        type: 'OpenRecall',
        investigationId: command.investigationId,
        criteria: command.criteria,
        decision: { reason: command.reason, decidedBy: command.ctx.actor.userId },
        profile: investigationProfile(this.profileId),
        units: reach.units,
        consignees: reach.consignees,
        now: command.ctx.now,
      },
      command.ctx,
    );
    return {
      investigationId: command.investigationId,
      units: reach.units.map((u) => u.unitId),
      quarantineRequested: outcome.events
        .filter((e) => e.type === 'UnitQuarantineRequested')
        .map((e) => (e.data as { unitId: string }).unitId),
      consignees: reach.consignees,
    };
  }
}
