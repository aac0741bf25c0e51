import type { BloodGroup, Marker, Phenotype } from '@hemotrace/kernel';
import type {
  AntibodyScreenRecorded,
  BloodGroupDiscrepancyFound,
  ConfirmatoryResultRecorded,
  DonationTestingEvent,
  Interpretation,
  Outcome,
  Reagent,
  SampleReceived,
} from '../domain/donation-testing/donation-testing.events';
import type { DonationTesting } from '../domain/donation-testing/donation-testing.state';
import type { ScreeningMethod } from '../domain/profiles';

/*
 * What the laboratory's queries and HTTP answers show of a donation's testing, folded from the
 * stored events by the read model itself. The decider's state is not stored: it may change shape
 * without touching a stored document. The view's types are built from the stored event shapes,
 * which never change in place.
 */

export type LabDonationStatus =
  'AWAITING_SAMPLE' | 'SAMPLE_UNACCEPTABLE' | 'IN_TESTING' | 'ON_HOLD' | 'QUALIFIED' | 'REJECTED';

export const LAB_DONATION_STATUSES: readonly LabDonationStatus[] = [
  'AWAITING_SAMPLE',
  'SAMPLE_UNACCEPTABLE',
  'IN_TESTING',
  'ON_HOLD',
  'QUALIFIED',
  'REJECTED',
];

export interface MarkerResultView {
  resultId: string;
  marker: Marker;
  method: ScreeningMethod;
  reagent: Reagent;
  instrument?: string;
  value?: number;
  interpretation: Interpretation;
  poolId?: string;
  testedAt: string;
  corrected?: boolean;
}

export interface BloodGroupView {
  /** Concordant (forward = reverse) determinations since the last discrepancy. */
  determinations: BloodGroup[];
  confirmed: BloodGroup | null;
  /** A discrepancy holds the donation until a later confirmation resolves it. */
  discrepancy: Omit<BloodGroupDiscrepancyFound, 'din'> | null;
}

export interface ConclusionView {
  outcome: Outcome;
  reactiveMarkers: string[];
  at: string;
}

export interface LabTestingView {
  status: LabDonationStatus;
  samples: Omit<SampleReceived, 'din' | 'donorId' | 'collectedAt'>[];
  bloodGroup: BloodGroupView;
  antibodyScreen: Omit<AntibodyScreenRecorded, 'din'> | null;
  phenotype: Phenotype;
  results: MarkerResultView[];
  confirmatory: Omit<ConfirmatoryResultRecorded, 'din'>[];
  confirmedPositive: Marker[];
  conclusion: ConclusionView | null;
}

export const awaitingSample: LabTestingView = {
  status: 'AWAITING_SAMPLE',
  samples: [],
  bloodGroup: { determinations: [], confirmed: null, discrepancy: null },
  antibodyScreen: null,
  phenotype: {},
  results: [],
  confirmatory: [],
  confirmedPositive: [],
  conclusion: null,
};

const withoutDin = <T extends { din: string }>({ din: _din, ...rest }: T): Omit<T, 'din'> => rest;

const inTesting = (status: LabDonationStatus): boolean => status === 'IN_TESTING' || status === 'ON_HOLD';

/** A donation under test is on hold while its group discrepancy is unresolved; other statuses stay. */
const withHold = (view: LabTestingView): LabTestingView =>
  inTesting(view.status) ? { ...view, status: view.bloodGroup.discrepancy ? 'ON_HOLD' : 'IN_TESTING' } : view;

const markerResult = (data: Omit<MarkerResultView, 'corrected'>): MarkerResultView => {
  const { resultId, marker, method, reagent, instrument, value, interpretation, poolId, testedAt } = data;
  const result: MarkerResultView = { resultId, marker, method, reagent, interpretation, testedAt };
  if (instrument !== undefined) result.instrument = instrument;
  if (value !== undefined) result.value = value;
  if (poolId !== undefined) result.poolId = poolId;
  return result;
};

const concluded = (conclusion: ConclusionView): Pick<LabTestingView, 'status' | 'conclusion'> => ({
  status: conclusion.outcome === 'REJECTED' ? 'REJECTED' : 'QUALIFIED',
  conclusion,
});

/** The read model's own fold: one stored laboratory event into the view. */
export const foldTestingView = (view: LabTestingView, event: DonationTestingEvent): LabTestingView =>
  withHold(foldFacts(view, event));

const foldFacts = (view: LabTestingView, event: DonationTestingEvent): LabTestingView => {
  switch (event.type) {
    case 'SampleReceived': {
      const { din: _din, donorId: _donor, collectedAt: _collected, ...sample } = event.data;
      const acceptable = sample.condition === 'ACCEPTABLE' || inTesting(view.status);
      return {
        ...view,
        samples: [...view.samples, sample],
        status: acceptable ? 'IN_TESTING' : 'SAMPLE_UNACCEPTABLE',
      };
    }
    case 'BloodGroupDetermined': {
      const { forward, reverse, rhd } = event.data;
      if (forward !== reverse) return view;
      const determinations = [...view.bloodGroup.determinations, { abo: forward, rhd }];
      return { ...view, bloodGroup: { ...view.bloodGroup, determinations } };
    }
    case 'BloodGroupConfirmed':
      return {
        ...view,
        bloodGroup: { ...view.bloodGroup, confirmed: event.data.bloodGroup, discrepancy: null },
      };
    case 'BloodGroupDiscrepancyFound':
      return {
        ...view,
        bloodGroup: { determinations: [], confirmed: null, discrepancy: withoutDin(event.data) },
      };
    case 'AntibodyScreenRecorded':
      return { ...view, antibodyScreen: withoutDin(event.data) };
    case 'PhenotypeRecorded':
      return { ...view, phenotype: { ...view.phenotype, ...event.data.phenotype } };
    case 'MarkerResultRecorded':
      return { ...view, results: [...view.results, markerResult(event.data)] };
    case 'ConfirmatoryResultRecorded':
      return { ...view, confirmatory: [...view.confirmatory, withoutDin(event.data)] };
    case 'DonorConfirmedPositive':
      return { ...view, confirmedPositive: [...view.confirmedPositive, event.data.marker] };
    case 'ResultCorrected': {
      const { resultId, corrected } = event.data;
      return {
        ...view,
        results: view.results.map((r) => {
          if (r.resultId !== resultId) return r;
          const next: MarkerResultView = { ...r, interpretation: corrected.interpretation, corrected: true };
          if (corrected.value !== undefined) next.value = corrected.value;
          return next;
        }),
      };
    }
    case 'DonationQualified':
      return {
        ...view,
        ...concluded({ outcome: 'QUALIFIED', reactiveMarkers: [], at: event.data.qualifiedAt }),
      };
    case 'DonationRejected':
      return {
        ...view,
        ...concluded({
          outcome: 'REJECTED',
          reactiveMarkers: event.data.reactiveMarkers,
          at: event.data.rejectedAt,
        }),
      };
    case 'ConclusionAmended': {
      const conclusion: ConclusionView = {
        outcome: event.data.outcome,
        reactiveMarkers: event.data.reactiveMarkers,
        at: event.data.amendedAt,
      };
      return view.conclusion ? { ...view, ...concluded(conclusion) } : { ...view, conclusion };
    }
    default: {
      const _exhaustive: never = event;
      return view;
    }
  }
};

const statusOfDecided = (testing: DonationTesting): LabDonationStatus => {
  switch (testing.status) {
    case 'NotReceived':
      return 'AWAITING_SAMPLE';
    case 'SampleUnacceptable':
      return 'SAMPLE_UNACCEPTABLE';
    case 'InTesting':
      return testing.group.discrepancy ? 'ON_HOLD' : 'IN_TESTING';
    case 'Concluded':
      return testing.conclusion?.outcome === 'REJECTED' ? 'REJECTED' : 'QUALIFIED';
    default: {
      const _exhaustive: never = testing.status;
      return 'AWAITING_SAMPLE';
    }
  }
};

/**
 * The view of a state a command just decided on its own stream, for the command's reply (which
 * waits for no projection). The one place that reads the decider's state: when that state changes
 * shape, this mapping changes, and the stored documents do not. A test holds it equal to the fold.
 */
export const viewOfDecided = (testing: DonationTesting): LabTestingView => ({
  status: statusOfDecided(testing),
  samples: testing.samples,
  bloodGroup: testing.group,
  antibodyScreen: testing.antibodyScreen,
  phenotype: testing.phenotype,
  results: testing.results,
  confirmatory: testing.confirmatory,
  confirmedPositive: testing.confirmedPositive,
  conclusion: testing.conclusion,
});
