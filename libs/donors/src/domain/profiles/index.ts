import { CN_2019 } from './cn-2019';
import type { DonorRegulatoryProfile } from './donor-profile';
import { UnknownRegulatoryProfile } from './donor-profile';
import { EU } from './eu';
import { US_FDA } from './us-fda';

export * from './donor-profile';
export { CN_2019, EU, US_FDA };

const PROFILES: Record<string, DonorRegulatoryProfile> = {
  [CN_2019.id]: CN_2019,
  [US_FDA.id]: US_FDA,
  [EU.id]: EU,
};

export const donorProfileFor = (id: string): DonorRegulatoryProfile => {
  const profile = PROFILES[id];
  if (!profile) throw new UnknownRegulatoryProfile(id, Object.keys(PROFILES));
  return profile;
};
