/**
 * Regulatory numbers for investigations, per profile id. Data, not code: a jurisdiction changes a
 * number here, never a rule.
 */
export interface InvestigationProfile {
  id: string;
  /** Markers whose confirmed positive result starts a donor lookback. */
  lookbackMarkers: readonly string[];
  /** How far back from the donor's most recent non-reactive test the lookback reaches. */
  lookbackWindowMonths: number;
  /** Calendar days to quarantine in-date units and notify consignees. */
  consigneeNotificationDays: number;
}

export const INVESTIGATION_PROFILES: Record<string, InvestigationProfile> = {
  /* US 21 CFR 610.46/610.47 (HIV, HCV): 12 months before the most recent non-reactive test; quarantine and notify within 3 calendar days. HBV per FDA guidance. */
  'US-FDA': {
    id: 'US-FDA',
    lookbackMarkers: ['HIV', 'HCV', 'HBV'],
    lookbackWindowMonths: 12,
    consigneeNotificationDays: 3,
  },
  /* China 2019 procedures leave the period to the station's SOP; the US figures are the default until a station sets its own. */
  'CN-2019': {
    id: 'CN-2019',
    lookbackMarkers: ['HIV', 'HCV', 'HBV'],
    lookbackWindowMonths: 12,
    consigneeNotificationDays: 3,
  },
  /* EU 2005/61/EC Art. 8 requires lookback procedures; the period is national, 12 months is the common choice. */
  EU: {
    id: 'EU',
    lookbackMarkers: ['HIV', 'HCV', 'HBV'],
    lookbackWindowMonths: 12,
    consigneeNotificationDays: 3,
  },
};

export const investigationProfile = (id: string): InvestigationProfile =>
  INVESTIGATION_PROFILES[id] ?? INVESTIGATION_PROFILES['CN-2019'];
