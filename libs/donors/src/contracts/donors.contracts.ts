import type { DonorFoundEligible, DonorRegistered } from '../domain/donor/donor.events';

/** What the donors context guarantees to others. Identity (PII) lives in DonorIdentity-<id>, apart from traceability. */
export const donorStreamId = (donorId: string): string => `Donor-${donorId}`;
export const donorIdentityStreamId = (donorId: string): string => `DonorIdentity-${donorId}`;

export const DONOR_REGISTERED = 'DonorRegistered';
export const DONOR_DEFERRED = 'DonorDeferred';
/**
 * Reserved name, not emitted: a screening records `DonorScreened` followed by `DonorFoundEligible` or
 * `DonorDeferred`.
 */
export const DONOR_ELIGIBILITY_ASSESSED = 'DonorEligibilityAssessed';
export const DONOR_SCREENED = 'DonorScreened';
export const DONOR_FOUND_ELIGIBLE = 'DonorFoundEligible';
export const DONOR_DEFERRAL_LIFTED = 'DonorDeferralLifted';
export const DONOR_IDENTITY_RECORDED = 'DonorIdentityRecorded';
/** The donor's personal data was erased (its key destroyed); the donor's traceability records stay. */
export const DONOR_PERSONAL_DATA_ERASED = 'DonorPersonalDataErased';

/** The stored data of a registration (no personal data: identity is in DonorIdentity-<id>). */
export type DonorRegisteredContract = DonorRegistered['data'];
/** A screening found the donor eligible for a procedure until `validUntil`. */
export type DonorFoundEligibleContract = DonorFoundEligible['data'];

export interface DonorDeferredContract {
  donorId: string;
  deferralId: string;
  kind: 'TEMPORARY' | 'PERMANENT';
  reasons: { code: string; detail?: string }[];
  deferredAt: string;
  until?: string;
  source: 'SCREENING' | 'LABORATORY' | 'CLINIC';
  screeningId?: string;
  din?: string;
}

/** The answer of DonorEligibilityQuery: may this donor give this procedure at that moment, and if not why. */
export interface DonorEligibility {
  donorId: string;
  procedure: 'WHOLE_BLOOD' | 'APHERESIS_PLATELETS' | 'APHERESIS_PLASMA';
  on: string;
  eligible: boolean;
  reasons: { code: string; kind: 'TEMPORARY' | 'PERMANENT'; until?: string; detail?: string }[];
  /** The earliest instant all temporary reasons have ended; absent when eligible or permanently deferred. */
  eligibleFrom?: string;
}
