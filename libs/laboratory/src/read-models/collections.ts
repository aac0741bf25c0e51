import type { BloodGroup } from '@hemotrace/kernel';
import type { LabTestingView } from './laboratory-donation.view';

export type { LabDonationStatus } from './laboratory-donation.view';
export { LAB_DONATION_STATUSES } from './laboratory-donation.view';

export const LAB_DONATIONS = 'lab_donations';
export const LAB_DONOR_GROUPS = 'lab_donor_groups';
export const LAB_REAGENT_USES = 'lab_reagent_uses';

/** One document per collected donation: what collection told us and the laboratory's view of its testing. */
export interface LabDonationDoc extends LabTestingView {
  din: string;
  donorId: string;
  collectedAt: string;
  collectionSiteId: string | null;
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
