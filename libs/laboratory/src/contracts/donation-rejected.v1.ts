import type { ContractMapping } from '@hemotrace/messaging';
import type { DonationRejected } from '../domain/donation-testing/donation-testing.events';

export const DONATION_REJECTED_V1 = 'laboratory.DonationRejected.v1';

/** The donation failed testing: components discard its units, naming the reactive markers. */
export interface DonationRejectedV1 {
  din: string;
  donorId: string;
  /** Reactive markers, or other reasons such as `ABO_DISCREPANCY`. */
  reactiveMarkers: string[];
  rejectedAt: string;
  recordedAtSite: string;
}

export const donationRejectedV1: ContractMapping<DonationRejectedV1> = {
  context: 'laboratory',
  storedType: 'DonationRejected',
  contractType: 'DonationRejected',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as DonationRejected;
    return {
      din: d.din,
      donorId: d.donorId,
      reactiveMarkers: d.reactiveMarkers,
      rejectedAt: d.rejectedAt,
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
