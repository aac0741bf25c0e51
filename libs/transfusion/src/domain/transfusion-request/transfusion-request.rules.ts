import type { Imputability, ReactionCategory, SeverityGrade } from './transfusion-request.event-data';
import type { ReturnLimit, TransfusionProfile } from '../profile/transfusion-profile';

const HOUR_MS = 3_600_000;

export const hoursBetween = (from: string, to: string): number =>
  (Date.parse(to) - Date.parse(from)) / HOUR_MS;

/**
 * ISBT 2011 definitions: TRALI within 6 h and TACO within 12 h of transfusion; the window runs from
 * the end of the (latest) implicated transfusion, and any onset during the transfusion counts.
 * Returns the hours after the end when the onset is outside the window, null when it fits.
 */
export const onsetOutsideCategoryWindow = (
  profile: TransfusionProfile,
  category: ReactionCategory,
  onsetAt: string,
  endedAt: string | null,
): { windowHours: number; hoursAfterEnd: number } | null => {
  const windowHours = profile.reactionOnsetWindowHours[category];
  if (windowHours === undefined || endedAt === null) return null;
  const hoursAfterEnd = hoursBetween(endedAt, onsetAt);
  return hoursAfterEnd > windowHours ? { windowHours, hoursAfterEnd } : null;
};

/** ISBT severity grade 2 (severe) and above is serious (Directive 2005/61/EC art. 1: life-threatening, disabling, hospitalisation). */
export const reactionIsSerious = (profile: TransfusionProfile, severity: SeverityGrade): boolean =>
  severity >= profile.seriousFromSeverity;

/** Directive 2005/61/EC art. 5: serious reactions with imputability at or above the profile level are notified. */
export const reactionIsReportable = (
  profile: TransfusionProfile,
  severity: SeverityGrade,
  imputability: Imputability,
): boolean =>
  reactionIsSerious(profile, severity) &&
  imputability !== 'NA' &&
  Number(imputability) >= profile.reportableFromImputability;

/** The 30-minute rule and storage temperature: outside either, the unit is wasted, not restocked. */
export const returnLimitBreaches = (
  limit: ReturnLimit,
  minutesOutOfStorage: number,
  temperatureC: number,
): string[] => [
  ...(minutesOutOfStorage > limit.maxMinutesOutOfStorage
    ? [`out of controlled storage ${minutesOutOfStorage} min > ${limit.maxMinutesOutOfStorage} min`]
    : []),
  ...(temperatureC < limit.minTemperatureC || temperatureC > limit.maxTemperatureC
    ? [`temperature ${temperatureC} C outside ${limit.minTemperatureC}-${limit.maxTemperatureC} C`]
    : []),
];
