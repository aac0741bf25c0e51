import type { UnitFacts } from './unit-facts';

/** Only units released by the blood establishment and received into this hospital's blood bank may be allocated. */
export const unitIsReleasedAndAvailableAtHospital = (
  unit: UnitFacts,
  hospitalSiteId: string,
): string | null => {
  if (unit.releaseStatus !== 'Released') return `its release status is ${unit.releaseStatus}`;
  if (unit.siteId !== hospitalSiteId) return `it is not in the stock of ${hospitalSiteId}`;
  if (unit.hospitalStatus !== 'AVAILABLE') return `it is ${unit.hospitalStatus ?? 'not received'}`;
  return null;
};

/** A unit is never given after its expiry date and time. */
export const unitIsInDate = (expiresAt: string, now: string): boolean => now < expiresAt;
