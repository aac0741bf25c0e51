/** The transfusion profile (TransfusionProfile) chosen by REGULATORY_PROFILE. */
export const TRANSFUSION_PROFILE = Symbol('TransfusionProfile');
