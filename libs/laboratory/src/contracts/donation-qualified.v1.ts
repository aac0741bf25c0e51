import type { BloodGroup, Phenotype } from '@hemotrace/kernel';
import type { ContractMapping } from '@hemotrace/messaging';
import type { DonationQualified } from '../domain/donation-testing/donation-testing.events';

export const DONATION_QUALIFIED_V1 = 'laboratory.DonationQualified.v1';

/** The donation passed every test: components release its units with this group and phenotype. */
export interface DonationQualifiedV1 {
  din: string;
  donorId: string;
  bloodGroup: BloodGroup;
  phenotype?: Phenotype;
  antibodyScreen?: { result: 'NEGATIVE' | 'POSITIVE'; identifiedAntibodies?: string[] };
  qualifiedAt: string;
  /** Business time of the latest screening result the qualification rests on (added after v1 shipped; optional). */
  testedAt?: string;
  /** The site that recorded the conclusion: reactions are recorded there too. */
  recordedAtSite: string;
}

export const donationQualifiedV1: ContractMapping<DonationQualifiedV1> = {
  context: 'laboratory',
  storedType: 'DonationQualified',
  contractType: 'DonationQualified',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as DonationQualified;
    return {
      din: d.din,
      donorId: d.donorId,
      bloodGroup: d.bloodGroup,
      ...(d.phenotype !== undefined ? { phenotype: d.phenotype } : {}),
      ...(d.antibodyScreen !== undefined ? { antibodyScreen: d.antibodyScreen } : {}),
      qualifiedAt: d.qualifiedAt,
      ...(d.testedAt !== undefined ? { testedAt: d.testedAt } : {}),
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
