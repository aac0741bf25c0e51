import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, REGULATORY_PROFILE } from '@hemotrace/platform';
import { investigationDecider, investigationStreamId } from '../../domain/investigation/investigation.decide';
import { investigationProfile } from '../../domain/investigation/investigation.profiles';
import { ImpactQueries } from '../../read-models/investigations/impact.query';
import { OpenLookbackCommand } from './open-lookback.command';

@CommandHandler(OpenLookbackCommand)
export class OpenLookbackHandler implements ICommandHandler<OpenLookbackCommand> {
  constructor(
    private readonly impact: ImpactQueries,
    private readonly executor: CommandExecutor,
    @Inject(REGULATORY_PROFILE) private readonly profileId: string,
  ) {}

  async execute(command: OpenLookbackCommand) {
    const profile = investigationProfile(this.profileId);
    const reach = await this.impact.lookback(profile, command.donorId, command.din);
    const confirmedAt =
      command.confirmedAt ?? reach.confirmedPositive.find((c) => c.marker === command.marker)?.at;
    const outcome = await this.executor.execute(
      investigationDecider,
      investigationStreamId(command.investigationId),
      {
        type: 'OpenLookback',
        investigationId: command.investigationId,
        donorId: command.donorId,
        trigger: {
          din: reach.positiveDin,
          marker: command.marker,
          eventId: command.triggerEventId,
          ...(confirmedAt === undefined ? {} : { confirmedAt }),
        },
        profile,
        window: reach.window,
        donations: reach.donations,
        units: reach.units,
        consignees: reach.consignees,
        now: command.ctx.now,
      },
      command.ctx,
    );
    return { investigationId: command.investigationId, events: outcome.events.map((e) => e.type) };
  }
}
