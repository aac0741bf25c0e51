/**
 * What the collection context guarantees to others (stored event names and data, stable for 30 years).
 * Other contexts read these through @hemotrace/collection only.
 */
import type { Procedure } from '@hemotrace/kernel';

export type { Procedure } from '@hemotrace/kernel';

export const donationStreamId = (din: string): string => `Donation-${din}`;

export type SiteType = 'FIXED_SITE' | 'DONATION_HOUSE' | 'MOBILE_VEHICLE';

export const DONATION_STARTED = 'DonationStarted';
export const DONATION_COMPLETED = 'DonationCompleted';
export const DONATION_ABORTED = 'DonationAborted';

export interface DonationCompletedContract {
  din: string;
  donorId: string;
  procedure: Procedure;
  /** Whole blood: the nominal bag (200/300/400 mL); apheresis: what was collected. */
  volumeMl: number;
  /** Apheresis platelets: therapeutic doses (1 or 2). */
  plateletDoses?: number;
  startedAt: string;
  endedAt: string;
  siteId: string;
  siteType: SiteType;
  bagLot: string;
  /** Donation made as part of an organised group (unit, school...), for quality indicators. */
  groupDonation?: boolean;
  /** What the scale said; `volumeMl` stays the nominal bag for whole blood. */
  measuredVolumeMl?: number;
}

export const DONOR_ADVERSE_REACTION_RECORDED = 'DonorAdverseReactionRecorded';
export const SAMPLE_TUBES_LABELLED = 'SampleTubesLabelled';

export interface DonationStartedContract {
  din: string;
  donorId: string;
  procedure: Procedure;
  /** Whole blood: the nominal bag (200/300/400 mL). */
  nominalVolumeMl?: number;
  /** Apheresis platelets: therapeutic doses aimed for. */
  plateletDoses?: number;
  siteId: string;
  siteType: SiteType;
  bagLot: string;
  operatorId: string;
  startedAt: string;
  groupDonation?: boolean;
}

export interface DonationAbortedContract {
  din: string;
  donorId: string;
  procedure: Procedure;
  reason: string;
  partialVolumeMl: number;
  abortedAt: string;
}

/** Sample tubes labelled with the DIN at collection: what the laboratory receives and tests. */
export interface SampleTubesLabelledContract {
  din: string;
  donorId: string;
  tubeIds: string[];
  labelledAt: string;
}
