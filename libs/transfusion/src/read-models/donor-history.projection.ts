import type { DocumentWriter, Projection, RecordedEvent } from '@hemotrace/event-sourcing';
import type { DonationCompletedContract } from '@hemotrace/collection/contracts';
import { DONATION_COMPLETED } from '@hemotrace/collection/contracts';

export const DONOR_HISTORY = 'transfusion_donor_history';

export interface DonorHistoryView {
  donorId: string;
  donations: { din: string; volumeMl: number; procedure: string; endedAt: string }[];
  totalVolumeMl: number;
}

/** What each donor gave, from collection's DonationCompleted, for the blood-fee exemption. */
export const donorHistoryProjection: Projection = {
  name: 'transfusion-donor-history',
  collections: [DONOR_HISTORY],
  handles: [DONATION_COMPLETED],
  async apply(event: RecordedEvent, tx: DocumentWriter) {
    const d = event.data as DonationCompletedContract;
    const current = (await tx.get<DonorHistoryView>(DONOR_HISTORY, d.donorId)) ?? {
      donorId: d.donorId,
      donations: [],
      totalVolumeMl: 0,
    };
    if (current.donations.some((x) => x.din === d.din)) return;
    tx.put<DonorHistoryView>(DONOR_HISTORY, d.donorId, {
      donorId: d.donorId,
      donations: [
        ...current.donations,
        { din: d.din, volumeMl: d.volumeMl, procedure: d.procedure, endedAt: d.endedAt },
      ],
      totalVolumeMl: current.totalVolumeMl + d.volumeMl,
    });
  },
};
