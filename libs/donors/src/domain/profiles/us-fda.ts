import { DEFAULT_BUSINESS_TIME_POLICY } from '@hemotrace/kernel';
import type { DonorRegulatoryProfile } from './donor-profile';

/**
 * United States: 21 CFR 630.10 (donor eligibility) and 630.15 (donation frequency). Values here are a
 * starting point to be confirmed by the establishment's regulatory affairs before use.
 */
export const US_FDA: DonorRegulatoryProfile = {
  id: 'US-FDA',
  title: 'US FDA 21 CFR 630 (with AABB Standards)',
  age: { min: 17, max: 120, maxRepeatDonor: 120 },
  repeatDonorMinDonations: 1,
  minWeightKg: { M: 50, F: 50 },
  minHemoglobinGPerL: { M: 130, F: 125 },
  systolicMmHg: { min: 90, max: 180 },
  diastolicMmHg: { min: 50, max: 100 },
  pulseBpm: { min: 50, max: 100 },
  maxTemperatureC: 37.5,
  deferrals: {
    weight: { kind: 'TEMPORARY', days: 1 },
    hemoglobin: { kind: 'TEMPORARY', days: 1 },
    vitals: { kind: 'TEMPORARY', days: 1 },
  },
  intervals: [
    { after: 'WHOLE_BLOOD', before: 'WHOLE_BLOOD', days: 56 },
    { after: 'WHOLE_BLOOD', before: 'APHERESIS_PLATELETS', days: 56 },
    { after: 'WHOLE_BLOOD', before: 'APHERESIS_PLASMA', days: 56 },
    { after: 'APHERESIS_PLATELETS', before: 'APHERESIS_PLATELETS', days: 2 },
    { after: 'APHERESIS_PLATELETS', before: 'WHOLE_BLOOD', days: 2 },
    { after: 'APHERESIS_PLASMA', before: 'APHERESIS_PLASMA', days: 2 },
    { after: 'APHERESIS_PLASMA', before: 'WHOLE_BLOOD', days: 2 },
  ],
  maxPerYear: { APHERESIS_PLATELETS: 24, WHOLE_BLOOD: 6 },
  questions: [
    {
      id: 'RECENT_TATTOO_OR_PIERCING',
      text: 'Tattoo or piercing in the last 3 months?',
      reasonCode: 'RECENT_SKIN_PENETRATION',
      deferral: { kind: 'TEMPORARY', days: 90 },
    },
    {
      id: 'HEPATITIS_HIV_SYPHILIS_HISTORY',
      text: 'Ever had a positive test for HIV, hepatitis B or C?',
      reasonCode: 'TRANSFUSION_TRANSMISSIBLE_INFECTION_HISTORY',
      deferral: { kind: 'PERMANENT' },
    },
  ],
  screeningValidHours: 24,
  businessTime: DEFAULT_BUSINESS_TIME_POLICY,
  recognitionTiers: [
    { code: 'GALLON_1', name: 'One gallon', minDonations: 8 },
    { code: 'GALLON_5', name: 'Five gallons', minDonations: 40 },
  ],
};
