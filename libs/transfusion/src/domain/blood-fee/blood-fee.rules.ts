import type { FeeRelationship } from '../patient/patient.events';
import type { BloodFeeExemptionRule } from '../profile/transfusion-profile';

export interface DonationRecord {
  din: string;
  volumeMl: number;
}

export interface ExemptionAssessment {
  donatedVolumeMl: number;
  lifetime: boolean;
  eligibleVolumeMl: number | null;
  rule: string;
}

/**
 * Blood Donation Law of the PRC art. 14 with provincial practice: a donor who gave at least the
 * lifetime threshold uses blood free for life; otherwise up to a multiple of the donated volume;
 * spouse, parents and children up to the family multiple.
 */
export const assessExemption = (
  rule: BloodFeeExemptionRule,
  relationship: FeeRelationship,
  donations: readonly DonationRecord[],
): ExemptionAssessment => {
  const donatedVolumeMl = donations.reduce((sum, d) => sum + d.volumeMl, 0);
  if (relationship === 'SELF' && donatedVolumeMl >= rule.lifetimeFromDonatedMl) {
    return {
      donatedVolumeMl,
      lifetime: true,
      eligibleVolumeMl: null,
      rule: `donor gave >= ${rule.lifetimeFromDonatedMl} mL: lifetime exemption`,
    };
  }
  const multiple = relationship === 'SELF' ? rule.selfMultiple : rule.familyMultiple;
  return {
    donatedVolumeMl,
    lifetime: false,
    eligibleVolumeMl: donatedVolumeMl * multiple,
    rule:
      relationship === 'SELF'
        ? `donor: ${multiple}x donated volume`
        : `immediate family (${relationship}): ${multiple}x donated volume`,
  };
};
