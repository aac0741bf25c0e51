import type { Procedure } from '@hemotrace/kernel';
import type { SiteType } from './donation.event-data';
import type { DonationEvent } from './donation.events';

export interface DonationFacts {
  din: string;
  donorId: string;
  procedure: Procedure;
  nominalVolumeMl?: number;
  plateletDoses?: number;
  siteId: string;
  siteType: SiteType;
  bagLot: string;
  startedAt: string;
  groupDonation?: boolean;
  tubeIds: string[];
}

export type DonationState =
  | { status: 'NotStarted' }
  | ({ status: 'InProgress' } & DonationFacts)
  | ({ status: 'Completed'; endedAt: string } & DonationFacts)
  | ({ status: 'Aborted'; abortedAt: string } & DonationFacts);

export type StartedDonation = Exclude<DonationState, { status: 'NotStarted' }>;

export const initialDonationState: DonationState = { status: 'NotStarted' };

export const evolveDonation = (state: DonationState, event: DonationEvent): DonationState => {
  if (event.type === 'DonationStarted') {
    const {
      din,
      donorId,
      procedure,
      nominalVolumeMl,
      plateletDoses,
      siteId,
      siteType,
      bagLot,
      startedAt,
      groupDonation,
    } = event.data;
    return {
      status: 'InProgress',
      din,
      donorId,
      procedure,
      nominalVolumeMl,
      plateletDoses,
      siteId,
      siteType,
      bagLot,
      startedAt,
      groupDonation,
      tubeIds: [],
    };
  }
  if (state.status === 'NotStarted') return state;
  switch (event.type) {
    case 'DonationCompleted':
      return { ...state, status: 'Completed', endedAt: event.data.endedAt };
    case 'DonationAborted':
      return { ...state, status: 'Aborted', abortedAt: event.data.abortedAt };
    case 'DonorAdverseReactionRecorded':
      return state;
    case 'SampleTubesLabelled':
      return { ...state, tubeIds: [...state.tubeIds, ...event.data.tubeIds] };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
};
