/**
 * Names copied from the collection and laboratory contracts (libs/collection/src/contracts,
 * libs/laboratory/src/contracts) because those libraries have no public index yet; replace with
 * imports from @hemotrace/collection and @hemotrace/laboratory once they do.
 */
import type { BloodGroup, Phenotype } from '@hemotrace/kernel';

export const DONATION_COMPLETED = 'DonationCompleted';
export const DONATION_QUALIFIED = 'DonationQualified';
export const DONATION_REJECTED = 'DonationRejected';

export type Procedure = 'WHOLE_BLOOD' | 'APHERESIS_PLATELETS' | 'APHERESIS_PLASMA';

export interface DonationCompletedContract {
  din: string;
  donorId: string;
  procedure: Procedure;
  volumeMl: number;
  plateletDoses?: number;
  startedAt: string;
  endedAt: string;
  siteId: string;
}

export interface DonationQualifiedContract {
  din: string;
  donorId: string;
  bloodGroup: BloodGroup;
  phenotype?: Phenotype;
  qualifiedAt: string;
}

export interface DonationRejectedContract {
  din: string;
  donorId: string;
  reactiveMarkers: string[];
  rejectedAt: string;
}
