import type { DinFlags, LateEntry } from '@hemotrace/kernel';

/**
 * What the collection context guarantees to others (stored event names and data, stable for 30 years).
 * Other contexts read these through @hemotrace/collection only.
 */
export const donationStreamId = (din: string): string => `Donation-${din}`;

export type Procedure = 'WHOLE_BLOOD' | 'APHERESIS_PLATELETS' | 'APHERESIS_PLASMA';
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
  /** Entered later than the profile's threshold after the fact, with the reason given. */
  lateEntry?: LateEntry;
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
  lateEntry?: LateEntry;
  /** ISBT 128 flag characters scanned with the DIN (a 15-character entry), with their meaning. */
  dinFlags?: DinFlags;
}

export interface DonationAbortedContract {
  din: string;
  donorId: string;
  procedure: Procedure;
  reason: string;
  partialVolumeMl: number;
  abortedAt: string;
  lateEntry?: LateEntry;
}

/** Sample tubes labelled with the DIN at collection: what the laboratory receives and tests. */
export interface SampleTubesLabelledContract {
  din: string;
  donorId: string;
  tubeIds: string[];
  labelledAt: string;
}
