import type { ContractMapping } from '@hemotrace/messaging';
import type { DonationCompletedContract } from './collection.contracts';

export const DONATION_COMPLETED_V1 = 'collection.DonationCompleted.v1';

/** A donation was collected: the donor's interval starts, components expect its units. */
export type DonationCompletedV1 = DonationCompletedContract & { recordedAtSite: string };

export const donationCompletedV1: ContractMapping<DonationCompletedV1> = {
  context: 'collection',
  storedType: 'DonationCompleted',
  contractType: 'DonationCompleted',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as DonationCompletedContract;
    return {
      din: d.din,
      donorId: d.donorId,
      procedure: d.procedure,
      volumeMl: d.volumeMl,
      ...(d.plateletDoses !== undefined ? { plateletDoses: d.plateletDoses } : {}),
      startedAt: d.startedAt,
      endedAt: d.endedAt,
      siteId: d.siteId,
      siteType: d.siteType,
      bagLot: d.bagLot,
      ...(d.groupDonation !== undefined ? { groupDonation: d.groupDonation } : {}),
      ...(d.measuredVolumeMl !== undefined ? { measuredVolumeMl: d.measuredVolumeMl } : {}),
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
