import type { Procedure } from '@hemotrace/kernel';
import type { ContractProjection } from '@hemotrace/messaging';
import type { DonationCompletedV1 } from '@hemotrace/collection/contracts';
import { DONATION_COMPLETED_V1 } from '@hemotrace/collection/contracts';
import { DONOR_HISTORY } from './collections';

export interface DonationHistoryDoc {
  donorId: string;
  wholeBloodDonations: number;
  apheresisProcedures: number;
  plateletDoses: number;
  totalVolumeMl: number;
  lastDonationAt: Partial<Record<Procedure, string>>;
  donations: {
    din: string;
    procedure: Procedure;
    volumeMl: number;
    plateletDoses?: number;
    endedAt: string;
  }[];
}

export const emptyHistory = (donorId: string): DonationHistoryDoc => ({
  donorId,
  wholeBloodDonations: 0,
  apheresisProcedures: 0,
  plateletDoses: 0,
  totalVolumeMl: 0,
  lastDonationAt: {},
  donations: [],
});

/** Completed donations per donor, from collection's contract: the facts donation intervals and recognition count on. */
export const donationHistoryProjection: ContractProjection = {
  name: 'donors.donation-history',
  contexts: ['collection'],
  types: [DONATION_COMPLETED_V1],
  collections: [DONOR_HISTORY],
  async handle(event, tx) {
    const d = event.data as DonationCompletedV1;
    /* A malformed upstream event must not stop the history of every other donor. */
    if (typeof d?.donorId !== 'string' || typeof d.volumeMl !== 'number') return;
    const doc = (await tx.get<DonationHistoryDoc>(DONOR_HISTORY, d.donorId)) ?? emptyHistory(d.donorId);
    if (doc.donations.some((donation) => donation.din === d.din)) return;
    const last = doc.lastDonationAt[d.procedure];
    tx.put<DonationHistoryDoc>(DONOR_HISTORY, d.donorId, {
      ...doc,
      wholeBloodDonations: doc.wholeBloodDonations + (d.procedure === 'WHOLE_BLOOD' ? 1 : 0),
      apheresisProcedures: doc.apheresisProcedures + (d.procedure === 'WHOLE_BLOOD' ? 0 : 1),
      plateletDoses: doc.plateletDoses + (d.plateletDoses ?? 0),
      totalVolumeMl: doc.totalVolumeMl + d.volumeMl,
      lastDonationAt: {
        ...doc.lastDonationAt,
        [d.procedure]: last === undefined || d.endedAt > last ? d.endedAt : last,
      },
      donations: [
        ...doc.donations,
        {
          din: d.din,
          procedure: d.procedure,
          volumeMl: d.volumeMl,
          ...(d.plateletDoses === undefined ? {} : { plateletDoses: d.plateletDoses }),
          endedAt: d.endedAt,
        },
      ],
    });
  },
};
