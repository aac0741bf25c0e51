import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import { DEFAULT_BUSINESS_TIME_POLICY } from '@hemotrace/kernel';
import { CN_2019_LABORATORY, EU_LABORATORY, US_FDA_LABORATORY } from '../profiles';
import { donationTestingDecider } from './donation-testing.decide';
import {
  AntibodiesWithNegativeScreen,
  InterpretationContradictsLimit,
  KitAlreadyConcluded,
  MarkerNotInProfile,
  MethodNotAllowed,
  ResultIncomplete,
  SampleNotReceived,
  TestingIncomplete,
} from './donation-testing.errors';
import {
  allMarkersNonReactive,
  antibodyScreenNegative,
  conclude,
  DIN,
  DONOR,
  groupConfirmed,
  markerCommand,
  markerRecorded,
  NOW,
  sampleReceived,
} from './donation-testing.fixtures';
import { kitStatus, strategyIsSatisfied } from './donation-testing.rules';

const given = DeciderSpecification.for(donationTestingDecider);
const ready = [sampleReceived(), ...groupConfirmed('A', 'POS'), antibodyScreenNegative];

describe('recording an infectious marker result', () => {
  it('records an initial ELISA result with kit, lot and instrument', () => {
    given([sampleReceived()])
      .when(
        markerCommand('HIV', 'ELISA', 'KitMakerA', 'NON_REACTIVE', { instrument: 'FAME-24', value: 0.12 }),
      )
      .then([
        {
          type: 'MarkerResultRecorded',
          data: {
            din: DIN,
            resultId: 'r-new',
            marker: 'HIV',
            method: 'ELISA',
            reagent: { manufacturer: 'KitMakerA', lot: 'KitMakerA-LOT-1' },
            instrument: 'FAME-24',
            value: 0.12,
            interpretation: 'NON_REACTIVE',
            testRole: 'INITIAL',
            testedAt: NOW,
          },
        },
      ]);
  });

  it('records a pooled NAT result with its pool', () => {
    given([sampleReceived()])
      .when(markerCommand('HBV', 'NAT_POOLED', 'NatMaker', 'NON_REACTIVE', { poolId: 'POOL-6-001' }))
      .then([
        expect.objectContaining({
          type: 'MarkerResultRecorded',
          data: expect.objectContaining({ method: 'NAT_POOLED', poolId: 'POOL-6-001' }),
        }),
      ]);
  });

  it('refuses a pooled NAT result without a pool id', () => {
    given([sampleReceived()])
      .when(markerCommand('HBV', 'NAT_POOLED', 'NatMaker', 'NON_REACTIVE'))
      .thenThrows(ResultIncomplete, 'LAB.POOL_ID_REQUIRED');
  });

  it('refuses a serology result without an interpretation', () => {
    given([sampleReceived()])
      .when(markerCommand('HCV', 'ELISA', 'KitMakerA', undefined))
      .thenThrows(ResultIncomplete, 'LAB.INTERPRETATION_REQUIRED');
  });

  it('refuses a method the profile does not screen the marker with (ChLIA under CN 2019)', () => {
    given([sampleReceived()])
      .when(markerCommand('HIV', 'CHLIA', 'KitMakerA', 'NON_REACTIVE'))
      .thenThrows(MethodNotAllowed, 'LAB.METHOD_NOT_ALLOWED');
  });

  it('refuses a marker the profile has no rule for (ALT under EU)', () => {
    given([sampleReceived()])
      .when(markerCommand('ALT', 'ENZYMATIC', 'ChemMaker', undefined, { value: 20, profile: EU_LABORATORY }))
      .thenThrows(MarkerNotInProfile, 'LAB.MARKER_NOT_IN_PROFILE');
  });

  it('refuses results before a sample is received', () => {
    given([])
      .when(markerCommand('HIV', 'ELISA', 'KitMakerA', 'NON_REACTIVE'))
      .thenThrows(SampleNotReceived, 'LAB.SAMPLE_NOT_RECEIVED');
  });

  it('refuses results on a sample received in unacceptable condition', () => {
    given([sampleReceived('HAEMOLYSED')])
      .when(markerCommand('HIV', 'ELISA', 'KitMakerA', 'NON_REACTIVE'))
      .thenThrows(SampleNotReceived, 'LAB.SAMPLE_NOT_RECEIVED');
  });
});

describe('initially reactive results and the duplicate retest', () => {
  const initiallyReactive = markerRecorded('HCV', 'ELISA', 'KitMakerA', 'REACTIVE');

  it('records a retest with the same kit as a retest', () => {
    given([sampleReceived(), initiallyReactive])
      .when(markerCommand('HCV', 'ELISA', 'kitmakera', 'NON_REACTIVE'))
      .then([expect.objectContaining({ data: expect.objectContaining({ testRole: 'RETEST' }) })]);
  });

  it('refuses a fourth result on a kit that was retested twice', () => {
    given([
      sampleReceived(),
      initiallyReactive,
      markerRecorded('HCV', 'ELISA', 'KitMakerA', 'NON_REACTIVE', { testRole: 'RETEST' }),
      markerRecorded('HCV', 'ELISA', 'KitMakerA', 'NON_REACTIVE', { testRole: 'RETEST' }),
    ])
      .when(markerCommand('HCV', 'ELISA', 'KitMakerA', 'NON_REACTIVE'))
      .thenThrows(KitAlreadyConcluded, 'LAB.KIT_ALREADY_CONCLUDED');
  });

  it('refuses a second result on a kit whose initial result was non-reactive', () => {
    given([sampleReceived(), markerRecorded('HCV', 'ELISA', 'KitMakerA', 'NON_REACTIVE')])
      .when(markerCommand('HCV', 'ELISA', 'KitMakerA', 'REACTIVE'))
      .thenThrows(KitAlreadyConcluded, 'LAB.KIT_ALREADY_CONCLUDED');
  });

  it('keeps an initially reactive marker open until both retests are in', () => {
    given([
      ...ready,
      ...allMarkersNonReactive(['HCV']),
      initiallyReactive,
      markerRecorded('HCV', 'ELISA', 'KitMakerA', 'NON_REACTIVE', { testRole: 'RETEST' }),
      markerRecorded('HCV', 'ELISA', 'KitMakerB', 'NON_REACTIVE'),
    ])
      .when(conclude())
      .thenThrows(TestingIncomplete, 'LAB.TESTING_INCOMPLETE');
  });

  it('concludes non-reactive when both retests are non-reactive', () => {
    given([
      ...ready,
      ...allMarkersNonReactive(['HCV']),
      initiallyReactive,
      markerRecorded('HCV', 'ELISA', 'KitMakerA', 'NON_REACTIVE', { testRole: 'RETEST' }),
      markerRecorded('HCV', 'ELISA', 'KitMakerA', 'NON_REACTIVE', { testRole: 'RETEST' }),
      markerRecorded('HCV', 'ELISA', 'KitMakerB', 'NON_REACTIVE'),
    ])
      .when(conclude())
      .then([expect.objectContaining({ type: 'DonationQualified' })]);
  });

  it('rejects as repeat reactive when either retest is reactive', () => {
    given([
      ...ready,
      ...allMarkersNonReactive(['HCV']),
      initiallyReactive,
      markerRecorded('HCV', 'ELISA', 'KitMakerA', 'NON_REACTIVE', { testRole: 'RETEST' }),
      markerRecorded('HCV', 'ELISA', 'KitMakerA', 'REACTIVE', { testRole: 'RETEST' }),
      markerRecorded('HCV', 'ELISA', 'KitMakerB', 'NON_REACTIVE'),
    ])
      .when(conclude())
      .then([
        {
          type: 'DonationRejected',
          data: { din: DIN, donorId: DONOR, reactiveMarkers: ['HCV'], rejectedAt: NOW },
        },
      ]);
  });

  it('treats an indeterminate (grey-zone) result as initially reactive', () => {
    expect(kitStatus(['INDETERMINATE'])).toBe('INITIALLY_REACTIVE');
    expect(kitStatus(['INDETERMINATE', 'NON_REACTIVE', 'NON_REACTIVE'])).toBe('NON_REACTIVE');
    expect(kitStatus(['REACTIVE', 'INDETERMINATE'])).toBe('REPEAT_REACTIVE');
  });
});

describe('CN 2019: HIV, HBV and HCV need two ELISA kits of different makers, or ELISA plus NAT', () => {
  it('qualifies with two ELISA kits from different manufacturers', () => {
    given([...ready, ...allMarkersNonReactive()])
      .when(conclude())
      .then([expect.objectContaining({ type: 'DonationQualified' })]);
  });

  it('qualifies with one ELISA plus NAT', () => {
    given([
      ...ready,
      ...allMarkersNonReactive(['HBV']),
      markerRecorded('HBV', 'ELISA', 'KitMakerA', 'NON_REACTIVE'),
      markerRecorded('HBV', 'NAT_POOLED', 'NatMaker', 'NON_REACTIVE', { poolId: 'P-1' }),
    ])
      .when(conclude())
      .then([expect.objectContaining({ type: 'DonationQualified' })]);
  });

  it('does not count two ELISA kits from the same manufacturer', () => {
    given([
      ...ready,
      ...allMarkersNonReactive(['HIV']),
      markerRecorded('HIV', 'ELISA', 'KitMakerA', 'NON_REACTIVE'),
      markerRecorded('HIV', 'ELISA', 'KitMakerA', 'NON_REACTIVE'),
    ])
      .when(conclude())
      .thenThrows(TestingIncomplete, 'LAB.TESTING_INCOMPLETE');
  });

  it('does not count one ELISA alone and names the marker that is missing', () => {
    let thrown: unknown;
    try {
      donationTestingDecider.decide(
        conclude(),
        [
          ...ready,
          ...allMarkersNonReactive(['HIV']),
          markerRecorded('HIV', 'ELISA', 'KitMakerA', 'NON_REACTIVE'),
        ].reduce(donationTestingDecider.evolve, donationTestingDecider.initialState),
      );
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TestingIncomplete);
    expect((thrown as TestingIncomplete).details).toMatchObject({ missing: ['HIV'] });
  });

  it('does not count NAT alone', () => {
    const strategy = CN_2019_LABORATORY.markers.HIV;
    if (strategy?.kind !== 'INFECTIOUS') throw new Error('CN 2019 screens HIV as an infectious marker');
    const natOnly = [{ key: 'NAT/M', method: 'NAT_SINGLE' as const, manufacturer: 'M', interpretations: [] }];
    expect(strategy.strategies.some((s) => strategyIsSatisfied(s, natOnly))).toBe(false);
  });

  it('refuses to conclude with a mandatory marker not tested at all', () => {
    given([...ready, ...allMarkersNonReactive(['SYPHILIS'])])
      .when(conclude())
      .thenThrows(TestingIncomplete, 'LAB.TESTING_INCOMPLETE');
  });
});

describe('other profiles', () => {
  it('US FDA needs serology plus NAT and accepts ChLIA', () => {
    const usReady = [
      ...ready,
      ...(['HIV', 'HBV', 'HCV'] as const).flatMap((m) => [
        markerRecorded(m, 'CHLIA', 'KitMakerA', 'NON_REACTIVE'),
        markerRecorded(m, 'NAT_SINGLE', 'NatMaker', 'NON_REACTIVE'),
      ]),
      markerRecorded('SYPHILIS', 'CHLIA', 'KitMakerA', 'NON_REACTIVE'),
    ];
    given(usReady)
      .when(conclude(US_FDA_LABORATORY))
      .then([expect.objectContaining({ type: 'DonationQualified' })]);
  });

  it('US FDA does not accept two serology kits without NAT', () => {
    given([...ready, ...allMarkersNonReactive()])
      .when(conclude(US_FDA_LABORATORY))
      .thenThrows(TestingIncomplete, 'LAB.TESTING_INCOMPLETE');
  });

  it('EU needs one serology test each for HIV, HBV and HCV', () => {
    given([
      ...ready,
      markerRecorded('HIV', 'CHLIA', 'KitMakerA', 'NON_REACTIVE'),
      markerRecorded('HBV', 'ELISA', 'KitMakerA', 'NON_REACTIVE'),
      markerRecorded('HCV', 'ELISA', 'KitMakerA', 'NON_REACTIVE'),
    ])
      .when(conclude(EU_LABORATORY))
      .then([expect.objectContaining({ type: 'DonationQualified' })]);
  });
});

describe('CN 2019: ALT above 50 U/L', () => {
  it('interprets 51 U/L as reactive', () => {
    given([sampleReceived()])
      .when(markerCommand('ALT', 'ENZYMATIC', 'ChemMaker', undefined, { value: 51 }))
      .then([
        expect.objectContaining({ data: expect.objectContaining({ value: 51, interpretation: 'REACTIVE' }) }),
      ]);
  });

  it('interprets 50 U/L as non-reactive', () => {
    given([sampleReceived()])
      .when(markerCommand('ALT', 'ENZYMATIC', 'ChemMaker', undefined, { value: 50 }))
      .then([expect.objectContaining({ data: expect.objectContaining({ interpretation: 'NON_REACTIVE' }) })]);
  });

  it('refuses an ALT result without a value', () => {
    given([sampleReceived()])
      .when(markerCommand('ALT', 'ENZYMATIC', 'ChemMaker', 'NON_REACTIVE'))
      .thenThrows(ResultIncomplete, 'LAB.VALUE_REQUIRED');
  });

  it('refuses an interpretation that contradicts the limit', () => {
    given([sampleReceived()])
      .when(markerCommand('ALT', 'ENZYMATIC', 'ChemMaker', 'NON_REACTIVE', { value: 80 }))
      .thenThrows(InterpretationContradictsLimit, 'LAB.INTERPRETATION_CONTRADICTS_LIMIT');
  });

  it('takes one ALT result only', () => {
    given([sampleReceived(), markerRecorded('ALT', 'ENZYMATIC', 'ChemMaker', 'NON_REACTIVE', { value: 20 })])
      .when(markerCommand('ALT', 'ENZYMATIC', 'ChemMaker', undefined, { value: 22 }))
      .thenThrows(KitAlreadyConcluded, 'LAB.KIT_ALREADY_CONCLUDED');
  });

  it('rejects a donation whose ALT is above the limit and names ALT', () => {
    given([
      ...ready,
      ...allMarkersNonReactive(['ALT']),
      markerRecorded('ALT', 'ENZYMATIC', 'ChemMaker', 'REACTIVE', { value: 88 }),
    ])
      .when(conclude())
      .then([
        expect.objectContaining({
          type: 'DonationRejected',
          data: expect.objectContaining({ reactiveMarkers: ['ALT'] }),
        }),
      ]);
  });
});

describe('antibody screen', () => {
  it('refuses identified antibodies on a negative screen', () => {
    given([sampleReceived()])
      .when({
        type: 'RecordAntibodyScreen',
        din: DIN,
        actor: { userId: 'lab-1', role: 'laboratory', siteId: 'BC-1' },
        now: NOW,
        timePolicy: DEFAULT_BUSINESS_TIME_POLICY,
        result: 'NEGATIVE',
        identifiedAntibodies: ['anti-E'],
        method: 'MICROPLATE',
        reagentLot: 'S-1',
        testedAt: NOW,
      })
      .thenThrows(AntibodiesWithNegativeScreen, 'LAB.ANTIBODIES_WITH_NEGATIVE_SCREEN');
  });

  it('records a positive screen with the antibodies identified', () => {
    given([sampleReceived()])
      .when({
        type: 'RecordAntibodyScreen',
        din: DIN,
        actor: { userId: 'lab-1', role: 'laboratory', siteId: 'BC-1' },
        now: NOW,
        timePolicy: DEFAULT_BUSINESS_TIME_POLICY,
        result: 'POSITIVE',
        identifiedAntibodies: ['anti-E'],
        method: 'GEL_CARD',
        reagentLot: 'S-1',
        testedAt: NOW,
      })
      .then([
        {
          type: 'AntibodyScreenRecorded',
          data: {
            din: DIN,
            result: 'POSITIVE',
            identifiedAntibodies: ['anti-E'],
            method: 'GEL_CARD',
            reagentLot: 'S-1',
            testedAt: NOW,
          },
        },
      ]);
  });

  it('is required before a donation qualifies under CN 2019', () => {
    given([sampleReceived(), ...groupConfirmed('A', 'POS'), ...allMarkersNonReactive()])
      .when(conclude())
      .thenThrows(TestingIncomplete, 'LAB.TESTING_INCOMPLETE');
  });
});
