import type { DocumentWriter } from '@hemotrace/event-sourcing';
import type { BloodGroup, Phenotype } from '@hemotrace/kernel';
import type { ContractProjection } from '@hemotrace/messaging';
import type { DonationCompletedV1, Procedure } from '@hemotrace/collection/contracts';
import { DONATION_COMPLETED_V1 } from '@hemotrace/collection/contracts';
import type { DonationQualifiedV1, DonationRejectedV1 } from '@hemotrace/laboratory/contracts';
import { DONATION_QUALIFIED_V1, DONATION_REJECTED_V1 } from '@hemotrace/laboratory/contracts';

export const DONATIONS = 'components_donations';

/** What components needs to know about a donation: that it was completed, and the laboratory's conclusion. */
export interface DonationFacts {
  din: string;
  completed?: {
    donorId: string;
    procedure: Procedure;
    volumeMl: number;
    plateletDoses?: number;
    endedAt: string;
    siteId: string;
  };
  qualified?: { eventId: string; bloodGroup: BloodGroup; phenotype?: Phenotype; at: string };
  rejected?: { eventId: string; reactiveMarkers: string[]; at: string };
}

const upsert = async (tx: DocumentWriter, din: string, change: (facts: DonationFacts) => DonationFacts) => {
  const current = (await tx.get<DonationFacts>(DONATIONS, din)) ?? { din };
  tx.put(DONATIONS, din, change(current));
};

/** From collection's and laboratory's contracts; `eventId` is the contract's id, which is the stored fact's. */
export const donationFactsProjection: ContractProjection = {
  name: 'components-donation-facts',
  contexts: ['collection', 'laboratory'],
  types: [DONATION_COMPLETED_V1, DONATION_QUALIFIED_V1, DONATION_REJECTED_V1],
  collections: [DONATIONS],
  async handle(event, tx) {
    if (event.type === DONATION_COMPLETED_V1) {
      const d = event.data as DonationCompletedV1;
      await upsert(tx, d.din, (f) => ({
        ...f,
        completed: {
          donorId: d.donorId,
          procedure: d.procedure,
          volumeMl: d.volumeMl,
          ...(d.plateletDoses !== undefined ? { plateletDoses: d.plateletDoses } : {}),
          endedAt: d.endedAt,
          siteId: d.siteId,
        },
      }));
    } else if (event.type === DONATION_QUALIFIED_V1) {
      const d = event.data as DonationQualifiedV1;
      await upsert(tx, d.din, (f) => ({
        ...f,
        qualified: {
          eventId: event.id,
          bloodGroup: d.bloodGroup,
          ...(d.phenotype ? { phenotype: d.phenotype } : {}),
          at: d.qualifiedAt,
        },
      }));
    } else if (event.type === DONATION_REJECTED_V1) {
      const d = event.data as DonationRejectedV1;
      await upsert(tx, d.din, (f) => ({
        ...f,
        rejected: { eventId: event.id, reactiveMarkers: d.reactiveMarkers, at: d.rejectedAt },
      }));
    }
  },
};
