import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import { BusinessTimeInFuture, LateEntryReasonRequired } from '@hemotrace/kernel';
import { CN_2019_COLLECTION } from '../profiles/collection-profile';
import type { CompleteDonation, StartDonation } from './donation.decide';
import { donationDecider } from './donation.decide';
import {
  DinAlreadyUsed,
  DonationNotFound,
  DonationNotInProgress,
  DonorNotEligible,
  InvalidCollectionParameters,
  InvalidDonationTimes,
  TubeAlreadyLinked,
  VolumeOutOfTolerance,
} from './donation.errors';
import type { DonationEvent } from './donation.events';

const given = DeciderSpecification.for(donationDecider);
const din = 'A999925000001';
const donorId = 'donor-1';
const at = '2025-03-10T09:00:00.000Z';
const profile = CN_2019_COLLECTION;

const start = (overrides: Partial<StartDonation> = {}): StartDonation => ({
  type: 'StartDonation',
  din,
  donorId,
  procedure: 'WHOLE_BLOOD',
  nominalVolumeMl: 400,
  siteId: 'BC-1-BUS-2',
  siteType: 'MOBILE_VEHICLE',
  bagLot: 'BAG-2025-001',
  operatorId: 'nurse-1',
  eligibility: { eligible: true, reasons: [] },
  profile,
  at,
  ...overrides,
});

const started = (
  overrides: Partial<Extract<DonationEvent, { type: 'DonationStarted' }>['data']> = {},
): DonationEvent => ({
  type: 'DonationStarted',
  data: {
    din,
    donorId,
    procedure: 'WHOLE_BLOOD',
    nominalVolumeMl: 400,
    siteId: 'BC-1-BUS-2',
    siteType: 'MOBILE_VEHICLE',
    bagLot: 'BAG-2025-001',
    operatorId: 'nurse-1',
    startedAt: at,
    ...overrides,
  },
});

const plateletsStarted = (doses = 2): DonationEvent =>
  started({ procedure: 'APHERESIS_PLATELETS', nominalVolumeMl: undefined, plateletDoses: doses });

const complete = (overrides: Partial<CompleteDonation> = {}): CompleteDonation => ({
  type: 'CompleteDonation',
  din,
  measuredVolumeMl: 395,
  startedAt: '2025-03-10T09:02:00.000Z',
  endedAt: '2025-03-10T09:10:00.000Z',
  profile,
  now: '2025-03-10T09:11:00.000Z',
  ...overrides,
});

const completed: DonationEvent = {
  type: 'DonationCompleted',
  data: {
    din,
    donorId,
    procedure: 'WHOLE_BLOOD',
    volumeMl: 400,
    startedAt: '2025-03-10T09:02:00.000Z',
    endedAt: '2025-03-10T09:10:00.000Z',
    siteId: 'BC-1-BUS-2',
    siteType: 'MOBILE_VEHICLE',
    bagLot: 'BAG-2025-001',
    measuredVolumeMl: 395,
  },
};

const aborted: DonationEvent = {
  type: 'DonationAborted',
  data: {
    din,
    donorId,
    procedure: 'WHOLE_BLOOD',
    reason: 'Vein collapsed',
    partialVolumeMl: 120,
    abortedAt: at,
  },
};

describe('starting a donation', () => {
  it('starts a 400 mL whole-blood donation for an eligible donor', () => {
    given([]).when(start()).then([started()]);
  });

  it('starts an apheresis platelet procedure aiming for 2 doses', () => {
    given([])
      .when(start({ procedure: 'APHERESIS_PLATELETS', nominalVolumeMl: undefined, plateletDoses: 2 }))
      .then([plateletsStarted(2)]);
  });

  it('starts an apheresis plasma procedure with neither bag volume nor doses', () => {
    given([])
      .when(start({ procedure: 'APHERESIS_PLASMA', nominalVolumeMl: undefined }))
      .then([started({ procedure: 'APHERESIS_PLASMA', nominalVolumeMl: undefined })]);
  });

  it('refuses a DIN that already identifies a donation', () => {
    given([started()]).when(start()).thenThrows(DinAlreadyUsed, 'COLLECTION.DIN_ALREADY_USED');
  });

  it('refuses a donor who is not eligible and passes the reasons on', () => {
    const reasons = [{ code: 'DONOR_DEFERRED', kind: 'TEMPORARY' }];
    given([])
      .when(start({ eligibility: { eligible: false, reasons } }))
      .thenThrows(DonorNotEligible, 'COLLECTION.DONOR_NOT_ELIGIBLE');
    expect(() =>
      donationDecider.decide(
        start({ eligibility: { eligible: false, reasons } }),
        donationDecider.initialState,
      ),
    ).toThrow(expect.objectContaining({ details: { donorId, reasons } }));
  });

  it.each([
    ['whole blood of 250 mL', { nominalVolumeMl: 250 }],
    ['whole blood without a bag volume', { nominalVolumeMl: undefined }],
    ['whole blood with platelet doses', { plateletDoses: 1 }],
    [
      'platelets with 3 doses',
      { procedure: 'APHERESIS_PLATELETS' as const, nominalVolumeMl: undefined, plateletDoses: 3 },
    ],
    ['platelets without doses', { procedure: 'APHERESIS_PLATELETS' as const, nominalVolumeMl: undefined }],
    ['plasma with a bag volume', { procedure: 'APHERESIS_PLASMA' as const, nominalVolumeMl: 400 }],
  ])('refuses %s', (_label, overrides) => {
    given([])
      .when(start(overrides))
      .thenThrows(InvalidCollectionParameters, 'COLLECTION.INVALID_PROCEDURE_PARAMETERS');
  });
});

describe('completing a donation', () => {
  it('records the nominal bag volume, the weighed volume and the times', () => {
    given([started()]).when(complete()).then([completed]);
  });

  it('takes the start time of the donation when none is given', () => {
    const events = donationDecider.decide(
      complete({ startedAt: undefined }),
      donationDecider.evolve(donationDecider.initialState, started()),
    );
    expect((events[0].data as { startedAt: string }).startedAt).toBe(at);
  });

  it('records the platelet doses obtained, which may be fewer than aimed for', () => {
    const events = donationDecider.decide(
      complete({ measuredVolumeMl: 250, plateletDoses: 1 }),
      donationDecider.evolve(donationDecider.initialState, plateletsStarted(2)),
    );
    expect(events[0].data).toMatchObject({
      procedure: 'APHERESIS_PLATELETS',
      volumeMl: 250,
      plateletDoses: 1,
    });
  });

  it('refuses platelet doses outside the profile', () => {
    given([plateletsStarted(2)])
      .when(complete({ measuredVolumeMl: 250, plateletDoses: 3 }))
      .thenThrows(InvalidCollectionParameters, 'COLLECTION.INVALID_PROCEDURE_PARAMETERS');
  });

  it('refuses a whole-blood volume more than 10% off the bag: that is a partial donation', () => {
    given([started()])
      .when(complete({ measuredVolumeMl: 350 }))
      .thenThrows(VolumeOutOfTolerance, 'COLLECTION.VOLUME_OUT_OF_TOLERANCE');
    given([started()])
      .when(complete({ measuredVolumeMl: 445 }))
      .thenThrows(VolumeOutOfTolerance, 'COLLECTION.VOLUME_OUT_OF_TOLERANCE');
  });

  it('refuses an end before the start', () => {
    given([started()])
      .when(complete({ startedAt: '2025-03-10T09:10:00.000Z', endedAt: '2025-03-10T09:02:00.000Z' }))
      .thenThrows(InvalidDonationTimes, 'COLLECTION.INVALID_TIMES');
  });

  it('refuses to complete an unknown donation', () => {
    given([]).when(complete()).thenThrows(DonationNotFound, 'COLLECTION.DONATION_NOT_FOUND');
  });

  it('refuses to complete a donation twice or after an abort', () => {
    given([started(), completed])
      .when(complete())
      .thenThrows(DonationNotInProgress, 'COLLECTION.DONATION_NOT_IN_PROGRESS');
    given([started(), aborted])
      .when(complete())
      .thenThrows(DonationNotInProgress, 'COLLECTION.DONATION_NOT_IN_PROGRESS');
  });
});

describe('aborting a donation', () => {
  it('records the reason and the partial volume', () => {
    given([started()])
      .when({ type: 'AbortDonation', din, reason: 'Vein collapsed', partialVolumeMl: 120, profile, at })
      .then([aborted]);
  });

  it('refuses to abort a completed donation', () => {
    given([started(), completed])
      .when({ type: 'AbortDonation', din, reason: 'x', partialVolumeMl: 0, profile, at })
      .thenThrows(DonationNotInProgress, 'COLLECTION.DONATION_NOT_IN_PROGRESS');
  });

  it('refuses to abort an unknown donation', () => {
    given([])
      .when({ type: 'AbortDonation', din, reason: 'x', partialVolumeMl: 0, profile, at })
      .thenThrows(DonationNotFound, 'COLLECTION.DONATION_NOT_FOUND');
  });
});

describe('recording a donor adverse reaction', () => {
  it('records a reaction even after the donation was completed', () => {
    given([started(), completed])
      .when({
        type: 'RecordAdverseReaction',
        din,
        reactionType: 'VASOVAGAL',
        severity: 'MILD',
        occurredAt: '2025-03-10T09:20:00.000Z',
        profile,
        now: '2025-03-10T09:25:00.000Z',
      })
      .then([
        {
          type: 'DonorAdverseReactionRecorded',
          data: {
            din,
            donorId,
            reactionType: 'VASOVAGAL',
            severity: 'MILD',
            occurredAt: '2025-03-10T09:20:00.000Z',
          },
        },
      ]);
  });

  it('refuses a reaction before the donation started', () => {
    given([started()])
      .when({
        type: 'RecordAdverseReaction',
        din,
        reactionType: 'HEMATOMA',
        severity: 'MODERATE',
        occurredAt: '2025-03-10T08:00:00.000Z',
        profile,
        now: at,
      })
      .thenThrows(InvalidDonationTimes, 'COLLECTION.INVALID_TIMES');
  });

  it('refuses a reaction to an unknown donation', () => {
    given([])
      .when({
        type: 'RecordAdverseReaction',
        din,
        reactionType: 'CITRATE',
        severity: 'SEVERE',
        occurredAt: at,
        profile,
        now: at,
      })
      .thenThrows(DonationNotFound, 'COLLECTION.DONATION_NOT_FOUND');
  });
});

describe('labelling sample tubes', () => {
  it('links the tubes to the DIN', () => {
    given([started()])
      .when({ type: 'LabelSampleTubes', din, tubeIds: ['T1', 'T2'], at })
      .then([{ type: 'SampleTubesLabelled', data: { din, donorId, tubeIds: ['T1', 'T2'], labelledAt: at } }]);
  });

  it('refuses a tube already linked to this DIN', () => {
    given([
      started(),
      { type: 'SampleTubesLabelled', data: { din, donorId, tubeIds: ['T1'], labelledAt: at } },
    ])
      .when({ type: 'LabelSampleTubes', din, tubeIds: ['T2', 'T1'], at })
      .thenThrows(TubeAlreadyLinked, 'COLLECTION.TUBE_ALREADY_LINKED');
  });

  it('refuses tubes for an unknown donation', () => {
    given([])
      .when({ type: 'LabelSampleTubes', din, tubeIds: ['T1'], at })
      .thenThrows(DonationNotFound, 'COLLECTION.DONATION_NOT_FOUND');
  });
});

describe('business time of collection facts', () => {
  const threeDaysLater = '2025-03-13T09:30:00.000Z';

  it('starts at the stated venipuncture time, not the time of entry', () => {
    given([])
      .when(start({ startedAt: '2025-03-10T08:40:00.000Z', at: '2025-03-10T09:00:00.000Z' }))
      .then([started({ startedAt: '2025-03-10T08:40:00.000Z' })]);
  });

  it('refuses a start more than 5 minutes in the future', () => {
    given([])
      .when(start({ startedAt: '2025-03-10T09:06:00.000Z' }))
      .thenThrows(BusinessTimeInFuture, 'COLLECTION.BUSINESS_TIME_IN_FUTURE');
  });

  it('needs a reason to enter a start three days late, and keeps it with the delay', () => {
    given([])
      .when(start({ startedAt: at, at: threeDaysLater }))
      .thenThrows(LateEntryReasonRequired, 'COLLECTION.LATE_ENTRY_REASON_REQUIRED');
    given([])
      .when(start({ startedAt: at, at: threeDaysLater, lateEntryReason: 'Mobile unit paper log' }))
      .then([started({ lateEntry: { reason: 'Mobile unit paper log', delayMinutes: 3 * 24 * 60 + 30 } })]);
  });

  it('refuses a completion entered days late without a reason', () => {
    given([started()])
      .when(complete({ now: threeDaysLater }))
      .thenThrows(LateEntryReasonRequired, 'COLLECTION.LATE_ENTRY_REASON_REQUIRED');
  });

  it('refuses a completion whose needle-out is in the future', () => {
    given([started()])
      .when(complete({ endedAt: '2025-03-10T09:30:00.000Z', now: '2025-03-10T09:11:00.000Z' }))
      .thenThrows(BusinessTimeInFuture, 'COLLECTION.BUSINESS_TIME_IN_FUTURE');
  });

  it('aborts at the stated time, and refuses one before the start', () => {
    given([started()])
      .when({
        type: 'AbortDonation',
        din,
        reason: 'Vein collapsed',
        partialVolumeMl: 120,
        abortedAt: '2025-03-10T09:04:00.000Z',
        profile,
        at: '2025-03-10T10:00:00.000Z',
      })
      .then([
        { ...aborted, data: { ...aborted.data, abortedAt: '2025-03-10T09:04:00.000Z' } } as DonationEvent,
      ]);
    given([started()])
      .when({
        type: 'AbortDonation',
        din,
        reason: 'Vein collapsed',
        partialVolumeMl: 120,
        abortedAt: '2025-03-10T08:59:00.000Z',
        profile,
        at,
      })
      .thenThrows(InvalidDonationTimes, 'COLLECTION.INVALID_TIMES');
  });
});
