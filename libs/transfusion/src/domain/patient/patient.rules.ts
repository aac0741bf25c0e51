import { formatBloodGroup } from '@hemotrace/kernel';
import type { PatientSample, RegisteredPatient } from './patient.state';

/** AABB 5.14.3 / CN clinical transfusion spec. art. 12: a crossmatch sample is used only within its validity window. */
export const currentSample = (patient: RegisteredPatient, now: string): PatientSample | undefined =>
  patient.samples
    .filter((s) => s.collectedAt <= now && now < s.validUntil)
    .sort((a, b) => (a.collectedAt < b.collectedAt ? 1 : -1))[0];

/** Every ABO/RhD determination on record, samples and history, as label strings. */
export const recordedGroups = (patient: RegisteredPatient): string[] => [
  ...new Set(
    [...patient.samples.map((s) => s.bloodGroup), ...patient.historicalGroups].map(formatBloodGroup),
  ),
];

/** Any disagreement between determinations points to a wrong-blood-in-tube error. */
export const groupsDisagree = (patient: RegisteredPatient): boolean => recordedGroups(patient).length > 1;

/** BSH 2012 electronic issue: the group is confirmed by two samples, or one sample agreeing with a historical group. */
export const groupIsConfirmed = (patient: RegisteredPatient): boolean =>
  !groupsDisagree(patient) &&
  (patient.samples.length >= 2 || (patient.samples.length >= 1 && patient.historicalGroups.length >= 1));

/** A positive antibody screen must be followed by identification before red cells are selected. */
export const antibodyScreenIsResolved = (sample: PatientSample): boolean =>
  sample.antibodyScreen === 'NEGATIVE' || sample.antibodiesIdentified;

/** BSH 2012 / AABB 5.16: electronic crossmatch only with a confirmed group, a negative screen and no antibody history. */
export const electronicCrossmatchObstacles = (
  patient: RegisteredPatient,
  sample: PatientSample,
): string[] => [
  ...(groupIsConfirmed(patient)
    ? []
    : ['the ABO/RhD group is not confirmed by two samples or a historical group']),
  ...(sample.antibodyScreen === 'NEGATIVE' ? [] : ['the current antibody screen is positive']),
  ...(patient.antibodies.length === 0
    ? []
    : [`the patient has antibodies (${patient.antibodies.join(', ')})`]),
];
