import type { ContractProjection } from '@hemotrace/messaging';
import type { DonationCompletedV1 } from '@hemotrace/collection/contracts';
import { DONATION_COMPLETED_V1 } from '@hemotrace/collection/contracts';

export const DONOR_HISTORY = 'transfusion_donor_history';

export interface DonorHistoryView {
  donorId: string;
  donations: { din: string; volumeMl: number; procedure: string; endedAt: string }[];
  totalVolumeMl: number;
}

/** What each donor gave, from collection's DonationCompleted.v1, for the blood-fee exemption. */
export const donorHistoryProjection: ContractProjection = {
  name: 'transfusion-donor-history',
  contexts: ['collection'],
  types: [DONATION_COMPLETED_V1],
  collections: [DONOR_HISTORY],
  async handle(event, tx) {
    const d = event.data as DonationCompletedV1;
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
