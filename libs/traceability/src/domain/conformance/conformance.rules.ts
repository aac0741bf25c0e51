/** The automated internal audit: each rule a sentence, each finding listing the events that prove it. */
export type FindingRule =
  | 'ISSUED_WITHOUT_QUALIFYING_TEST'
  | 'PREPARED_PAST_TIME_LIMIT'
  | 'RELEASED_WITHOUT_CONFIRMED_ABO_RHD'
  | 'ISSUED_WITHOUT_CROSSMATCH'
  | 'TRANSFUSED_WITHOUT_BEDSIDE_CHECK'
  | 'ISSUED_AFTER_EXCURSION_WITHOUT_DECISION';

export const FINDING_RULES: Record<FindingRule, string> = {
  /* DOMAIN: release only when every mandatory test is concluded non-reactive (21 CFR 606.100(b)(20); China 2019 procedures). */
  ISSUED_WITHOUT_QUALIFYING_TEST:
    'A unit left for a hospital or a patient before every source donation was qualified',
  /* Component preparation SOP: separation within the product's time limit from the end of collection. */
  PREPARED_PAST_TIME_LIMIT: 'A component was prepared later after collection than its product allows',
  /* Release needs a confirmed ABO/RhD (two determinations or agreement with history). */
  RELEASED_WITHOUT_CONFIRMED_ABO_RHD:
    'A unit was released before a confirmed ABO/RhD group was recorded for it',
  /* 21 CFR 606.151 / hospital SOP: a compatibility test, or a documented emergency release, precedes issue. */
  ISSUED_WITHOUT_CROSSMATCH:
    'A unit was issued to a patient or transfused without a compatible crossmatch or emergency release',
  /* Bedside identity check of patient against unit precedes every transfusion (EU 2005/61/EC; hospital SOP). */
  TRANSFUSED_WITHOUT_BEDSIDE_CHECK: 'A unit was transfused without a passed bedside check for that patient',
  /* 21 CFR 606.171 / ISO 9001 8.7: a unit held after an excursion leaves only by a recorded quality decision. */
  ISSUED_AFTER_EXCURSION_WITHOUT_DECISION:
    'A unit held after a temperature excursion was issued without a quality decision',
};

/**
 * Hours allowed between the end of collection and preparation, per product type and profile.
 * Defaults a station confirms against its own SOP; products not listed have no limit here.
 */
export const PREPARATION_LIMIT_HOURS: Record<string, Record<string, number>> = {
  'CN-2019': { FRESH_FROZEN_PLASMA: 6, PLATELET_CONCENTRATE: 6, CRYOPRECIPITATE: 6 },
  'US-FDA': { FRESH_FROZEN_PLASMA: 8, PLATELET_CONCENTRATE: 8, CRYOPRECIPITATE: 8 },
  EU: { FRESH_FROZEN_PLASMA: 6, PLATELET_CONCENTRATE: 24, CRYOPRECIPITATE: 6 },
};

export const preparationLimitHours = (profile: string, productType: string): number | undefined =>
  (PREPARATION_LIMIT_HOURS[profile] ?? PREPARATION_LIMIT_HOURS['CN-2019'])[productType];

export const hoursBetween = (from: string, to: string): number =>
  (Date.parse(to) - Date.parse(from)) / 3_600_000;
