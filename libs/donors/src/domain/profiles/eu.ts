import { DEFAULT_BUSINESS_TIME_POLICY } from '@hemotrace/kernel';
import type { DonorRegulatoryProfile } from './donor-profile';

/**
 * European Union: Directive 2004/33/EC Annex III (eligibility criteria) with the Council of Europe
 * guide. Values here are a starting point to be confirmed against national transposition.
 */
export const EU: DonorRegulatoryProfile = {
  id: 'EU',
  title: 'EU Directive 2004/33/EC Annex III',
  age: { min: 18, max: 65, maxRepeatDonor: 70 },
  repeatDonorMinDonations: 1,
  minWeightKg: { M: 50, F: 50 },
  minHemoglobinGPerL: { M: 135, F: 125 },
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
    { after: 'WHOLE_BLOOD', before: 'APHERESIS_PLATELETS', days: 28 },
    { after: 'WHOLE_BLOOD', before: 'APHERESIS_PLASMA', days: 28 },
    { after: 'APHERESIS_PLATELETS', before: 'APHERESIS_PLATELETS', days: 14 },
    { after: 'APHERESIS_PLATELETS', before: 'WHOLE_BLOOD', days: 14 },
    { after: 'APHERESIS_PLASMA', before: 'APHERESIS_PLASMA', days: 14 },
    { after: 'APHERESIS_PLASMA', before: 'WHOLE_BLOOD', days: 14 },
  ],
  maxPerYear: { APHERESIS_PLATELETS: 24, WHOLE_BLOOD: 6 },
  questions: [
    {
      id: 'RECENT_TATTOO_OR_PIERCING',
      text: 'Tattoo or piercing in the last 4 months?',
      reasonCode: 'RECENT_SKIN_PENETRATION',
      deferral: { kind: 'TEMPORARY', days: 120 },
    },
    {
      id: 'HEPATITIS_HIV_SYPHILIS_HISTORY',
      text: 'Ever had HIV, hepatitis B or C, or syphilis?',
      reasonCode: 'TRANSFUSION_TRANSMISSIBLE_INFECTION_HISTORY',
      deferral: { kind: 'PERMANENT' },
    },
  ],
  screeningValidHours: 24,
  businessTime: DEFAULT_BUSINESS_TIME_POLICY,
  recognitionTiers: [
    { code: 'DONATIONS_25', name: '25 donations', minDonations: 25 },
    { code: 'DONATIONS_50', name: '50 donations', minDonations: 50 },
    { code: 'DONATIONS_100', name: '100 donations', minDonations: 100 },
  ],
};
