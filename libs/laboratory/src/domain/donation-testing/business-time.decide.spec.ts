import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import { BusinessTimeInFuture, BusinessTimesOutOfOrder, LateEntryReasonRequired } from '@hemotrace/kernel';
import { donationTestingDecider } from './donation-testing.decide';
import type { DonationTestingEvent } from './donation-testing.events';
import {
  allMarkersNonReactive,
  antibodyScreenNegative,
  conclude,
  DIN,
  DONOR,
  groupConfirmed,
  markerCommand,
  NOW,
  RECEIVED_AT,
  receive,
  sampleReceived,
} from './donation-testing.fixtures';

const given = DeciderSpecification.for(donationTestingDecider);
const qualifiable = [
  sampleReceived(),
  antibodyScreenNegative,
  ...allMarkersNonReactive(),
  ...groupConfirmed('A', 'POS'),
];

describe('business time of laboratory facts', () => {
  it('refuses a result tested before the sample was received', () => {
    given([sampleReceived()])
      .when(
        markerCommand('HIV', 'ELISA', 'KitMakerA', 'NON_REACTIVE', { testedAt: '2026-03-01T09:59:00.000Z' }),
      )
      .thenThrows(BusinessTimesOutOfOrder, 'LAB.BUSINESS_TIMES_OUT_OF_ORDER');
  });

  it('refuses a result more than 5 minutes in the future', () => {
    given([sampleReceived()])
      .when(
        markerCommand('HIV', 'ELISA', 'KitMakerA', 'NON_REACTIVE', { testedAt: '2026-03-02T09:06:00.000Z' }),
      )
      .thenThrows(BusinessTimeInFuture, 'LAB.BUSINESS_TIME_IN_FUTURE');
  });

  it('concludes at the stated time, which the qualification carries', () => {
    given(qualifiable)
      .when({ ...conclude(), concludedAt: '2026-03-02T09:30:00.000Z', now: '2026-03-02T12:00:00.000Z' })
      .then([
        {
          type: 'DonationQualified',
          data: {
            din: DIN,
            donorId: DONOR,
            bloodGroup: { abo: 'A', rhd: 'POS' },
            antibodyScreen: { result: 'NEGATIVE' },
            qualifiedAt: '2026-03-02T09:30:00.000Z',
            testedAt: NOW,
          },
        },
      ]);
  });

  it('refuses a conclusion before the latest result it rests on', () => {
    given(qualifiable)
      .when({ ...conclude(), concludedAt: '2026-03-02T08:59:00.000Z' })
      .thenThrows(BusinessTimesOutOfOrder, 'LAB.BUSINESS_TIMES_OUT_OF_ORDER');
  });

  it('needs a reason for a conclusion entered three days after it was reached', () => {
    given(qualifiable)
      .when({ ...conclude(), concludedAt: NOW, now: '2026-03-05T09:00:00.000Z' })
      .thenThrows(LateEntryReasonRequired, 'LAB.LATE_ENTRY_REASON_REQUIRED');
  });

  it('records a late sample receipt with its reason and delay', () => {
    given([])
      .when(
        receive({
          now: '2026-03-03T10:00:00.000Z',
          lateEntryReason: 'LIS outage, entered from the log book',
        }),
      )
      .then([
        {
          ...(sampleReceived() as Extract<DonationTestingEvent, { type: 'SampleReceived' }>),
          data: {
            ...(sampleReceived() as Extract<DonationTestingEvent, { type: 'SampleReceived' }>).data,
            receivedAt: RECEIVED_AT,
            lateEntry: { reason: 'LIS outage, entered from the log book', delayMinutes: 48 * 60 },
          },
        },
      ]);
  });
});
