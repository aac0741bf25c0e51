import type { BloodGroup, Phenotype } from '@hemotrace/kernel';

/** What the laboratory guarantees to others (stored event names and data, stable for 30 years). */
export const donationTestingStreamId = (din: string): string => `DonationTesting-${din}`;

export type Marker = 'HIV' | 'HBV' | 'HCV' | 'SYPHILIS' | 'ALT';

export const DONATION_QUALIFIED = 'DonationQualified';
export const DONATION_REJECTED = 'DonationRejected';
export const DONOR_CONFIRMED_POSITIVE = 'DonorConfirmedPositive';
export const MARKER_RESULT_RECORDED = 'MarkerResultRecorded';

export interface DonationQualifiedContract {
  din: string;
  donorId: string;
  bloodGroup: BloodGroup;
  phenotype?: Phenotype;
  qualifiedAt: string;
  /** Business time of the latest screening result the qualification rests on: the donor's last non-reactive test. */
  testedAt?: string;
}

export interface DonationRejectedContract {
  din: string;
  donorId: string;
  /** Reactive markers, or other reasons such as `ABO_DISCREPANCY`. */
  reactiveMarkers: string[];
  rejectedAt: string;
}

/** Emitted when a confirmatory test proves an infection: donor deferral and the lookback start from it. */
export interface DonorConfirmedPositiveContract {
  din: string;
  donorId: string;
  marker: Marker;
  confirmedAt: string;
}

export interface MarkerResultRecordedContract {
  din: string;
  marker: Marker | string;
  method: string;
  reagent: { manufacturer: string; lot: string };
  instrument?: string;
  value?: number;
  interpretation: 'NON_REACTIVE' | 'REACTIVE' | 'INDETERMINATE';
  testedAt: string;
}
