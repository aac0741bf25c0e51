/** The stored data of the collection context's events, owned by its domain; contracts/ maps what leaves the context. */
import type { DinFlags, LateEntry, Procedure } from '@hemotrace/kernel';

export type SiteType = 'FIXED_SITE' | 'DONATION_HOUSE' | 'MOBILE_VEHICLE';

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
