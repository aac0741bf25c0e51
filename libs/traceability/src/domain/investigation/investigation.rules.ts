import { addDays, addMonths } from '@hemotrace/kernel';
import type { LookbackWindow, UnitFact } from './investigation.events';
import type { InvestigationProfile } from './investigation.profiles';

export interface DonationFact {
  din: string;
  /** When the donation was collected. */
  collectedAt: string;
  outcome?: 'QUALIFIED' | 'REJECTED';
  /** When testing concluded. */
  concludedAt?: string;
  /** When the sample was last tested (business time); older records only know the conclusion. */
  testedAt?: string;
}

/** 21 CFR 610.46(a)(1)(ii): lookback applies to confirmed HIV, HCV (and by guidance HBV) infections. */
export const markerRequiresLookback = (marker: string, profile: InvestigationProfile): boolean =>
  profile.lookbackMarkers.includes(marker);

/**
 * 21 CFR 610.46(a)(1)(ii)(B): the donations collected in the window before the donor's most recent
 * non-reactive test; without one, the window counts back from the positive donation itself.
 */
export const lookbackWindow = (
  profile: InvestigationProfile,
  positive: DonationFact,
  earlier: readonly DonationFact[],
): { window: LookbackWindow; donations: string[] } => {
  const before = earlier.filter((d) => d.din !== positive.din && d.collectedAt < positive.collectedAt);
  const lastNonReactive = before
    .filter((d) => d.outcome === 'QUALIFIED')
    .sort((a, b) => (a.collectedAt < b.collectedAt ? -1 : 1))
    .at(-1);
  const anchor = lastNonReactive
    ? (lastNonReactive.testedAt ?? lastNonReactive.concludedAt ?? lastNonReactive.collectedAt)
    : positive.collectedAt;
  const from = addMonths(anchor, -profile.lookbackWindowMonths);
  const donations = before
    .filter((d) => d.collectedAt >= from)
    .sort((a, b) => (a.collectedAt < b.collectedAt ? -1 : 1))
    .map((d) => d.din);
  return {
    window: {
      from,
      to: positive.collectedAt,
      basis: lastNonReactive ? 'LAST_NON_REACTIVE_TEST' : 'POSITIVE_DONATION',
      lastNonReactiveDin: lastNonReactive?.din ?? null,
    },
    donations,
  };
};

const TERMINAL = new Set(['Discarded', 'Expired', 'Consumed', 'Transfused']);

/** 21 CFR 610.46(a)(1)(ii)(A): in-date units still held by the blood center are quarantined. */
export const unitIsInCentreStock = (unit: UnitFact, now: string): boolean =>
  !TERMINAL.has(unit.status ?? '') &&
  (unit.custodianType ?? 'BLOOD_CENTER') === 'BLOOD_CENTER' &&
  (unit.expiresAt === undefined || unit.expiresAt > now);

/** 21 CFR 610.46(a)(3): consignees are notified within the profile's calendar days. */
export const consigneeDeadline = (profile: InvestigationProfile, from: string): string =>
  addDays(from, profile.consigneeNotificationDays);

/**
 * 21 CFR 610.46(a)(3): the 3 calendar days run from the confirmatory result that triggered the
 * lookback (its business time), not from when the investigation was opened or recorded.
 */
export const notificationClockStartsAt = (confirmedAt: string | undefined, openedAt: string): string =>
  confirmedAt !== undefined && Date.parse(confirmedAt) < Date.parse(openedAt) ? confirmedAt : openedAt;
