import type { Procedure } from '@hemotrace/kernel';

/**
 * `DonorDonations-<donorId>`: collection's register of one donor's donations, written before the
 * donation stream, so the one-in-progress and interval rules are decided on one stream.
 */
export interface DonorDonationStarted {
  type: 'DonorDonationStarted';
  data: { donorId: string; din: string; procedure: Procedure; startedAt: string };
}

export interface DonorDonationEnded {
  type: 'DonorDonationEnded';
  data: {
    donorId: string;
    din: string;
    procedure: Procedure;
    /** RELEASED: the reservation's donation was never recorded (its DIN was taken meanwhile). */
    outcome: 'COMPLETED' | 'ABORTED' | 'RELEASED';
    endedAt: string;
  };
}

export type DonorDonationsEvent = DonorDonationStarted | DonorDonationEnded;
