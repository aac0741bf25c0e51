import type { BusinessTimePolicy } from '@hemotrace/kernel';
import { DEFAULT_BUSINESS_TIME_POLICY } from '@hemotrace/kernel';
import type {
  ReactionCategory,
  RequestedProduct,
  SeverityGrade,
} from '../transfusion-request/transfusion-request.event-data';

/** Platelet ABO policy: CN requires ABO-identical; AABB/EU prefer identical and allow plasma-compatible. */
export type PlateletAboPolicy = 'ABO_IDENTICAL' | 'IDENTICAL_PREFERRED_COMPATIBLE_ALLOWED';

/** Cryoprecipitate ABO policy: plasma-compatible, or any group (little plasma, AABB practice). */
export type CryoAboPolicy = 'PLASMA_COMPATIBLE' | 'ANY_GROUP';

export interface ReturnLimit {
  maxMinutesOutOfStorage: number;
  minTemperatureC: number;
  maxTemperatureC: number;
}

export interface BloodFeeExemptionRule {
  /** A donor whose lifetime donated volume reaches this is exempt for life. */
  lifetimeFromDonatedMl: number;
  /** Below that, the donor may use this multiple of the donated volume. */
  selfMultiple: number;
  /** Spouse, parents and children may use this multiple of the donor's donated volume. */
  familyMultiple: number;
}

/** Jurisdiction-dependent transfusion numbers, as data. */
export interface TransfusionProfile {
  id: string;
  /** How long a patient sample may be used for crossmatching after it was drawn. */
  sampleValidityHours: number;
  plateletAboPolicy: PlateletAboPolicy;
  cryoAboPolicy: CryoAboPolicy;
  /** Hours after the end of the transfusion (during it always counts) within which a category's onset must fall. */
  reactionOnsetWindowHours: Partial<Record<ReactionCategory, number>>;
  /** From this ISBT grade on a reaction is serious. */
  seriousFromSeverity: SeverityGrade;
  /** A serious reaction with at least this imputability is reported to the regulator. */
  reportableFromImputability: 0 | 1 | 2 | 3;
  returnLimits: Record<RequestedProduct, ReturnLimit>;
  /** Null: the jurisdiction has no donor blood-fee exemption. */
  bloodFeeExemption: BloodFeeExemptionRule | null;
  /** Future tolerance and late-entry threshold for the business times staff state at the bedside. */
  businessTime: BusinessTimePolicy;
}

/** ISBT 2011 haemovigilance definitions (TACO revised 2018): TRALI within 6 h, TACO within 12 h of transfusion. */
const ISBT_WINDOWS: Partial<Record<ReactionCategory, number>> = { TRALI: 6, TACO: 12 };

/** The 30-minute rule: a unit out of controlled storage longer than this may not go back into stock. */
const THIRTY_MINUTE_RULE: Record<RequestedProduct, ReturnLimit> = {
  RED_CELLS: { maxMinutesOutOfStorage: 30, minTemperatureC: 1, maxTemperatureC: 10 },
  PLASMA: { maxMinutesOutOfStorage: 30, minTemperatureC: 1, maxTemperatureC: 6 },
  PLATELETS: { maxMinutesOutOfStorage: 30, minTemperatureC: 20, maxTemperatureC: 24 },
  CRYO: { maxMinutesOutOfStorage: 30, minTemperatureC: 20, maxTemperatureC: 24 },
};

export const TRANSFUSION_PROFILES: Record<string, TransfusionProfile> = {
  /** China: Technical Specifications for Clinical Blood Transfusion (2000) and Blood Donation Law art. 14. */
  'CN-2019': {
    id: 'CN-2019',
    sampleValidityHours: 72,
    plateletAboPolicy: 'ABO_IDENTICAL',
    cryoAboPolicy: 'PLASMA_COMPATIBLE',
    reactionOnsetWindowHours: ISBT_WINDOWS,
    seriousFromSeverity: 2,
    reportableFromImputability: 1,
    returnLimits: THIRTY_MINUTE_RULE,
    bloodFeeExemption: { lifetimeFromDonatedMl: 800, selfMultiple: 5, familyMultiple: 1 },
    businessTime: DEFAULT_BUSINESS_TIME_POLICY,
  },
  /** AABB Standards 5.14-5.16 (3-day sample), 21 CFR 606.170 (fatalities reported). */
  'US-FDA': {
    id: 'US-FDA',
    sampleValidityHours: 72,
    plateletAboPolicy: 'IDENTICAL_PREFERRED_COMPATIBLE_ALLOWED',
    cryoAboPolicy: 'ANY_GROUP',
    reactionOnsetWindowHours: ISBT_WINDOWS,
    seriousFromSeverity: 2,
    reportableFromImputability: 2,
    returnLimits: THIRTY_MINUTE_RULE,
    bloodFeeExemption: null,
    businessTime: DEFAULT_BUSINESS_TIME_POLICY,
  },
  /** Directive 2005/61/EC annex II-III: serious reactions of imputability 2-3 are notified. */
  EU: {
    id: 'EU',
    sampleValidityHours: 72,
    plateletAboPolicy: 'IDENTICAL_PREFERRED_COMPATIBLE_ALLOWED',
    cryoAboPolicy: 'PLASMA_COMPATIBLE',
    reactionOnsetWindowHours: ISBT_WINDOWS,
    seriousFromSeverity: 2,
    reportableFromImputability: 2,
    returnLimits: THIRTY_MINUTE_RULE,
    bloodFeeExemption: null,
    businessTime: DEFAULT_BUSINESS_TIME_POLICY,
  },
};

export const transfusionProfileFor = (id: string): TransfusionProfile => {
  const profile = TRANSFUSION_PROFILES[id];
  if (!profile)
    throw new Error(`No transfusion profile ${id}; known: ${Object.keys(TRANSFUSION_PROFILES).join(', ')}`);
  return profile;
};
