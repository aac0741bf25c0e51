import type { DocumentWriter, Projection, RecordedEvent } from '@hemotrace/event-sourcing';
import type { BloodGroup, Phenotype } from '@hemotrace/kernel';
import type { DonationCompletedContract, Procedure } from '@hemotrace/collection/contracts';
import { DONATION_COMPLETED } from '@hemotrace/collection/contracts';
import type { DonationQualifiedData, DonationRejectedData } from '@hemotrace/laboratory/contracts';
import { DONATION_QUALIFIED, DONATION_REJECTED } from '@hemotrace/laboratory/contracts';

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

export const donationFactsProjection: Projection = {
  name: 'components-donation-facts',
  collections: [DONATIONS],
  handles: [DONATION_COMPLETED, DONATION_QUALIFIED, DONATION_REJECTED],
  async apply(event: RecordedEvent, tx: DocumentWriter) {
    if (event.type === DONATION_COMPLETED) {
      const d = event.data as DonationCompletedContract;
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
    } else if (event.type === DONATION_QUALIFIED) {
      const d = event.data as DonationQualifiedData;
      await upsert(tx, d.din, (f) => ({
        ...f,
        qualified: {
          eventId: event.eventId,
          bloodGroup: d.bloodGroup,
          ...(d.phenotype ? { phenotype: d.phenotype } : {}),
          at: d.qualifiedAt,
        },
      }));
    } else if (event.type === DONATION_REJECTED) {
      const d = event.data as DonationRejectedData;
      await upsert(tx, d.din, (f) => ({
        ...f,
        rejected: { eventId: event.eventId, reactiveMarkers: d.reactiveMarkers, at: d.rejectedAt },
      }));
    }
  },
};
