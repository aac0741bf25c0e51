import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, businessTimeOr } from '@hemotrace/platform';
import { COLLECTION_PROFILE } from '../../collection.tokens';
import type { DonationAbortedContract } from '../../contracts/collection.contracts';
import { donationStreamId } from '../../contracts/collection.contracts';
import { donationDecider } from '../../domain/donation/donation.decide';
import type { CollectionRegulatoryProfile } from '../../domain/profiles/collection-profile';
import { dinFrom } from '../din';
import { DonorDonationsRegister } from '../donor-donations.register';
import { AbortDonationCommand } from './abort-donation.command';

@CommandHandler(AbortDonationCommand)
export class AbortDonationHandler implements ICommandHandler<AbortDonationCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly register: DonorDonationsRegister,
    @Inject(COLLECTION_PROFILE) private readonly profile: CollectionRegulatoryProfile,
  ) {}

  async execute({ din: input, request, ctx }: AbortDonationCommand) {
    const din = dinFrom(input);
    const abortedAt = businessTimeOr(request.abortedAt, ctx.now);
    const outcome = await this.executor.execute(
      donationDecider,
      donationStreamId(din),
      {
        type: 'AbortDonation',
        din,
        reason: request.reason,
        partialVolumeMl: request.partialVolumeMl,
        abortedAt,
        ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
        profile: this.profile,
        at: ctx.now,
      },
      { ...ctx, now: abortedAt },
    );
    const aborted = outcome.events[0]?.data as DonationAbortedContract | undefined;
    if (aborted) {
      await this.register.end(
        {
          donorId: aborted.donorId,
          din,
          procedure: aborted.procedure,
          outcome: 'ABORTED',
          endedAt: aborted.abortedAt,
        },
        { ...ctx, now: aborted.abortedAt },
      );
    }
    return aborted;
  }
}
