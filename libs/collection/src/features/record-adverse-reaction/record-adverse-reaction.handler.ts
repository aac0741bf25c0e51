import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '@hemotrace/platform';
import { donationStreamId } from '../../contracts/collection.contracts';
import { donationDecider } from '../../domain/donation/donation.decide';
import { dinFrom } from '../din';
import { RecordAdverseReactionCommand } from './record-adverse-reaction.command';

@CommandHandler(RecordAdverseReactionCommand)
export class RecordAdverseReactionHandler implements ICommandHandler<RecordAdverseReactionCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ din: input, request, ctx }: RecordAdverseReactionCommand): Promise<unknown> {
    const din = dinFrom(input);
    const outcome = await this.executor.execute(
      donationDecider,
      donationStreamId(din),
      {
        type: 'RecordAdverseReaction',
        din,
        reactionType: request.type,
        severity: request.severity,
        occurredAt: request.occurredAt === undefined ? ctx.now : new Date(request.occurredAt).toISOString(),
        ...(request.notes === undefined ? {} : { notes: request.notes }),
      },
      ctx,
    );
    return outcome.events[0]?.data;
  }
}
