import type { BusinessTimePolicy, Procedure } from '@hemotrace/kernel';
import { DomainError } from '@hemotrace/kernel';

export type Sex = 'M' | 'F';

export interface Range {
  min: number;
  max: number;
}

/** A deferral a finding leads to: for a number of days, or for life. */
export type DeferralPeriod = { kind: 'TEMPORARY'; days: number } | { kind: 'PERMANENT' };

export interface ScreeningQuestion {
  id: string;
  text: string;
  /** The reason code recorded when the donor answers "yes". */
  reasonCode: string;
  deferral: DeferralPeriod;
}

/** The least time between the end of one donation and the start of the next, per pair of procedures. */
export interface DonationInterval {
  after: Procedure;
  before: Procedure;
  months?: number;
  days?: number;
}

export interface RecognitionTier {
  code: string;
  name: string;
  minDonations: number;
}

/**
 * Donor selection rules of one jurisdiction, as data: adding a jurisdiction adds a file, not code.
 * Measurement units are fixed (kg, g/L, mmHg, beats/min, degrees Celsius).
 */
export interface DonorRegulatoryProfile {
  id: string;
  title: string;
  age: { min: number; max: number; maxRepeatDonor: number };
  /** Completed donations that make a donor a repeat donor (who may donate up to age.maxRepeatDonor). */
  repeatDonorMinDonations: number;
  minWeightKg: Record<Sex, number>;
  minHemoglobinGPerL: Record<Sex, number>;
  systolicMmHg: Range;
  diastolicMmHg: Range;
  pulseBpm: Range;
  maxTemperatureC: number;
  /** How long a failed physical check defers the donor. */
  deferrals: {
    weight: DeferralPeriod;
    hemoglobin: DeferralPeriod;
    vitals: DeferralPeriod;
  };
  intervals: DonationInterval[];
  /** At most this many donations of a procedure in any 12 months. */
  maxPerYear: Partial<Record<Procedure, number>>;
  questions: ScreeningQuestion[];
  /** How long a screening found eligible allows a donation to start. */
  screeningValidHours: number;
  /** Future tolerance and late-entry threshold for the business times staff state. */
  businessTime: BusinessTimePolicy;
  recognitionTiers: RecognitionTier[];
}

export class UnknownRegulatoryProfile extends DomainError {
  constructor(id: string, known: string[]) {
    super(
      'DONORS.UNKNOWN_REGULATORY_PROFILE',
      `No donor selection profile ${id}; known: ${known.join(', ')}`,
      {
        id,
        known,
      },
    );
  }
}
