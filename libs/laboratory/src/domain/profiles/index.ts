import { InvalidInput } from '@hemotrace/kernel';
import { CN_2019_LABORATORY } from './cn-2019.profile';
import { EU_LABORATORY } from './eu.profile';
import type { LaboratoryProfile } from './laboratory-profile';
import { US_FDA_LABORATORY } from './us-fda.profile';

export * from './laboratory-profile';
export { CN_2019_LABORATORY, EU_LABORATORY, US_FDA_LABORATORY };

const PROFILES: readonly LaboratoryProfile[] = [CN_2019_LABORATORY, US_FDA_LABORATORY, EU_LABORATORY];

export const laboratoryProfile = (id: string): LaboratoryProfile => {
  const profile = PROFILES.find((p) => p.id === id);
  if (!profile) {
    throw new InvalidInput('LAB.UNKNOWN_PROFILE', `No laboratory profile ${id}`, {
      id,
      known: PROFILES.map((p) => p.id),
    });
  }
  return profile;
};
