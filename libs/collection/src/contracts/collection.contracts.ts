/**
 * What the collection context guarantees to others (stored event names and data, stable for 30 years).
 * Other contexts read these through @hemotrace/collection only.
 */
export type { Procedure } from '@hemotrace/kernel';

export const donationStreamId = (din: string): string => `Donation-${din}`;

export const DONATION_STARTED = 'DonationStarted';
export const DONATION_COMPLETED = 'DonationCompleted';
export const DONATION_ABORTED = 'DonationAborted';
export const DONOR_ADVERSE_REACTION_RECORDED = 'DonorAdverseReactionRecorded';
export const SAMPLE_TUBES_LABELLED = 'SampleTubesLabelled';

/* The stored shapes other contexts and the published contracts refer to; defined in the domain. */
export type {
  SiteType,
  DonationCompletedContract,
  DonationStartedContract,
  DonationAbortedContract,
  SampleTubesLabelledContract,
} from '../domain/donation/donation.event-data';
