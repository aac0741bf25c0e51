import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import { DonationAlreadyInProgress, DonationIntervalNotRespected } from '../donation/donation.errors';
import type { ReserveDonation } from './donor-donations.decide';
import { donorDonationsDecider } from './donor-donations.decide';
import type { DonorDonationsEvent } from './donor-donations.events';
import type { DonationInterval } from './donor-donations.rules';

const given = DeciderSpecification.for(donorDonationsDecider);
const donorId = 'donor-1';
const intervals: DonationInterval[] = [
  { after: 'WHOLE_BLOOD', before: 'WHOLE_BLOOD', months: 6 },
  { after: 'APHERESIS_PLATELETS', before: 'APHERESIS_PLATELETS', days: 14 },
];

const reserve = (din: string, startedAt: string, procedure: ReserveDonation['procedure'] = 'WHOLE_BLOOD') =>
  ({ type: 'ReserveDonation', donorId, din, procedure, startedAt, intervals }) as const;
const started = (din: string, startedAt: string): DonorDonationsEvent => ({
  type: 'DonorDonationStarted',
  data: { donorId, din, procedure: 'WHOLE_BLOOD', startedAt },
});
const ended = (
  din: string,
  endedAt: string,
  outcome: 'COMPLETED' | 'ABORTED' = 'COMPLETED',
): DonorDonationsEvent => ({
  type: 'DonorDonationEnded',
  data: { donorId, din, procedure: 'WHOLE_BLOOD', outcome, endedAt },
});

describe("the donor's register of donations", () => {
  it('reserves a first donation', () => {
    given([])
      .when(reserve('A1', '2026-01-10T08:00:00.000Z'))
      .then([started('A1', '2026-01-10T08:00:00.000Z')]);
  });

  it('refuses a second donation while one is in progress', () => {
    given([started('A1', '2026-01-10T08:00:00.000Z')])
      .when(reserve('A2', '2026-01-10T08:05:00.000Z'))
      .thenThrows(DonationAlreadyInProgress, 'COLLECTION.DONATION_IN_PROGRESS');
  });

  it('adds nothing when the same DIN is reserved again (a retry)', () => {
    given([started('A1', '2026-01-10T08:00:00.000Z')])
      .when(reserve('A1', '2026-01-10T08:00:00.000Z'))
      .thenNothingHappens();
  });

  it('refuses whole blood earlier than 6 months after the last whole blood ended, counted on business time', () => {
    given([started('A1', '2026-01-10T08:00:00.000Z'), ended('A1', '2026-01-10T08:09:00.000Z')])
      .when(reserve('A2', '2026-07-10T08:08:59.000Z'))
      .thenThrows(DonationIntervalNotRespected, 'COLLECTION.DONATION_INTERVAL_NOT_RESPECTED');
    given([started('A1', '2026-01-10T08:00:00.000Z'), ended('A1', '2026-01-10T08:09:00.000Z')])
      .when(reserve('A2', '2026-07-10T08:09:00.000Z'))
      .then([started('A2', '2026-07-10T08:09:00.000Z')]);
  });

  it('does not count an aborted donation for the interval', () => {
    given([started('A1', '2026-01-10T08:00:00.000Z'), ended('A1', '2026-01-10T08:03:00.000Z', 'ABORTED')])
      .when(reserve('A2', '2026-01-11T08:00:00.000Z'))
      .then([started('A2', '2026-01-11T08:00:00.000Z')]);
  });

  it('ignores the end of a donation it never reserved (started before the register existed)', () => {
    given([])
      .when({
        type: 'EndDonation',
        donorId,
        din: 'OLD',
        procedure: 'WHOLE_BLOOD',
        outcome: 'COMPLETED',
        endedAt: '2025-01-01T00:00:00.000Z',
      })
      .thenNothingHappens();
  });
});
