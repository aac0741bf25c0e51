import type { ProductCategory } from '@hemotrace/kernel';
import type { BusinessTimePolicy } from '@hemotrace/kernel';
import { DEFAULT_BUSINESS_TIME_POLICY } from '@hemotrace/kernel';

export interface TemperatureRange {
  minC: number;
  maxC: number;
}

export interface DistributionProfile {
  profile: string;
  /** Temperature a cold-chain box must hold in transport, per product category. */
  transport: Record<ProductCategory, TemperatureRange>;
  /** A hospital return goes back into stock only within these limits; otherwise it is discarded. */
  returns: { maxHoursSinceReceipt: number; temperature: Record<ProductCategory, TemperatureRange> };
  /** Future tolerance and late-entry threshold for the times a user states. */
  businessTime: BusinessTimePolicy;
}

const CHILLED = { minC: 2, maxC: 10 };
const FROZEN = { minC: -90, maxC: -18 };
const PLATELETS = { minC: 20, maxC: 24 };

/**
 * China 2019 procedures 9 (transport: red cells 2-10 C, platelets 20-24 C, frozen plasma kept frozen).
 * The return limits are illustrative defaults for a hospital agreement, not a regulatory figure.
 */
const CN_2019: DistributionProfile = {
  profile: 'CN-2019',
  transport: { WHOLE_BLOOD: CHILLED, RED_CELLS: CHILLED, PLASMA: FROZEN, CRYO: FROZEN, PLATELETS },
  returns: {
    maxHoursSinceReceipt: 24,
    temperature: { WHOLE_BLOOD: CHILLED, RED_CELLS: CHILLED, PLASMA: FROZEN, CRYO: FROZEN, PLATELETS },
  },
  businessTime: DEFAULT_BUSINESS_TIME_POLICY,
};

/** AABB 5.1.8: red cells transported at 1-10 C. */
const US_FDA: DistributionProfile = {
  ...CN_2019,
  profile: 'US-FDA',
  transport: { ...CN_2019.transport, WHOLE_BLOOD: { minC: 1, maxC: 10 }, RED_CELLS: { minC: 1, maxC: 10 } },
};

const PROFILES: Record<string, DistributionProfile> = {
  'CN-2019': CN_2019,
  'US-FDA': US_FDA,
  EU: { ...CN_2019, profile: 'EU' },
};

export const distributionProfileFor = (profile: string): DistributionProfile => PROFILES[profile] ?? CN_2019;

export const within = (range: TemperatureRange, temperatureC: number): boolean =>
  temperatureC >= range.minC && temperatureC <= range.maxC;
