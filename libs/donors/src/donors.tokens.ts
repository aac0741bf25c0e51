/** The donor selection profile (DonorRegulatoryProfile) chosen by REGULATORY_PROFILE. */
export const DONOR_PROFILE = Symbol('DonorProfile');

/** The context whose service keeps a copy of the donation history (DonorsModule.eligibilityReplica). */
export const ELIGIBILITY_REPLICA_OF = Symbol('EligibilityReplicaOf');
