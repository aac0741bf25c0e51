import type { Decider } from '@hemotrace/event-sourcing';
import type { Procedure } from '@hemotrace/kernel';
import { DonationAlreadyInProgress, DonationIntervalNotRespected } from '../donation/donation.errors';
import type { DonorDonationsEvent } from './donor-donations.events';
import type { DonationInterval } from './donor-donations.rules';
import { donorHasNoDonationInProgress, nextDonationAllowedAt } from './donor-donations.rules';
import type { DonorDonations } from './donor-donations.state';
import { evolveDonorDonations, initialDonorDonations } from './donor-donations.state';

export interface ReserveDonation {
  type: 'ReserveDonation';
  donorId: string;
  din: string;
  procedure: Procedure;
  startedAt: string;
  intervals: readonly DonationInterval[];
}

export interface EndDonation {
  type: 'EndDonation';
  donorId: string;
  din: string;
  procedure: Procedure;
  outcome: 'COMPLETED' | 'ABORTED' | 'RELEASED';
  endedAt: string;
}

export type DonorDonationsCommand = ReserveDonation | EndDonation;

export const reserveDonation = (cmd: ReserveDonation, state: DonorDonations): DonorDonationsEvent[] => {
  if (!donorHasNoDonationInProgress(state, cmd.din)) {
    throw new DonationAlreadyInProgress(cmd.donorId, state.inProgress!.din);
  }
  /* A retried start of the same DIN finds its reservation and adds nothing. */
  if (state.inProgress?.din === cmd.din) return [];
  const allowedFrom = nextDonationAllowedAt(state, cmd.procedure, cmd.intervals);
  if (allowedFrom !== null && cmd.startedAt < allowedFrom) {
    throw new DonationIntervalNotRespected(cmd.donorId, cmd.procedure, cmd.startedAt, allowedFrom);
  }
  const { donorId, din, procedure, startedAt } = cmd;
  return [{ type: 'DonorDonationStarted', data: { donorId, din, procedure, startedAt } }];
};

/** Donations started before the register existed have no reservation: their end adds nothing. */
export const endDonation = (cmd: EndDonation, state: DonorDonations): DonorDonationsEvent[] => {
  if (state.inProgress?.din !== cmd.din) return [];
  const { donorId, din, procedure, outcome, endedAt } = cmd;
  return [{ type: 'DonorDonationEnded', data: { donorId, din, procedure, outcome, endedAt } }];
};

export const donorDonationsDecider: Decider<DonorDonationsCommand, DonorDonationsEvent, DonorDonations> = {
  initialState: initialDonorDonations,
  evolve: evolveDonorDonations,
  decide: (command, state) => {
    switch (command.type) {
      case 'ReserveDonation':
        return reserveDonation(command, state);
      case 'EndDonation':
        return endDonation(command, state);
      default: {
        const unhandled: never = command;
        throw new Error(`Unknown command ${JSON.stringify(unhandled)}`);
      }
    }
  },
};
