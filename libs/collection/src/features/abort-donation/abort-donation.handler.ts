import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '@hemotrace/platform';
import { donationStreamId } from '../../contracts/collection.contracts';
import { donationDecider } from '../../domain/donation/donation.decide';
import { dinFrom } from '../din';
import { AbortDonationCommand } from './abort-donation.command';

@CommandHandler(AbortDonationCommand)
export class AbortDonationHandler implements ICommandHandler<AbortDonationCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ din: input, request, ctx }: AbortDonationCommand): Promise<unknown> {
    const din = dinFrom(input);
    const outcome = await this.executor.execute(
      donationDecider,
      donationStreamId(din),
      {
        type: 'AbortDonation',
        din,
        reason: request.reason,
        partialVolumeMl: request.partialVolumeMl,
        at: ctx.now,
      },
      ctx,
    );
    return outcome.events[0]?.data;
  }
}
