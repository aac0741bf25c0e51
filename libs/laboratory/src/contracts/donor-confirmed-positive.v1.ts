import type { Marker } from '@hemotrace/kernel';
import type { ContractMapping } from '@hemotrace/messaging';
import type { DonorConfirmedPositive } from '../domain/donation-testing/donation-testing.events';

export const DONOR_CONFIRMED_POSITIVE_V1 = 'laboratory.DonorConfirmedPositive.v1';

/** A confirmatory test proved an infection: donor deferral and the lookback start from it. */
export interface DonorConfirmedPositiveV1 {
  din: string;
  donorId: string;
  marker: Marker;
  confirmedAt: string;
  recordedAtSite: string;
}

export const donorConfirmedPositiveV1: ContractMapping<DonorConfirmedPositiveV1> = {
  context: 'laboratory',
  storedType: 'DonorConfirmedPositive',
  contractType: 'DonorConfirmedPositive',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as DonorConfirmedPositive;
    return {
      din: d.din,
      donorId: d.donorId,
      marker: d.marker,
      confirmedAt: d.confirmedAt,
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
