import type { BusinessTimePolicy } from '@hemotrace/kernel';
import { DEFAULT_BUSINESS_TIME_POLICY, DomainError } from '@hemotrace/kernel';

/** Collection rules of one jurisdiction, as data. */
export interface CollectionRegulatoryProfile {
  id: string;
  /** Nominal whole-blood bags a donor may give. */
  wholeBloodVolumesMl: number[];
  /** Therapeutic doses an apheresis platelet procedure may aim for. */
  plateletDoses: number[];
  /** How far the weighed volume may be from the nominal bag and still be a complete whole-blood donation. */
  wholeBloodVolumeTolerance: number;
  /** Future tolerance and late-entry threshold for the times a user states. */
  businessTime: BusinessTimePolicy;
}

/** China 2019: whole blood 200, 300 or 400 mL (200 mL = 1 unit); apheresis platelets 1 or 2 therapeutic doses. */
export const CN_2019_COLLECTION: CollectionRegulatoryProfile = {
  id: 'CN-2019',
  wholeBloodVolumesMl: [200, 300, 400],
  plateletDoses: [1, 2],
  wholeBloodVolumeTolerance: 0.1,
  businessTime: DEFAULT_BUSINESS_TIME_POLICY,
};

/** US: a 450 or 500 mL unit (21 CFR 640.4); double red cells are out of scope here. */
export const US_FDA_COLLECTION: CollectionRegulatoryProfile = {
  id: 'US-FDA',
  wholeBloodVolumesMl: [450, 500],
  plateletDoses: [1, 2, 3],
  wholeBloodVolumeTolerance: 0.1,
  businessTime: DEFAULT_BUSINESS_TIME_POLICY,
};

/** EU: 450 mL whole blood is the common bag (Council of Europe guide). */
export const EU_COLLECTION: CollectionRegulatoryProfile = {
  id: 'EU',
  wholeBloodVolumesMl: [450, 500],
  plateletDoses: [1, 2, 3],
  wholeBloodVolumeTolerance: 0.1,
  businessTime: DEFAULT_BUSINESS_TIME_POLICY,
};

const PROFILES = [CN_2019_COLLECTION, US_FDA_COLLECTION, EU_COLLECTION];

export const collectionProfileFor = (id: string): CollectionRegulatoryProfile => {
  const profile = PROFILES.find((p) => p.id === id);
  if (!profile) {
    throw new DomainError('COLLECTION.UNKNOWN_REGULATORY_PROFILE', `No collection profile ${id}`, {
      id,
      known: PROFILES.map((p) => p.id),
    });
  }
  return profile;
};
