import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { DonorEligibilityQuery } from '@hemotrace/donors';
import { CommandExecutor } from '@hemotrace/platform';
import { COLLECTION_PROFILE } from '../../collection.tokens';
import { donationStreamId } from '../../contracts/collection.contracts';
import { donationDecider } from '../../domain/donation/donation.decide';
import { DinAlreadyUsed } from '../../domain/donation/donation.errors';
import type { CollectionRegulatoryProfile } from '../../domain/profiles/collection-profile';
import { dinFrom } from '../din';
import { StartDonationCommand } from './start-donation.command';

/** Gathers the donors context's eligibility at this moment (deferrals, intervals, a valid screening) and starts. */
@CommandHandler(StartDonationCommand)
export class StartDonationHandler implements ICommandHandler<StartDonationCommand, { din: string }> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly eligibility: DonorEligibilityQuery,
    @Inject(COLLECTION_PROFILE) private readonly profile: CollectionRegulatoryProfile,
  ) {}

  async execute({ request, ctx }: StartDonationCommand): Promise<{ din: string }> {
    const din = dinFrom(request.din);
    const streamId = donationStreamId(din);
    /* A used DIN is reported before anything is asked about the donor; its own retry gets its first result. */
    const existing = await this.executor.load(donationDecider, streamId);
    if (existing.exists && existing.commandIds.has(ctx.commandId)) return { din };
    if (existing.exists) throw new DinAlreadyUsed(din);
    const eligibility = await this.eligibility.eligibilityOn(request.donorId, ctx.now, request.procedure, {
      requireScreening: true,
    });
    await this.executor.execute(
      donationDecider,
      streamId,
      {
        type: 'StartDonation',
        din,
        donorId: request.donorId,
        procedure: request.procedure,
        ...(request.volumeMl === undefined ? {} : { nominalVolumeMl: request.volumeMl }),
        ...(request.plateletDoses === undefined ? {} : { plateletDoses: request.plateletDoses }),
        siteId: request.siteId,
        siteType: request.siteType,
        bagLot: request.bagLot,
        operatorId: ctx.actor.userId,
        ...(request.groupDonation === undefined ? {} : { groupDonation: request.groupDonation }),
        eligibility,
        profile: this.profile,
        at: ctx.now,
      },
      ctx,
    );
    return { din };
  }
}
