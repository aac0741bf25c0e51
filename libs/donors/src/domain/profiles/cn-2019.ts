import { DEFAULT_BUSINESS_TIME_POLICY } from '@hemotrace/kernel';
import type { DonorRegulatoryProfile } from './donor-profile';

/**
 * China: GB 18467-2011 (donor health check requirements) with the Blood Station Technical Operation
 * Procedures (2019). Vital-sign ranges and deferral periods follow common blood-station practice.
 */
export const CN_2019: DonorRegulatoryProfile = {
  id: 'CN-2019',
  title: 'China GB 18467-2011 / Blood Station Technical Operation Procedures 2019',
  age: { min: 18, max: 55, maxRepeatDonor: 60 },
  repeatDonorMinDonations: 1,
  minWeightKg: { M: 50, F: 45 },
  minHemoglobinGPerL: { M: 120, F: 115 },
  systolicMmHg: { min: 90, max: 140 },
  diastolicMmHg: { min: 60, max: 90 },
  pulseBpm: { min: 60, max: 100 },
  maxTemperatureC: 37.3,
  deferrals: {
    weight: { kind: 'TEMPORARY', days: 30 },
    hemoglobin: { kind: 'TEMPORARY', days: 30 },
    vitals: { kind: 'TEMPORARY', days: 1 },
  },
  intervals: [
    { after: 'WHOLE_BLOOD', before: 'WHOLE_BLOOD', months: 6 },
    { after: 'WHOLE_BLOOD', before: 'APHERESIS_PLATELETS', months: 3 },
    { after: 'WHOLE_BLOOD', before: 'APHERESIS_PLASMA', months: 3 },
    { after: 'APHERESIS_PLATELETS', before: 'APHERESIS_PLATELETS', days: 14 },
    { after: 'APHERESIS_PLATELETS', before: 'APHERESIS_PLASMA', days: 14 },
    { after: 'APHERESIS_PLATELETS', before: 'WHOLE_BLOOD', days: 28 },
    { after: 'APHERESIS_PLASMA', before: 'APHERESIS_PLASMA', days: 14 },
    { after: 'APHERESIS_PLASMA', before: 'APHERESIS_PLATELETS', days: 14 },
    { after: 'APHERESIS_PLASMA', before: 'WHOLE_BLOOD', days: 28 },
  ],
  maxPerYear: { APHERESIS_PLATELETS: 24 },
  questions: [
    {
      id: 'RECENT_COLD_OR_FEVER',
      text: 'Cold, fever or acute infection in the last 7 days?',
      reasonCode: 'RECENT_ACUTE_INFECTION',
      deferral: { kind: 'TEMPORARY', days: 7 },
    },
    {
      id: 'RECENT_TOOTH_EXTRACTION',
      text: 'Tooth extraction or dental surgery in the last 3 days?',
      reasonCode: 'RECENT_DENTAL_PROCEDURE',
      deferral: { kind: 'TEMPORARY', days: 3 },
    },
    {
      id: 'RECENT_TATTOO_OR_PIERCING',
      text: 'Tattoo, piercing or acupuncture in the last 12 months?',
      reasonCode: 'RECENT_SKIN_PENETRATION',
      deferral: { kind: 'TEMPORARY', days: 365 },
    },
    {
      id: 'RECENT_SURGERY',
      text: 'Major surgery in the last 6 months?',
      reasonCode: 'RECENT_SURGERY',
      deferral: { kind: 'TEMPORARY', days: 183 },
    },
    {
      id: 'PREGNANT_OR_RECENT_BIRTH',
      text: 'Pregnant, or given birth or miscarried in the last 12 months?',
      reasonCode: 'PREGNANCY',
      deferral: { kind: 'TEMPORARY', days: 365 },
    },
    {
      id: 'HEPATITIS_HIV_SYPHILIS_HISTORY',
      text: 'Ever had hepatitis B or C, HIV or syphilis?',
      reasonCode: 'TRANSFUSION_TRANSMISSIBLE_INFECTION_HISTORY',
      deferral: { kind: 'PERMANENT' },
    },
    {
      id: 'HIGH_RISK_BEHAVIOUR',
      text: 'Any behaviour carrying a high risk of HIV infection?',
      reasonCode: 'HIGH_RISK_BEHAVIOUR',
      deferral: { kind: 'PERMANENT' },
    },
  ],
  screeningValidHours: 24,
  businessTime: DEFAULT_BUSINESS_TIME_POLICY,
  recognitionTiers: [
    { code: 'BRONZE', name: 'Voluntary blood donation award, bronze', minDonations: 20 },
    { code: 'SILVER', name: 'Voluntary blood donation award, silver', minDonations: 30 },
    { code: 'GOLD', name: 'Voluntary blood donation award, gold', minDonations: 40 },
    { code: 'LIFETIME', name: 'Lifetime honour award', minDonations: 100 },
  ],
};
