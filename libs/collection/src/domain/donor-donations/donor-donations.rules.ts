import { addDays, addMonths } from '@hemotrace/kernel';
import type { Procedure } from '@hemotrace/kernel';
import type { DonorDonations } from './donor-donations.state';

/** The least time between the end of one donation and the start of the next (the donor profile's pairs). */
export interface DonationInterval {
  after: Procedure;
  before: Procedure;
  months?: number;
  days?: number;
}

/** A donor gives one donation at a time: a second start waits for the first to complete or abort. */
export const donorHasNoDonationInProgress = (state: DonorDonations, din: string): boolean =>
  state.inProgress === null || state.inProgress.din === din;

/**
 * Blood Station Technical Operation Procedures 2019, donation intervals (whole blood 6 months after
 * whole blood, apheresis platelets 2 weeks apart...): the earliest business time this procedure may
 * start after the donor's completed donations, or null when none constrains it.
 */
export const nextDonationAllowedAt = (
  state: DonorDonations,
  procedure: Procedure,
  intervals: readonly DonationInterval[],
): string | null =>
  intervals
    .filter((interval) => interval.before === procedure)
    .flatMap((interval) =>
      state.completed
        .filter((donation) => donation.procedure === interval.after)
        .map((donation) => addDays(addMonths(donation.endedAt, interval.months ?? 0), interval.days ?? 0)),
    )
    .reduce<string | null>((latest, next) => (latest === null || next > latest ? next : latest), null);
