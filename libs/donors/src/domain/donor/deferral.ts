export type DeferralKind = 'TEMPORARY' | 'PERMANENT';

/** Who decided it: a failed screening check, the laboratory (confirmed infection) or the clinic by hand. */
export type DeferralSource = 'SCREENING' | 'LABORATORY' | 'CLINIC';

export interface DeferralReason {
  code: string;
  detail?: string;
}

export interface Deferral {
  deferralId: string;
  kind: DeferralKind;
  reasons: DeferralReason[];
  deferredAt: string;
  until?: string;
  source: DeferralSource;
  din?: string;
  liftedAt?: string;
}

/** Permanent deferrals never end; a temporary one ends at `until`; a lifted one has ended. */
export const deferralIsActiveOn = (deferral: Deferral, on: string): boolean =>
  deferral.liftedAt === undefined &&
  (deferral.kind === 'PERMANENT' || (deferral.until !== undefined && on < deferral.until));
