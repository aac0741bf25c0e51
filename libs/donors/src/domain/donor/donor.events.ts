import type { Procedure } from '@hemotrace/kernel';
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

export type DonorEvent =
  DonorRegistered | DonorScreened | DonorFoundEligible | DonorDeferred | DonorDeferralLifted;
