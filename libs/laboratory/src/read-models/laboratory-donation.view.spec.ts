import type { DonationTestingEvent } from '../domain/donation-testing/donation-testing.events';
import {
  allMarkersNonReactive,
  antibodyScreenNegative,
  DIN,
  DONOR,
  determined,
  groupConfirmed,
  markerRecorded,
  NOW,
  sampleReceived,
} from '../domain/donation-testing/donation-testing.fixtures';
import { evolve, initialDonationTesting } from '../domain/donation-testing/donation-testing.state';
import { awaitingSample, foldTestingView, viewOfDecided } from './laboratory-donation.view';

const discrepancy: DonationTestingEvent = {
  type: 'BloodGroupDiscrepancyFound',
  data: { din: DIN, kind: 'FORWARD_REVERSE', forward: 'A', reverse: 'B', rhd: 'POS', foundAt: NOW },
};
const qualified: DonationTestingEvent = {
  type: 'DonationQualified',
  data: { din: DIN, donorId: DONOR, bloodGroup: { abo: 'O', rhd: 'NEG' }, qualifiedAt: NOW },
};
const rejected: DonationTestingEvent = {
  type: 'DonationRejected',
  data: { din: DIN, donorId: DONOR, reactiveMarkers: ['HCV'], rejectedAt: NOW },
};
const corrected: DonationTestingEvent = {
  type: 'ResultCorrected',
  data: {
    din: DIN,
    resultId: 'alt-1',
    marker: 'ALT',
    previous: { interpretation: 'NON_REACTIVE', value: 20 },
    corrected: { interpretation: 'REACTIVE', value: 95 },
    reason: 'Transcription error',
    verifiedBy: 'lab-2',
    correctedAt: NOW,
  },
};
const amended: DonationTestingEvent = {
  type: 'ConclusionAmended',
  data: {
    din: DIN,
    previousOutcome: 'QUALIFIED',
    outcome: 'REJECTED',
    reactiveMarkers: ['ALT'],
    reason: 'ALT corrected',
    amendedAt: '2026-03-03T09:00:00.000Z',
  },
};
const confirmatory: DonationTestingEvent[] = [
  {
    type: 'ConfirmatoryResultRecorded',
    data: {
      din: DIN,
      marker: 'HCV',
      method: 'IMMUNOBLOT',
      reagent: { manufacturer: 'BlotMaker', lot: 'BLOT-1' },
      result: 'POSITIVE',
      testedAt: NOW,
    },
  },
  { type: 'DonorConfirmedPositive', data: { din: DIN, donorId: DONOR, marker: 'HCV', confirmedAt: NOW } },
];

const HISTORIES: Record<string, DonationTestingEvent[]> = {
  'an unacceptable sample': [sampleReceived('HAEMOLYSED')],
  'an unacceptable sample, then an acceptable one': [sampleReceived('HAEMOLYSED'), sampleReceived()],
  'a group discrepancy': [
    sampleReceived(),
    discrepancy,
    markerRecorded('HIV', 'ELISA', 'KitMakerA', 'REACTIVE'),
  ],
  'a discrepancy resolved': [sampleReceived(), discrepancy, ...groupConfirmed('O', 'NEG')],
  'a qualification': [
    sampleReceived(),
    ...groupConfirmed('O', 'NEG'),
    antibodyScreenNegative,
    {
      type: 'PhenotypeRecorded',
      data: { din: DIN, phenotype: { K: 'NEG' }, method: 'GEL_CARD', reagentLot: 'PH-1', testedAt: NOW },
    },
    ...allMarkersNonReactive(),
    qualified,
  ],
  'a qualification amended to a rejection': [
    sampleReceived(),
    ...groupConfirmed('O', 'NEG'),
    ...allMarkersNonReactive(),
    qualified,
    corrected,
    amended,
  ],
  'a rejection confirmed positive': [
    sampleReceived(),
    determined('A', 'B', 'POS'),
    markerRecorded('HCV', 'ELISA', 'KitMakerA', 'REACTIVE', { poolId: 'P-1' }),
    rejected,
    ...confirmatory,
  ],
};

describe("the laboratory read model's own view of a donation's testing", () => {
  it.each(Object.entries(HISTORIES))(
    'is what the decider decided, mapped to the view, after %s',
    (_name, events) => {
      const folded = events.reduce(foldTestingView, awaitingSample);
      const decided = events.reduce(evolve, initialDonationTesting);
      expect(folded).toEqual(viewOfDecided(decided));
    },
  );

  it('holds a donation while its group is discrepant and releases it once confirmed', () => {
    const held = [sampleReceived(), discrepancy].reduce(foldTestingView, awaitingSample);
    expect(held.status).toBe('ON_HOLD');
    expect(groupConfirmed('A', 'POS').reduce(foldTestingView, held)).toMatchObject({
      status: 'IN_TESTING',
      bloodGroup: { confirmed: { abo: 'A', rhd: 'POS' }, discrepancy: null },
    });
  });

  it('rejects a qualified donation whose conclusion was amended, from the amendment on', () => {
    const view = HISTORIES['a qualification amended to a rejection'].reduce(foldTestingView, awaitingSample);
    expect(view.status).toBe('REJECTED');
    expect(view.conclusion).toEqual({
      outcome: 'REJECTED',
      reactiveMarkers: ['ALT'],
      at: '2026-03-03T09:00:00.000Z',
    });
    expect(view.results.find((r) => r.resultId === 'alt-1')).toMatchObject({
      interpretation: 'REACTIVE',
      value: 95,
      corrected: true,
    });
  });
});
