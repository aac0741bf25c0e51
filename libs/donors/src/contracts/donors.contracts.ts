/** What the donors context guarantees to others. Identity (PII) lives in DonorIdentity-<id>, apart from traceability. */
export const donorStreamId = (donorId: string): string => `Donor-${donorId}`;
export const donorIdentityStreamId = (donorId: string): string => `DonorIdentity-${donorId}`;

export const DONOR_REGISTERED = 'DonorRegistered';
export const DONOR_DEFERRED = 'DonorDeferred';
export const DONOR_ELIGIBILITY_ASSESSED = 'DonorEligibilityAssessed';
