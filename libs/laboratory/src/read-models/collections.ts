import type { BloodGroup } from '@hemotrace/kernel';
import type { DonationTesting } from '../domain/donation-testing/donation-testing.state';

export const LAB_DONATIONS = 'lab_donations';
export const LAB_DONOR_GROUPS = 'lab_donor_groups';
export const LAB_REAGENT_USES = 'lab_reagent_uses';

export type LabDonationStatus =
  'AWAITING_SAMPLE' | 'SAMPLE_UNACCEPTABLE' | 'IN_TESTING' | 'ON_HOLD' | 'QUALIFIED' | 'REJECTED';

export const LAB_DONATION_STATUSES: readonly LabDonationStatus[] = [
  'AWAITING_SAMPLE',
  'SAMPLE_UNACCEPTABLE',
  'IN_TESTING',
  'ON_HOLD',
  'QUALIFIED',
  'REJECTED',
];

/** One document per collected donation: what collection told us and the folded testing state. */
export interface LabDonationDoc {
  din: string;
  donorId: string;
  collectedAt: string;
  collectionSiteId: string | null;
  status: LabDonationStatus;
  testing: DonationTesting;
  updatedAt: string;
}

export interface DonorGroupDoc {
  donorId: string;
  bloodGroup: BloodGroup;
  din: string;
  qualifiedAt: string;
}

/** Every use of a reagent lot on a donation, for recalls by reagent lot. */
export interface ReagentUseDoc {
  lot: string;
  manufacturer: string | null;
  din: string;
  test: string;
  method: string;
  eventId: string;
  usedAt: string;
}
