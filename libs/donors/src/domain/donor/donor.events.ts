import type { LateEntry, Procedure } from '@hemotrace/kernel';
import type { DeferralKind, DeferralReason, DeferralSource } from './deferral';
import type { Sex } from '../profiles';

export interface ScreeningMeasurements {
  weightKg: number;
  systolicMmHg: number;
  diastolicMmHg: number;
  pulseBpm: number;
  temperatureC: number;
  hemoglobinGPerL: number;
}

/** Traceability data only: sex and birth date are what the selection rules need; identity lives elsewhere. */
export interface DonorRegistered {
  type: 'DonorRegistered';
  data: { donorId: string; sex: Sex; birthDate: string; registeredAt: string; siteId: string };
}

export interface DonorScreened {
  type: 'DonorScreened';
  data: {
    donorId: string;
    screeningId: string;
    procedure: Procedure;
    profileId: string;
    measurements: ScreeningMeasurements;
    /** Question id -> answered "yes". */
    answers: Record<string, boolean>;
    screenedAt: string;
    /** Entered later than the profile's threshold: why, and how long after the screening. */
    lateEntry?: LateEntry;
  };
}

export interface DonorFoundEligible {
  type: 'DonorFoundEligible';
  data: {
    donorId: string;
    screeningId: string;
    procedure: Procedure;
    eligibleAt: string;
    validUntil: string;
  };
}

export interface DonorDeferred {
  type: 'DonorDeferred';
  data: {
    donorId: string;
    deferralId: string;
    kind: DeferralKind;
    reasons: DeferralReason[];
    deferredAt: string;
    /** Temporary deferrals end at this instant; permanent ones have none. */
    until?: string;
    source: DeferralSource;
    screeningId?: string;
    din?: string;
  };
}

export interface DonorDeferralLifted {
  type: 'DonorDeferralLifted';
  data: { donorId: string; deferralId: string; reason: string; liftedAt: string };
}

/** The legal grounds on which an establishment erases a person's identity. */
export type ErasureLegalBasis = 'GDPR_ART_17' | 'DONOR_REQUEST' | 'COURT_ORDER' | 'PIPL_ART_47';
export const ERASURE_LEGAL_BASES: readonly ErasureLegalBasis[] = [
  'GDPR_ART_17',
  'DONOR_REQUEST',
  'COURT_ORDER',
  'PIPL_ART_47',
];

/**
 * The donor's identity key was destroyed: recorded on the traceability stream (no personal data, and
 * the reason is a legal note, not a description of the person) so that the history says so.
 */
export interface DonorPersonalDataErased {
  type: 'DonorPersonalDataErased';
  data: { donorId: string; legalBasis: ErasureLegalBasis; reason: string; erasedAt: string };
}

export type DonorEvent =
  | DonorRegistered
  | DonorScreened
  | DonorFoundEligible
  | DonorDeferred
  | DonorDeferralLifted
  | DonorPersonalDataErased;
