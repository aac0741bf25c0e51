import { Inject, Injectable } from '@nestjs/common';
import type { CommandContext } from '@hemotrace/auth';
import type { DonorRegulatoryProfile } from '@hemotrace/donors';
import { DONOR_PROFILE } from '@hemotrace/donors';
import { CommandExecutor } from '@hemotrace/platform';
import type { Procedure } from '../contracts/collection.contracts';
import { donationStreamId } from '../contracts/collection.contracts';
import { donationDecider } from '../domain/donation/donation.decide';
import { donorDonationsDecider } from '../domain/donor-donations/donor-donations.decide';

export const donorDonationsStreamId = (donorId: string): string => `DonorDonations-${donorId}`;

/**
 * The donor's register of donations in collection (one stream per donor, appended with its
 * expected version): a start reserves it before the donation stream is written, an end releases it.
 */
@Injectable()
export class DonorDonationsRegister {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(DONOR_PROFILE) private readonly donorProfile: DonorRegulatoryProfile,
  ) {}

  async reserve(
    donation: { donorId: string; din: string; procedure: Procedure; startedAt: string },
    ctx: CommandContext,
  ): Promise<void> {
    const streamId = donorDonationsStreamId(donation.donorId);
    await this.healEndedDonation(streamId, donation.donorId, ctx);
    await this.executor.execute(
      donorDonationsDecider,
      streamId,
      { type: 'ReserveDonation', ...donation, intervals: this.donorProfile.intervals },
      ctx,
    );
  }

  async end(
    donation: {
      donorId: string;
      din: string;
      procedure: Procedure;
      outcome: 'COMPLETED' | 'ABORTED' | 'RELEASED';
      endedAt: string;
    },
    ctx: CommandContext,
  ): Promise<void> {
    await this.executor.execute(
      donorDonationsDecider,
      donorDonationsStreamId(donation.donorId),
      { type: 'EndDonation', ...donation },
      ctx,
    );
  }

  /**
   * The end is a second write after the donation's own: if the process stopped between them, the
   * donation stream (the truth) shows it ended, and the register catches up before deciding.
   */
  private async healEndedDonation(streamId: string, donorId: string, ctx: CommandContext): Promise<void> {
    const { state } = await this.executor.load(donorDonationsDecider, streamId);
    if (!state.inProgress) return;
    const { state: donation } = await this.executor.load(
      donationDecider,
      donationStreamId(state.inProgress.din),
    );
    if (donation.status === 'Completed' || donation.status === 'Aborted') {
      await this.end(
        {
          donorId,
          din: donation.din,
          procedure: donation.procedure,
          outcome: donation.status === 'Completed' ? 'COMPLETED' : 'ABORTED',
          endedAt: donation.status === 'Completed' ? donation.endedAt : donation.abortedAt,
        },
        { ...ctx, commandId: `register-heal:${donation.din}` },
      );
    }
  }
}
