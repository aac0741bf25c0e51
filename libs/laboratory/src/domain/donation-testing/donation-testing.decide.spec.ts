import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import { DEFAULT_BUSINESS_TIME_POLICY } from '@hemotrace/kernel';
import type { DonorConfirmedPositive } from './donation-testing.events';
import { CN_2019_LABORATORY } from '../profiles';
import type { RecordConfirmatoryResult, RecordPhenotype } from './donation-testing.commands';
import { donationTestingDecider } from './donation-testing.decide';
import {
  BloodGroupNotConfirmed,
  ConfirmatoryNotApplicable,
  CorrectionChangesNothing,
  CorrectionNeedsSecondPerson,
  PhenotypeConflict,
  ResultNotFound,
  SampleAlreadyReceived,
  SampleNotReceived,
  SampleReceivedBeforeCollection,
  TestingAlreadyConcluded,
  TestingIncomplete,
} from './donation-testing.errors';
import type { DonationTestingEvent } from './donation-testing.events';
import {
  allMarkersNonReactive,
  antibodyScreenNegative,
  COLLECTED_AT,
  conclude,
  correct,
  determine,
  determined,
  DIN,
  DONOR,
  groupConfirmed,
  lab,
  markerCommand,
  markerRecorded,
  NOW,
  receive,
  sampleReceived,
} from './donation-testing.fixtures';

const given = DeciderSpecification.for(donationTestingDecider);

const qualified: DonationTestingEvent = {
  type: 'DonationQualified',
  data: {
    din: DIN,
    donorId: DONOR,
    bloodGroup: { abo: 'A', rhd: 'POS' },
    antibodyScreen: { result: 'NEGATIVE' },
    qualifiedAt: NOW,
    testedAt: NOW,
  },
};

describe('receiving a sample', () => {
  it('records where it arrived, after how long and in what condition', () => {
    given([]).when(receive()).then([sampleReceived()]);
  });

  it('accepts a new sample after one arrived haemolysed', () => {
    given([sampleReceived('HAEMOLYSED')])
      .when(receive())
      .then([sampleReceived()]);
  });

  it('refuses a second sample once one is in testing', () => {
    given([sampleReceived()])
      .when(receive())
      .thenThrows(SampleAlreadyReceived, 'LAB.SAMPLE_ALREADY_RECEIVED');
  });

  it('refuses a receipt time before the collection', () => {
    given([])
      .when(
        receive({
          receivedAt: '2026-03-01T07:00:00.000Z',
          donation: { donorId: DONOR, collectedAt: COLLECTED_AT },
        }),
      )
      .thenThrows(SampleReceivedBeforeCollection, 'LAB.RECEIVED_BEFORE_COLLECTION');
  });
});

describe('confirming the ABO/RhD group', () => {
  it('waits for a second determination when the donor has no history', () => {
    given([sampleReceived()])
      .when(determine('A', 'A', 'POS'))
      .then([determined('A', 'A', 'POS')]);
  });

  it('confirms with two concordant determinations', () => {
    given([sampleReceived(), determined('O', 'O', 'NEG')])
      .when(determine('O', 'O', 'NEG'))
      .then([
        determined('O', 'O', 'NEG'),
        {
          type: 'BloodGroupConfirmed',
          data: {
            din: DIN,
            bloodGroup: { abo: 'O', rhd: 'NEG' },
            basis: 'TWO_DETERMINATIONS',
            confirmedAt: NOW,
          },
        },
      ]);
  });

  it('confirms one determination that agrees with the donor history', () => {
    given([sampleReceived()])
      .when(determine('B', 'B', 'POS', { abo: 'B', rhd: 'POS' }))
      .then([
        determined('B', 'B', 'POS'),
        {
          type: 'BloodGroupConfirmed',
          data: { din: DIN, bloodGroup: { abo: 'B', rhd: 'POS' }, basis: 'DONOR_HISTORY', confirmedAt: NOW },
        },
      ]);
  });

  it('holds the donation on a forward/reverse discrepancy', () => {
    given([sampleReceived()])
      .when(determine('A', 'O', 'POS'))
      .then([
        determined('A', 'O', 'POS'),
        {
          type: 'BloodGroupDiscrepancyFound',
          data: { din: DIN, kind: 'FORWARD_REVERSE', forward: 'A', reverse: 'O', rhd: 'POS', foundAt: NOW },
        },
      ]);
  });

  it('holds the donation when the group disagrees with the donor history', () => {
    given([sampleReceived()])
      .when(determine('A', 'A', 'NEG', { abo: 'A', rhd: 'POS' }))
      .then([
        determined('A', 'A', 'NEG'),
        {
          type: 'BloodGroupDiscrepancyFound',
          data: {
            din: DIN,
            kind: 'DONOR_HISTORY',
            forward: 'A',
            reverse: 'A',
            rhd: 'NEG',
            expected: { abo: 'A', rhd: 'POS' },
            foundAt: NOW,
          },
        },
      ]);
  });

  it('holds the donation when two determinations disagree', () => {
    given([sampleReceived(), determined('A', 'A', 'POS')])
      .when(determine('B', 'B', 'POS'))
      .then([
        determined('B', 'B', 'POS'),
        expect.objectContaining({
          type: 'BloodGroupDiscrepancyFound',
          data: expect.objectContaining({
            kind: 'DETERMINATIONS_DISAGREE',
            expected: { abo: 'A', rhd: 'POS' },
          }),
        }),
      ]);
  });

  it('un-confirms a confirmed group when a later determination disagrees', () => {
    given([sampleReceived(), ...groupConfirmed('A', 'POS')])
      .when(determine('A', 'A', 'NEG'))
      .then([determined('A', 'A', 'NEG'), expect.objectContaining({ type: 'BloodGroupDiscrepancyFound' })]);
  });

  it('does not let determinations before a hold count towards its resolution', () => {
    given([
      sampleReceived(),
      determined('A', 'A', 'POS'),
      determined('A', 'B', 'POS'),
      {
        type: 'BloodGroupDiscrepancyFound',
        data: { din: DIN, kind: 'FORWARD_REVERSE', forward: 'A', reverse: 'B', rhd: 'POS', foundAt: NOW },
      },
    ])
      .when(determine('A', 'A', 'POS'))
      .then([determined('A', 'A', 'POS')]);
  });

  it('refuses to qualify while a discrepancy holds the donation', () => {
    given([
      sampleReceived(),
      antibodyScreenNegative,
      ...allMarkersNonReactive(),
      determined('A', 'O', 'POS'),
      {
        type: 'BloodGroupDiscrepancyFound',
        data: { din: DIN, kind: 'FORWARD_REVERSE', forward: 'A', reverse: 'O', rhd: 'POS', foundAt: NOW },
      },
    ])
      .when(conclude())
      .thenThrows(BloodGroupNotConfirmed, 'LAB.BLOOD_GROUP_NOT_CONFIRMED');
  });

  it('qualifies once new determinations resolve the discrepancy', () => {
    given([
      sampleReceived(),
      antibodyScreenNegative,
      ...allMarkersNonReactive(),
      determined('A', 'O', 'POS'),
      {
        type: 'BloodGroupDiscrepancyFound',
        data: { din: DIN, kind: 'FORWARD_REVERSE', forward: 'A', reverse: 'O', rhd: 'POS', foundAt: NOW },
      },
      ...groupConfirmed('A', 'POS'),
    ])
      .when(conclude())
      .then([qualified]);
  });

  it('refuses to qualify with a single determination and no history', () => {
    given([sampleReceived(), antibodyScreenNegative, ...allMarkersNonReactive(), determined('A', 'A', 'POS')])
      .when(conclude())
      .thenThrows(BloodGroupNotConfirmed, 'LAB.BLOOD_GROUP_NOT_CONFIRMED');
  });
});

describe('extended red-cell phenotype', () => {
  const phenotype = (typed: RecordPhenotype['phenotype']): RecordPhenotype => ({
    type: 'RecordPhenotype',
    din: DIN,
    actor: lab,
    now: NOW,
    timePolicy: DEFAULT_BUSINESS_TIME_POLICY,
    phenotype: typed,
    method: 'GEL_CARD',
    reagentLot: 'PH-1',
    testedAt: NOW,
  });
  const recorded = (typed: RecordPhenotype['phenotype']): DonationTestingEvent => ({
    type: 'PhenotypeRecorded',
    data: { din: DIN, phenotype: typed, method: 'GEL_CARD', reagentLot: 'PH-1', testedAt: NOW },
  });

  it('records typed antigens', () => {
    given([sampleReceived()])
      .when(phenotype({ E: 'NEG', Fya: 'NEG' }))
      .then([recorded({ E: 'NEG', Fya: 'NEG' })]);
  });

  it('refuses an antigen typed differently before', () => {
    given([sampleReceived(), recorded({ E: 'NEG' })])
      .when(phenotype({ E: 'POS' }))
      .thenThrows(PhenotypeConflict, 'LAB.PHENOTYPE_CONFLICT');
  });

  it('carries the phenotype into the qualification for the rare-donor registry', () => {
    given([
      sampleReceived(),
      ...groupConfirmed('AB', 'POS'),
      antibodyScreenNegative,
      ...allMarkersNonReactive(),
      recorded({ E: 'NEG' }),
      recorded({ Fya: 'NEG' }),
    ])
      .when(conclude())
      .then([
        {
          type: 'DonationQualified',
          data: {
            din: DIN,
            donorId: DONOR,
            bloodGroup: { abo: 'AB', rhd: 'POS' },
            phenotype: { E: 'NEG', Fya: 'NEG' },
            antibodyScreen: { result: 'NEGATIVE' },
            qualifiedAt: NOW,
            testedAt: NOW,
          },
        },
      ]);
  });
});

describe('concluding donation testing', () => {
  const ready = [sampleReceived(), ...groupConfirmed('A', 'POS'), antibodyScreenNegative];

  it("qualifies a donation whose confirmed group is the donor's group on record", () => {
    given([...ready, ...allMarkersNonReactive()])
      .when({ ...conclude(), groupOnRecord: { abo: 'A', rhd: 'POS' } })
      .then([qualified]);
  });

  it('holds instead of qualifying a donation confirmed as another group than the one on record', () => {
    given([...ready, ...allMarkersNonReactive()])
      .when({ ...conclude(), groupOnRecord: { abo: 'A', rhd: 'NEG' } })
      .then([
        {
          type: 'BloodGroupDiscrepancyFound',
          data: {
            din: DIN,
            kind: 'DONOR_HISTORY',
            forward: 'A',
            reverse: 'A',
            rhd: 'POS',
            expected: { abo: 'A', rhd: 'NEG' },
            foundAt: NOW,
          },
        },
      ]);
  });

  it('rejects a reactive donation whatever the group on record says', () => {
    given([
      ...ready,
      ...allMarkersNonReactive(['HIV']),
      markerRecorded('HIV', 'ELISA', 'KitMakerA', 'REACTIVE'),
      markerRecorded('HIV', 'ELISA', 'KitMakerA', 'REACTIVE', { testRole: 'RETEST' }),
    ])
      .when({ ...conclude(), groupOnRecord: { abo: 'B', rhd: 'POS' } })
      .then([
        {
          type: 'DonationRejected',
          data: { din: DIN, donorId: DONOR, reactiveMarkers: ['HIV'], rejectedAt: NOW },
        },
      ]);
  });

  it('qualifies with every mandatory marker non-reactive and the group confirmed', () => {
    given([...ready, ...allMarkersNonReactive()])
      .when(conclude())
      .then([
        {
          type: 'DonationQualified',
          data: {
            din: DIN,
            donorId: DONOR,
            bloodGroup: { abo: 'A', rhd: 'POS' },
            antibodyScreen: { result: 'NEGATIVE' },
            qualifiedAt: NOW,
            testedAt: NOW,
          },
        },
      ]);
  });

  it('rejects and names every reactive marker, even with the group unconfirmed', () => {
    given([
      sampleReceived(),
      ...allMarkersNonReactive(['HIV', 'SYPHILIS']),
      markerRecorded('HIV', 'ELISA', 'KitMakerA', 'REACTIVE'),
      markerRecorded('HIV', 'ELISA', 'KitMakerA', 'REACTIVE', { testRole: 'RETEST' }),
      markerRecorded('HIV', 'ELISA', 'KitMakerA', 'REACTIVE', { testRole: 'RETEST' }),
      markerRecorded('SYPHILIS', 'ELISA', 'KitMakerA', 'REACTIVE'),
      markerRecorded('SYPHILIS', 'ELISA', 'KitMakerA', 'REACTIVE', { testRole: 'RETEST' }),
    ])
      .when(conclude())
      .then([
        {
          type: 'DonationRejected',
          data: { din: DIN, donorId: DONOR, reactiveMarkers: ['HIV', 'SYPHILIS'], rejectedAt: NOW },
        },
      ]);
  });

  it('refuses to conclude before every mandatory marker is concluded, listing them', () => {
    let thrown: unknown;
    try {
      donationTestingDecider.decide(
        conclude(),
        [...ready, ...twoOf(['HIV'])].reduce(
          donationTestingDecider.evolve,
          donationTestingDecider.initialState,
        ),
      );
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TestingIncomplete);
    expect((thrown as TestingIncomplete).details).toMatchObject({
      missing: ['HBV', 'HCV', 'SYPHILIS', 'ALT'],
    });
  });

  it('refuses to conclude twice', () => {
    given([...ready, ...allMarkersNonReactive(), qualified])
      .when(conclude())
      .thenThrows(TestingAlreadyConcluded, 'LAB.TESTING_ALREADY_CONCLUDED');
  });

  it('refuses new results after conclusion', () => {
    given([...ready, ...allMarkersNonReactive(), qualified])
      .when(markerCommand('HIV', 'NAT_SINGLE', 'NatMaker', 'NON_REACTIVE'))
      .thenThrows(TestingAlreadyConcluded, 'LAB.TESTING_ALREADY_CONCLUDED');
  });

  it('refuses to conclude a donation whose sample never arrived', () => {
    given([]).when(conclude()).thenThrows(SampleNotReceived, 'LAB.SAMPLE_NOT_RECEIVED');
  });
});

const twoOf = (markers: ('HIV' | 'HBV' | 'HCV')[]): DonationTestingEvent[] =>
  markers.flatMap((m) => [
    markerRecorded(m, 'ELISA', 'KitMakerA', 'NON_REACTIVE'),
    markerRecorded(m, 'ELISA', 'KitMakerB', 'NON_REACTIVE'),
  ]);

describe('confirmatory testing', () => {
  const confirmatory = (
    marker: RecordConfirmatoryResult['marker'],
    result: RecordConfirmatoryResult['result'],
  ): RecordConfirmatoryResult => ({
    type: 'RecordConfirmatoryResult',
    din: DIN,
    actor: lab,
    now: NOW,
    timePolicy: DEFAULT_BUSINESS_TIME_POLICY,
    marker,
    method: 'WESTERN_BLOT',
    reagent: { manufacturer: 'BlotMaker', lot: 'WB-1' },
    result,
    testedAt: NOW,
    profile: CN_2019_LABORATORY,
  });
  const repeatReactiveHiv = [
    markerRecorded('HIV', 'ELISA', 'KitMakerA', 'REACTIVE'),
    markerRecorded('HIV', 'ELISA', 'KitMakerA', 'REACTIVE', { testRole: 'RETEST' }),
  ];
  const rejected: DonationTestingEvent = {
    type: 'DonationRejected',
    data: { din: DIN, donorId: DONOR, reactiveMarkers: ['HIV'], rejectedAt: NOW },
  };
  const confirmedPositive: DonorConfirmedPositive = {
    din: DIN,
    donorId: DONOR,
    marker: 'HIV',
    confirmedAt: NOW,
  };

  it('reports a confirmed positive HIV to donor deferral and the lookback, after rejection', () => {
    given([sampleReceived(), ...repeatReactiveHiv, rejected])
      .when(confirmatory('HIV', 'POSITIVE'))
      .then([
        {
          type: 'ConfirmatoryResultRecorded',
          data: {
            din: DIN,
            marker: 'HIV',
            method: 'WESTERN_BLOT',
            reagent: { manufacturer: 'BlotMaker', lot: 'WB-1' },
            result: 'POSITIVE',
            testedAt: NOW,
          },
        },
        { type: 'DonorConfirmedPositive', data: confirmedPositive },
      ]);
  });

  it('records a negative confirmatory result without reporting the donor', () => {
    given([sampleReceived(), ...repeatReactiveHiv])
      .when(confirmatory('HIV', 'NEGATIVE'))
      .then([expect.objectContaining({ type: 'ConfirmatoryResultRecorded' })]);
  });

  it('reports the donor once per marker', () => {
    given([
      sampleReceived(),
      ...repeatReactiveHiv,
      { type: 'DonorConfirmedPositive', data: confirmedPositive },
    ])
      .when(confirmatory('HIV', 'POSITIVE'))
      .then([expect.objectContaining({ type: 'ConfirmatoryResultRecorded' })]);
  });

  it('refuses confirmatory testing of a marker that is not repeat reactive', () => {
    given([sampleReceived(), ...twoOf(['HIV'])])
      .when(confirmatory('HIV', 'POSITIVE'))
      .thenThrows(ConfirmatoryNotApplicable, 'LAB.CONFIRMATORY_NOT_APPLICABLE');
  });

  it('refuses confirmatory testing of a marker the profile does not report (ALT)', () => {
    given([sampleReceived(), markerRecorded('ALT', 'ENZYMATIC', 'ChemMaker', 'REACTIVE', { value: 90 })])
      .when(confirmatory('ALT', 'POSITIVE'))
      .thenThrows(ConfirmatoryNotApplicable, 'LAB.CONFIRMATORY_NOT_APPLICABLE');
  });
});

describe('correcting a result', () => {
  const ready = [sampleReceived(), ...groupConfirmed('A', 'POS'), antibodyScreenNegative];
  const hivA = markerRecorded('HIV', 'ELISA', 'KitMakerA', 'NON_REACTIVE', { resultId: 'hiv-a', value: 0.2 });

  it('needs a second person to verify it', () => {
    given([sampleReceived(), hivA])
      .when(correct('hiv-a', { interpretation: 'REACTIVE', verifierUserId: lab.userId }))
      .thenThrows(CorrectionNeedsSecondPerson, 'LAB.CORRECTION_NEEDS_SECOND_PERSON');
  });

  it('records what it was, what it is, why and who verified it', () => {
    given([sampleReceived(), hivA])
      .when(correct('hiv-a', { interpretation: 'REACTIVE', value: 2.4 }))
      .then([
        {
          type: 'ResultCorrected',
          data: {
            din: DIN,
            resultId: 'hiv-a',
            marker: 'HIV',
            previous: { interpretation: 'NON_REACTIVE', value: 0.2 },
            corrected: { interpretation: 'REACTIVE', value: 2.4 },
            reason: 'Transcription error from the instrument printout',
            verifiedBy: 'lab-2',
            correctedAt: NOW,
          },
        },
      ]);
  });

  it('recomputes the ALT interpretation from a corrected value', () => {
    given([
      sampleReceived(),
      markerRecorded('ALT', 'ENZYMATIC', 'ChemMaker', 'NON_REACTIVE', { resultId: 'alt', value: 20 }),
    ])
      .when(correct('alt', { value: 60 }))
      .then([
        expect.objectContaining({
          data: expect.objectContaining({ corrected: { interpretation: 'REACTIVE', value: 60 } }),
        }),
      ]);
  });

  it('refuses a correction of an unknown result', () => {
    given([sampleReceived(), hivA])
      .when(correct('nope', { interpretation: 'REACTIVE' }))
      .thenThrows(ResultNotFound, 'LAB.RESULT_NOT_FOUND');
  });

  it('refuses a correction that changes nothing', () => {
    given([sampleReceived(), hivA])
      .when(correct('hiv-a', { interpretation: 'NON_REACTIVE' }))
      .thenThrows(CorrectionChangesNothing, 'LAB.CORRECTION_CHANGES_NOTHING');
  });

  it('after qualification, a correction to reactive amends the conclusion and announces the rejection', () => {
    given([...ready, ...allMarkersNonReactive(), qualified])
      .when(correct('alt-1', { value: 75 }))
      .then([
        expect.objectContaining({ type: 'ResultCorrected' }),
        {
          type: 'ConclusionAmended',
          data: {
            din: DIN,
            previousOutcome: 'QUALIFIED',
            outcome: 'REJECTED',
            reactiveMarkers: ['ALT'],
            reason: 'Transcription error from the instrument printout',
            amendedAt: NOW,
          },
        },
        {
          type: 'DonationRejected',
          data: { din: DIN, donorId: DONOR, reactiveMarkers: ['ALT'], rejectedAt: NOW },
        },
      ]);
  });

  it('after qualification, a correction that keeps the outcome is recorded without amendment', () => {
    given([...ready, ...allMarkersNonReactive(), qualified])
      .when(correct('alt-1', { value: 30 }))
      .then([expect.objectContaining({ type: 'ResultCorrected' })]);
  });

  it('never releases a rejected donation by a correction', () => {
    given([
      ...ready,
      ...allMarkersNonReactive(['ALT']),
      markerRecorded('ALT', 'ENZYMATIC', 'ChemMaker', 'REACTIVE', { resultId: 'alt-high', value: 80 }),
      {
        type: 'DonationRejected',
        data: { din: DIN, donorId: DONOR, reactiveMarkers: ['ALT'], rejectedAt: NOW },
      },
    ])
      .when(correct('alt-high', { value: 30 }))
      .thenThrows(TestingAlreadyConcluded, 'LAB.TESTING_ALREADY_CONCLUDED');
  });
});
