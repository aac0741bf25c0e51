import type { ContractProjection } from '@hemotrace/messaging';
import type { BloodGroup, Phenotype } from '@hemotrace/kernel';
import { formatBloodGroup, isBloodGroup } from '@hemotrace/kernel';
import type { DonationQualifiedV1 } from '@hemotrace/laboratory/contracts';
import { DONATION_QUALIFIED_V1 } from '@hemotrace/laboratory/contracts';
import { DONOR_TYPINGS } from './collections';

export interface DonorTypingDoc {
  donorId: string;
  /** `AB+`, for equality search. */
  group: string;
  bloodGroup: BloodGroup;
  /** Every antigen ever typed; a later typing of the same antigen wins. */
  phenotype: Phenotype;
  lastDin: string;
  typedAt: string;
}

/** The rare-donor registry: each donor's group and extended phenotype from laboratory's qualified donations. */
export const donorTypingProjection: ContractProjection = {
  name: 'donors.typing',
  contexts: ['laboratory'],
  types: [DONATION_QUALIFIED_V1],
  collections: [DONOR_TYPINGS],
  indexes: { [DONOR_TYPINGS]: [['group']] },
  async handle(event, tx) {
    const d = event.data as DonationQualifiedV1;
    if (typeof d?.donorId !== 'string' || !isBloodGroup(d.bloodGroup)) return;
    const doc = await tx.get<DonorTypingDoc>(DONOR_TYPINGS, d.donorId);
    tx.put<DonorTypingDoc>(DONOR_TYPINGS, d.donorId, {
      donorId: d.donorId,
      group: formatBloodGroup(d.bloodGroup),
      bloodGroup: d.bloodGroup,
      phenotype: { ...(doc?.phenotype ?? {}), ...(d.phenotype ?? {}) },
      lastDin: d.din,
      typedAt: d.qualifiedAt,
    });
  },
};
