import type { Procedure } from '@hemotrace/kernel';
import type { DonorDonationsEvent } from './donor-donations.events';

export interface DonorDonations {
  inProgress: { din: string; procedure: Procedure; startedAt: string } | null;
  /** Completed donations, for the intervals. */
  completed: { din: string; procedure: Procedure; endedAt: string }[];
}

export const initialDonorDonations: DonorDonations = { inProgress: null, completed: [] };

export const evolveDonorDonations = (state: DonorDonations, event: DonorDonationsEvent): DonorDonations => {
  switch (event.type) {
    case 'DonorDonationStarted': {
      const { din, procedure, startedAt } = event.data;
      return { ...state, inProgress: { din, procedure, startedAt } };
    }
    case 'DonorDonationEnded': {
      const { din, procedure, outcome, endedAt } = event.data;
      return {
        inProgress: state.inProgress?.din === din ? null : state.inProgress,
        completed:
          outcome === 'COMPLETED' ? [...state.completed, { din, procedure, endedAt }] : state.completed,
      };
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
};
