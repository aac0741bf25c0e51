import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '@hemotrace/platform';
import { COLLECTION_PROFILE } from '../../collection.tokens';
import type { DonationCompletedContract } from '../../contracts/collection.contracts';
import { donationStreamId } from '../../contracts/collection.contracts';
import { donationDecider } from '../../domain/donation/donation.decide';
import type { CollectionRegulatoryProfile } from '../../domain/profiles/collection-profile';
import { dinFrom } from '../din';
import { DonorDonationsRegister } from '../donor-donations.register';
import { CompleteDonationCommand } from './complete-donation.command';

const iso = (value: string): string => new Date(value).toISOString();

@CommandHandler(CompleteDonationCommand)
export class CompleteDonationHandler implements ICommandHandler<CompleteDonationCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly register: DonorDonationsRegister,
    @Inject(COLLECTION_PROFILE) private readonly profile: CollectionRegulatoryProfile,
  ) {}

  async execute({ din: input, request, ctx }: CompleteDonationCommand) {
    const din = dinFrom(input);
    const outcome = await this.executor.execute(
      donationDecider,
      donationStreamId(din),
      {
        type: 'CompleteDonation',
        din,
        measuredVolumeMl: request.volumeMl,
        ...(request.plateletDoses === undefined ? {} : { plateletDoses: request.plateletDoses }),
        ...(request.startedAt === undefined ? {} : { startedAt: iso(request.startedAt) }),
        endedAt: iso(request.endedAt),
        ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
        profile: this.profile,
        now: ctx.now,
      },
      { ...ctx, now: iso(request.endedAt) },
    );
    const completed = outcome.events[0]?.data as DonationCompletedContract | undefined;
    if (completed) {
      await this.register.end(
        {
          donorId: completed.donorId,
          din,
          procedure: completed.procedure,
          outcome: 'COMPLETED',
          endedAt: completed.endedAt,
        },
        { ...ctx, now: completed.endedAt },
      );
    }
    return completed;
  }
}
