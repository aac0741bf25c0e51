import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { DonorEligibilityQuery } from '@hemotrace/donors';
import { parseDin } from '@hemotrace/kernel';
import { CommandExecutor, businessTimeOr } from '@hemotrace/platform';
import { COLLECTION_PROFILE } from '../../collection.tokens';
import { donationStreamId } from '../../contracts/collection.contracts';
import type { StartDonation } from '../../domain/donation/donation.decide';
import { donationDecider } from '../../domain/donation/donation.decide';
import { DinAlreadyUsed } from '../../domain/donation/donation.errors';
import type { CollectionRegulatoryProfile } from '../../domain/profiles/collection-profile';
import { DinRegister } from '../din-register.service';
import { DonorDonationsRegister } from '../donor-donations.register';
import { StartDonationCommand } from './start-donation.command';

/** Gathers the donors context's eligibility at this moment (deferrals, intervals, a valid screening) and starts. */
@CommandHandler(StartDonationCommand)
export class StartDonationHandler implements ICommandHandler<StartDonationCommand, { din: string }> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly eligibility: DonorEligibilityQuery,
    private readonly register: DonorDonationsRegister,
    private readonly dins: DinRegister,
    @Inject(COLLECTION_PROFILE) private readonly profile: CollectionRegulatoryProfile,
  ) {}

  async execute({ request, ctx }: StartDonationCommand): Promise<{ din: string }> {
    const scanned = parseDin(request.din);
    const din = scanned.value;
    const streamId = donationStreamId(din);
    /* A used DIN is reported before anything is asked about the donor; its own retry gets its first result. */
    const current = await this.executor.load(donationDecider, streamId);
    if (current.exists && current.commandIds.has(ctx.commandId)) return { din };
    if (current.exists) throw new DinAlreadyUsed(din);
    const startedAt = businessTimeOr(request.startedAt, ctx.now);
    /* Donation intervals and deferrals are judged on the day the donation happened, not the day it is entered. */
    const eligibility = await this.eligibility.eligibilityOn(request.donorId, startedAt, request.procedure, {
      requireScreening: true,
    });
    const command: StartDonation = {
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
      startedAt,
      ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
      ...(scanned.flagType === undefined ? {} : { dinFlags: scanned.flagType }),
      at: ctx.now,
    };
    /* Decided first, so a refused start reserves nothing in the donor's register. */
    donationDecider.decide(command, current.state);
    const occurred = { ...ctx, now: startedAt };
    await this.register.reserve(
      { donorId: request.donorId, din, procedure: request.procedure, startedAt },
      occurred,
    );
    try {
      await this.dins.assign(din, 'DONATION', request.donorId, occurred);
      await this.executor.execute(donationDecider, streamId, command, occurred);
    } catch (error) {
      await this.register.end(
        {
          donorId: request.donorId,
          din,
          procedure: request.procedure,
          outcome: 'RELEASED',
          endedAt: startedAt,
        },
        { ...occurred, commandId: `register-release:${ctx.commandId}` },
      );
      throw error;
    }
    return { din };
  }
}
