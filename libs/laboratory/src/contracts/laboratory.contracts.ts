import type { DonationQualifiedV1 } from './donation-qualified.v1';
import type { DonationRejectedV1 } from './donation-rejected.v1';
import type { DonorConfirmedPositiveV1 } from './donor-confirmed-positive.v1';

export type { Marker } from '@hemotrace/kernel';

/** What the laboratory guarantees to others: its stream ids, the stored names others refer to, and the published contracts. */
export const donationTestingStreamId = (din: string): string => `DonationTesting-${din}`;

export const DONATION_QUALIFIED = 'DonationQualified';
export const DONATION_REJECTED = 'DonationRejected';
export const DONOR_CONFIRMED_POSITIVE = 'DonorConfirmedPositive';
export const MARKER_RESULT_RECORDED = 'MarkerResultRecorded';

/** Consumers' names for the published shapes (see the versioned files beside this one). */
export type DonationQualifiedContract = DonationQualifiedV1;
export type DonationRejectedContract = DonationRejectedV1;
export type DonorConfirmedPositiveContract = DonorConfirmedPositiveV1;

/*
 * The stored data of the facts other contexts read from the log (traceability's lineage, donors'
 * typing): the published vocabulary, defined in the domain. The `*Contract` names above are the
 * wire shapes (with the recording site).
 */
export type {
  DonationQualified as DonationQualifiedData,
  DonationRejected as DonationRejectedData,
  DonorConfirmedPositive as DonorConfirmedPositiveData,
  MarkerResultRecorded as MarkerResultRecordedData,
} from '../domain/donation-testing/donation-testing.events';
