import type { DONATION_COMPLETED, DonationCompletedContract } from '@hemotrace/collection';
import type {
  DONATION_QUALIFIED,
  DONOR_CONFIRMED_POSITIVE,
  DonationQualifiedContract,
  DonorConfirmedPositiveContract,
} from '@hemotrace/laboratory';

/*
 * Events of other contexts this one follows. Type-only imports keep the names checked against the
 * contracts without loading those modules: collection depends on donors at run time (eligibility),
 * and laboratory may depend on collection, so a run-time import here would make a cycle.
 */
export const DONATION_COMPLETED_EVENT: typeof DONATION_COMPLETED = 'DonationCompleted';
export const DONATION_QUALIFIED_EVENT: typeof DONATION_QUALIFIED = 'DonationQualified';
export const DONOR_CONFIRMED_POSITIVE_EVENT: typeof DONOR_CONFIRMED_POSITIVE = 'DonorConfirmedPositive';

export type DonationCompletedData = DonationCompletedContract;
export type DonationQualifiedData = DonationQualifiedContract;
export type DonorConfirmedPositiveData = DonorConfirmedPositiveContract;
