/** The donor selection profile (DonorRegulatoryProfile) chosen by REGULATORY_PROFILE. */
export const DONOR_PROFILE = Symbol('DonorProfile');
