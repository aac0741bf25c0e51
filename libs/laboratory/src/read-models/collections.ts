import type { BloodGroup } from '@hemotrace/kernel';
import type { LabTestingView } from './laboratory-donation.view';

export type { LabDonationStatus } from './laboratory-donation.view';
export { LAB_DONATION_STATUSES } from './laboratory-donation.view';

export const LAB_COLLECTED_DONATIONS = 'lab_collected_donations';
export const LAB_DONATIONS = 'lab_donations';
export const LAB_DONOR_GROUPS = 'lab_donor_groups';
export const LAB_REAGENT_USES = 'lab_reagent_uses';

/**
 * What collection published of a donation (collection.DonationCompleted.v1), folded by the
 * laboratory's contract projection, and whether the laboratory's published conclusion has been
 * folded too. A conclusion folded before the completion leaves a document with `din` and
 * `concluded` only.
 */
export interface CollectedDonationDoc {
  din: string;
  donorId?: string;
  collectedAt?: string;
  collectionSiteId?: string | null;
  concluded: boolean;
}

/** A collected donation whose completion has been folded. */
export type KnownCollectedDonation = Required<CollectedDonationDoc>;

export const isCollected = (doc: CollectedDonationDoc | null): doc is KnownCollectedDonation =>
  doc !== null && doc.collectedAt !== undefined && doc.donorId !== undefined;

/**
 * One document per donation the laboratory received a sample of: its view of the testing, folded
 * from its own stored events only (the sample names the donor and the collection time).
 */
export interface LabDonationDoc extends LabTestingView {
  din: string;
  donorId: string;
  collectedAt: string;
  updatedAt: string;
}

/** The group of a donor's latest qualified donation: only for donors with no DonorBloodGroup- stream yet. */
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
