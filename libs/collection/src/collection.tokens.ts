/** The collection profile (CollectionRegulatoryProfile) chosen by REGULATORY_PROFILE. */
export const COLLECTION_PROFILE = Symbol('CollectionProfile');
