import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, businessTimeOr } from '@hemotrace/platform';
import { COLLECTION_PROFILE } from '../../collection.tokens';
import { donationStreamId } from '../../contracts/collection.contracts';
import { donationDecider } from '../../domain/donation/donation.decide';
import type { CollectionRegulatoryProfile } from '../../domain/profiles/collection-profile';
import { dinFrom } from '../din';
import { RecordAdverseReactionCommand } from './record-adverse-reaction.command';

@CommandHandler(RecordAdverseReactionCommand)
export class RecordAdverseReactionHandler implements ICommandHandler<RecordAdverseReactionCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(COLLECTION_PROFILE) private readonly profile: CollectionRegulatoryProfile,
  ) {}

  async execute({ din: input, request, ctx }: RecordAdverseReactionCommand) {
    const din = dinFrom(input);
    const occurredAt = businessTimeOr(request.occurredAt, ctx.now);
    const outcome = await this.executor.execute(
      donationDecider,
      donationStreamId(din),
      {
        type: 'RecordAdverseReaction',
        din,
        reactionType: request.type,
        severity: request.severity,
        occurredAt,
        ...(request.notes === undefined ? {} : { notes: request.notes }),
        ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
        profile: this.profile,
        now: ctx.now,
      },
      { ...ctx, now: occurredAt },
    );
    return outcome.events[0]?.data;
  }
}
