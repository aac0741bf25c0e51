import type { DONATION_COMPLETED, DonationCompletedContract } from '@hemotrace/collection/contracts';
import type {
  DONATION_QUALIFIED,
  DONOR_CONFIRMED_POSITIVE,
  DonationQualifiedContract,
  DonorConfirmedPositiveContract,
} from '@hemotrace/laboratory/contracts';

/* Events of other contexts this one follows, checked against their published contracts (never their modules). */
export const DONATION_COMPLETED_EVENT: typeof DONATION_COMPLETED = 'DonationCompleted';
export const DONATION_QUALIFIED_EVENT: typeof DONATION_QUALIFIED = 'DonationQualified';
export const DONOR_CONFIRMED_POSITIVE_EVENT: typeof DONOR_CONFIRMED_POSITIVE = 'DonorConfirmedPositive';

export type DonationCompletedData = DonationCompletedContract;
export type DonationQualifiedData = DonationQualifiedContract;
export type DonorConfirmedPositiveData = DonorConfirmedPositiveContract;
