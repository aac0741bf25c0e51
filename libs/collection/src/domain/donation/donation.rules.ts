import type { Procedure } from '@hemotrace/kernel';
import type { CollectionRegulatoryProfile } from '../profiles/collection-profile';

/** China 2019 collection: whole blood is collected in a 200, 300 or 400 mL bag, and only whole blood has a bag volume. */
export const wholeBloodVolumeIsStandard = (
  procedure: Procedure,
  nominalVolumeMl: number | undefined,
  profile: CollectionRegulatoryProfile,
): boolean =>
  procedure === 'WHOLE_BLOOD'
    ? nominalVolumeMl !== undefined && profile.wholeBloodVolumesMl.includes(nominalVolumeMl)
    : nominalVolumeMl === undefined;

/** China 2019 apheresis: a platelet procedure aims for 1 or 2 therapeutic doses; other procedures have none. */
export const plateletDosesAreStandard = (
  procedure: Procedure,
  plateletDoses: number | undefined,
  profile: CollectionRegulatoryProfile,
): boolean =>
  procedure === 'APHERESIS_PLATELETS'
    ? plateletDoses !== undefined && profile.plateletDoses.includes(plateletDoses)
    : plateletDoses === undefined;

/** A whole-blood bag counts as complete only when the weighed volume is within tolerance of its nominal volume. */
export const wholeBloodVolumeIsWithinTolerance = (
  measuredVolumeMl: number,
  nominalVolumeMl: number,
  profile: CollectionRegulatoryProfile,
): boolean =>
  Math.abs(measuredVolumeMl - nominalVolumeMl) <= nominalVolumeMl * profile.wholeBloodVolumeTolerance;

/** A donation ends after it starts (collection record: start and end of venipuncture). */
export const donationTimesAreOrdered = (startedAt: string, endedAt: string): boolean =>
  new Date(startedAt).getTime() < new Date(endedAt).getTime();
