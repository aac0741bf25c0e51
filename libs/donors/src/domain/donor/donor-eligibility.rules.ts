import type { Procedure } from '@hemotrace/kernel';
import { addDays, addMonths } from '@hemotrace/kernel';
import type { DeferralPeriod, DonorRegulatoryProfile, Sex } from '../profiles';
import type { Deferral, DeferralKind } from './deferral';
import { deferralIsActiveOn } from './deferral';
import type { ScreeningMeasurements } from './donor.events';

/** One failed check: the reason code, and until when it keeps the donor from donating (none = for life). */
export interface Finding {
  code: string;
  kind: DeferralKind;
  until?: string;
  detail?: string;
}

export interface PastDonation {
  procedure: Procedure;
  /** When the donation ended. */
  at: string;
}

const deferredFor = (code: string, period: DeferralPeriod, on: string, detail?: string): Finding =>
  period.kind === 'PERMANENT'
    ? { code, kind: 'PERMANENT', detail }
    : { code, kind: 'TEMPORARY', until: addDays(on, period.days), detail };

/** Completed years between a birth date (YYYY-MM-DD) and an instant. */
export const ageOn = (birthDate: string, on: string): number => {
  const [by, bm, bd] = birthDate.slice(0, 10).split('-').map(Number);
  const [oy, om, od] = on.slice(0, 10).split('-').map(Number);
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
};

const birthday = (birthDate: string, age: number): string =>
  addMonths(`${birthDate.slice(0, 10)}T00:00:00.000Z`, age * 12);

/** GB 18467-2011 age limit: at least 18; a younger person may come back on the 18th birthday. */
export const donorIsOldEnough = (
  birthDate: string,
  on: string,
  profile: DonorRegulatoryProfile,
): Finding | null =>
  ageOn(birthDate, on) >= profile.age.min
    ? null
    : { code: 'AGE_BELOW_MINIMUM', kind: 'TEMPORARY', until: birthday(birthDate, profile.age.min) };

/** GB 18467-2011 age limit: at most 55, or 60 for a repeat donor (who has donated before). */
export const donorIsNotTooOld = (
  birthDate: string,
  on: string,
  previousDonations: number,
  profile: DonorRegulatoryProfile,
): Finding | null => {
  const limit =
    previousDonations >= profile.repeatDonorMinDonations ? profile.age.maxRepeatDonor : profile.age.max;
  return ageOn(birthDate, on) <= limit
    ? null
    : { code: 'AGE_ABOVE_MAXIMUM', kind: 'PERMANENT', detail: `older than ${limit}` };
};

/** GB 18467-2011 weight: at least 50 kg for men and 45 kg for women. */
export const donorWeighsEnough = (
  sex: Sex,
  weightKg: number,
  on: string,
  profile: DonorRegulatoryProfile,
): Finding | null =>
  weightKg >= profile.minWeightKg[sex]
    ? null
    : deferredFor(
        'WEIGHT_BELOW_MINIMUM',
        profile.deferrals.weight,
        on,
        `${weightKg} kg < ${profile.minWeightKg[sex]} kg`,
      );

/** GB 18467-2011 haemoglobin: at least 120 g/L for men and 115 g/L for women. */
export const hemoglobinIsHighEnough = (
  sex: Sex,
  hemoglobinGPerL: number,
  on: string,
  profile: DonorRegulatoryProfile,
): Finding | null =>
  hemoglobinGPerL >= profile.minHemoglobinGPerL[sex]
    ? null
    : deferredFor(
        'HEMOGLOBIN_BELOW_MINIMUM',
        profile.deferrals.hemoglobin,
        on,
        `${hemoglobinGPerL} g/L < ${profile.minHemoglobinGPerL[sex]} g/L`,
      );

const within = (value: number, range: { min: number; max: number }): boolean =>
  value >= range.min && value <= range.max;

/** GB 18467-2011 blood pressure: systolic 90-140 mmHg and diastolic 60-90 mmHg. */
export const bloodPressureIsInRange = (
  m: Pick<ScreeningMeasurements, 'systolicMmHg' | 'diastolicMmHg'>,
  on: string,
  profile: DonorRegulatoryProfile,
): Finding | null =>
  within(m.systolicMmHg, profile.systolicMmHg) && within(m.diastolicMmHg, profile.diastolicMmHg)
    ? null
    : deferredFor(
        'BLOOD_PRESSURE_OUT_OF_RANGE',
        profile.deferrals.vitals,
        on,
        `${m.systolicMmHg}/${m.diastolicMmHg} mmHg`,
      );

/** GB 18467-2011 pulse: 60-100 beats per minute and regular. */
export const pulseIsInRange = (
  pulseBpm: number,
  on: string,
  profile: DonorRegulatoryProfile,
): Finding | null =>
  within(pulseBpm, profile.pulseBpm)
    ? null
    : deferredFor('PULSE_OUT_OF_RANGE', profile.deferrals.vitals, on, `${pulseBpm}/min`);

/** GB 18467-2011 body temperature: normal, at most 37.3 degrees Celsius. */
export const temperatureIsNormal = (
  temperatureC: number,
  on: string,
  profile: DonorRegulatoryProfile,
): Finding | null =>
  temperatureC <= profile.maxTemperatureC
    ? null
    : deferredFor('TEMPERATURE_ABOVE_MAXIMUM', profile.deferrals.vitals, on, `${temperatureC} C`);

/** GB 18467-2011 health questionnaire: every "yes" to a deferring question defers for that question's period. */
export const questionnaireAllowsDonation = (
  answers: Record<string, boolean>,
  on: string,
  profile: DonorRegulatoryProfile,
): Finding[] =>
  profile.questions
    .filter((question) => answers[question.id] === true)
    .map((question) => deferredFor(question.reasonCode, question.deferral, on, question.id));

/** Questions of the profile the donor was not asked (a screening must answer every one). */
export const unansweredQuestions = (
  answers: Record<string, boolean>,
  profile: DonorRegulatoryProfile,
): string[] => profile.questions.filter((q) => typeof answers[q.id] !== 'boolean').map((q) => q.id);

export const unknownQuestions = (
  answers: Record<string, boolean>,
  profile: DonorRegulatoryProfile,
): string[] => Object.keys(answers).filter((id) => !profile.questions.some((q) => q.id === id));

/**
 * Blood Station Technical Operation Procedures 2019, donation intervals: whole blood 6 months after whole
 * blood, apheresis platelets 2 weeks apart, whole blood to apheresis 3 months (the pairs come from the profile).
 */
export const donationIntervalIsRespected = (
  history: readonly PastDonation[],
  procedure: Procedure,
  on: string,
  profile: DonorRegulatoryProfile,
): Finding | null => {
  const nextAllowed = profile.intervals
    .filter((interval) => interval.before === procedure)
    .flatMap((interval) =>
      history
        .filter((donation) => donation.procedure === interval.after)
        .map((donation) => addDays(addMonths(donation.at, interval.months ?? 0), interval.days ?? 0)),
    )
    .reduce<string | null>((latest, next) => (latest === null || next > latest ? next : latest), null);
  return nextAllowed !== null && on < nextAllowed
    ? { code: 'DONATION_INTERVAL_NOT_RESPECTED', kind: 'TEMPORARY', until: nextAllowed }
    : null;
};

/** Blood Station Technical Operation Procedures 2019: apheresis platelets at most 24 times in 12 months. */
export const yearlyDonationLimitIsRespected = (
  history: readonly PastDonation[],
  procedure: Procedure,
  on: string,
  profile: DonorRegulatoryProfile,
): Finding | null => {
  const limit = profile.maxPerYear[procedure];
  if (limit === undefined) return null;
  const yearAgo = addMonths(on, -12);
  const inWindow = history
    .filter((donation) => donation.procedure === procedure && donation.at > yearAgo && donation.at <= on)
    .map((donation) => donation.at)
    .sort();
  if (inWindow.length < limit) return null;
  return {
    code: 'YEARLY_DONATION_LIMIT_REACHED',
    kind: 'TEMPORARY',
    until: addMonths(inWindow[inWindow.length - limit], 12),
    detail: `${inWindow.length} of ${limit} in 12 months`,
  };
};

/** A deferral in force keeps the donor from donating until it ends or is lifted. */
export const donorIsNotDeferred = (deferrals: readonly Deferral[], on: string): Finding[] =>
  deferrals
    .filter((deferral) => deferralIsActiveOn(deferral, on))
    .map((deferral) => ({
      code: 'DONOR_DEFERRED',
      kind: deferral.kind,
      until: deferral.until,
      detail: deferral.reasons.map((r) => r.code).join(','),
    }));

export interface EligibilityFacts {
  sex: Sex;
  birthDate: string;
  deferrals: readonly Deferral[];
  history: readonly PastDonation[];
}

/** Whether a donor may give a procedure on a date, before the physical checks of the day. */
export const eligibilityFindings = (
  facts: EligibilityFacts,
  procedure: Procedure,
  on: string,
  profile: DonorRegulatoryProfile,
): Finding[] =>
  [
    ...donorIsNotDeferred(facts.deferrals, on),
    donorIsOldEnough(facts.birthDate, on, profile),
    donorIsNotTooOld(facts.birthDate, on, facts.history.length, profile),
    donationIntervalIsRespected(facts.history, procedure, on, profile),
    yearlyDonationLimitIsRespected(facts.history, procedure, on, profile),
  ].filter((finding): finding is Finding => finding !== null);

/** The checks of the day at the screening: weight, haemoglobin, vital signs and the questionnaire. */
export const physicalCheckFindings = (
  sex: Sex,
  measurements: ScreeningMeasurements,
  answers: Record<string, boolean>,
  on: string,
  profile: DonorRegulatoryProfile,
): Finding[] =>
  [
    donorWeighsEnough(sex, measurements.weightKg, on, profile),
    hemoglobinIsHighEnough(sex, measurements.hemoglobinGPerL, on, profile),
    bloodPressureIsInRange(measurements, on, profile),
    pulseIsInRange(measurements.pulseBpm, on, profile),
    temperatureIsNormal(measurements.temperatureC, on, profile),
    ...questionnaireAllowsDonation(answers, on, profile),
  ].filter((finding): finding is Finding => finding !== null);

/** A donation may start only within the validity of a screening that found the donor eligible for it. */
export const screeningAllowsDonation = (
  lastScreening: { procedure: Procedure; outcome: string; validUntil?: string } | undefined,
  procedure: Procedure,
  at: string,
): Finding | null =>
  lastScreening !== undefined &&
  lastScreening.outcome === 'ELIGIBLE' &&
  lastScreening.procedure === procedure &&
  lastScreening.validUntil !== undefined &&
  at < lastScreening.validUntil
    ? null
    : {
        code: 'NO_VALID_SCREENING',
        kind: 'TEMPORARY',
        detail: `no eligible screening for ${procedure} in force`,
      };

/** The deferral a set of findings adds up to: permanent if any is, else until the latest end. */
export const combinedDeferral = (findings: readonly Finding[]): { kind: DeferralKind; until?: string } => {
  if (findings.some((f) => f.kind === 'PERMANENT')) return { kind: 'PERMANENT' };
  const until = findings
    .map((f) => f.until)
    .filter((u): u is string => u !== undefined)
    .sort()
    .at(-1);
  return { kind: 'TEMPORARY', until };
};
