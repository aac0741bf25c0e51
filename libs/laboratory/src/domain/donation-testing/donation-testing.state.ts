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
} from './donation-testing.events';
import type { ScreeningMethod } from '../profiles';

export interface MarkerResult {
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

export interface GroupState {
  /** Concordant (forward = reverse) determinations since the last discrepancy. */
  determinations: BloodGroup[];
  confirmed: BloodGroup | null;
  /** A discrepancy holds the donation until a later confirmation resolves it. */
  discrepancy: Omit<BloodGroupDiscrepancyFound, 'din'> | null;
}

/** JSON only (no Map, no class): the laboratory read model stores this state as it is. */
export interface DonationTesting {
  status: 'NotReceived' | 'SampleUnacceptable' | 'InTesting' | 'Concluded';
  din: string | null;
  donorId: string | null;
  collectedAt: string | null;
  samples: Omit<SampleReceived, 'din' | 'donorId' | 'collectedAt'>[];
  group: GroupState;
  antibodyScreen: Omit<AntibodyScreenRecorded, 'din'> | null;
  phenotype: Phenotype;
  results: MarkerResult[];
  confirmatory: Omit<ConfirmatoryResultRecorded, 'din'>[];
  confirmedPositive: Marker[];
  conclusion: { outcome: Outcome; reactiveMarkers: string[]; at: string } | null;
  /** Business time of the latest result (group, screen, phenotype, marker, confirmatory): a conclusion follows it. */
  latestResultAt?: string;
}

export const initialDonationTesting: DonationTesting = {
  status: 'NotReceived',
  din: null,
  donorId: null,
  collectedAt: null,
  samples: [],
  group: { determinations: [], confirmed: null, discrepancy: null },
  antibodyScreen: null,
  phenotype: {},
  results: [],
  confirmatory: [],
  confirmedPositive: [],
  conclusion: null,
};

const withoutDin = <T extends { din: string }>({ din: _din, ...rest }: T): Omit<T, 'din'> => rest;

const resultTimeOf = (event: DonationTestingEvent): string | undefined => {
  switch (event.type) {
    case 'BloodGroupDetermined':
      return event.data.determinedAt;
    case 'AntibodyScreenRecorded':
    case 'PhenotypeRecorded':
    case 'MarkerResultRecorded':
    case 'ConfirmatoryResultRecorded':
      return event.data.testedAt;
    default:
      return undefined;
  }
};

export const evolve = (state: DonationTesting, event: DonationTestingEvent): DonationTesting => {
  const at = resultTimeOf(event);
  const next = evolveFacts(state, event);
  if (
    at === undefined ||
    (state.latestResultAt !== undefined && Date.parse(state.latestResultAt) >= Date.parse(at))
  ) {
    return next;
  }
  return { ...next, latestResultAt: at };
};

const evolveFacts = (state: DonationTesting, event: DonationTestingEvent): DonationTesting => {
  switch (event.type) {
    case 'SampleReceived': {
      const { din, donorId, collectedAt, ...sample } = event.data;
      const acceptable = sample.condition === 'ACCEPTABLE' || state.status === 'InTesting';
      return {
        ...state,
        din,
        donorId,
        collectedAt,
        samples: [...state.samples, sample],
        status: acceptable ? 'InTesting' : 'SampleUnacceptable',
      };
    }
    case 'BloodGroupDetermined': {
      const { forward, reverse, rhd } = event.data;
      if (forward !== reverse) return state;
      return {
        ...state,
        group: { ...state.group, determinations: [...state.group.determinations, { abo: forward, rhd }] },
      };
    }
    case 'BloodGroupConfirmed':
      return {
        ...state,
        group: { ...state.group, confirmed: event.data.bloodGroup, discrepancy: null },
      };
    case 'BloodGroupDiscrepancyFound':
      return {
        ...state,
        group: { determinations: [], confirmed: null, discrepancy: withoutDin(event.data) },
      };
    case 'AntibodyScreenRecorded':
      return { ...state, antibodyScreen: withoutDin(event.data) };
    case 'PhenotypeRecorded':
      return { ...state, phenotype: { ...state.phenotype, ...event.data.phenotype } };
    case 'MarkerResultRecorded': {
      const { resultId, marker, method, reagent, instrument, value, interpretation, poolId, testedAt } =
        event.data;
      const result: MarkerResult = { resultId, marker, method, reagent, interpretation, testedAt };
      if (instrument !== undefined) result.instrument = instrument;
      if (value !== undefined) result.value = value;
      if (poolId !== undefined) result.poolId = poolId;
      return { ...state, results: [...state.results, result] };
    }
    case 'ConfirmatoryResultRecorded':
      return { ...state, confirmatory: [...state.confirmatory, withoutDin(event.data)] };
    case 'DonorConfirmedPositive':
      return { ...state, confirmedPositive: [...state.confirmedPositive, event.data.marker] };
    case 'ResultCorrected': {
      const { resultId, corrected } = event.data;
      return {
        ...state,
        results: state.results.map((r) => {
          if (r.resultId !== resultId) return r;
          const next: MarkerResult = { ...r, interpretation: corrected.interpretation, corrected: true };
          if (corrected.value !== undefined) next.value = corrected.value;
          return next;
        }),
      };
    }
    case 'DonationQualified':
      return {
        ...state,
        status: 'Concluded',
        conclusion: { outcome: 'QUALIFIED', reactiveMarkers: [], at: event.data.qualifiedAt },
      };
    case 'DonationRejected':
      return {
        ...state,
        status: 'Concluded',
        conclusion: {
          outcome: 'REJECTED',
          reactiveMarkers: event.data.reactiveMarkers,
          at: event.data.rejectedAt,
        },
      };
    case 'ConclusionAmended':
      return {
        ...state,
        conclusion: {
          outcome: event.data.outcome,
          reactiveMarkers: event.data.reactiveMarkers,
          at: event.data.amendedAt,
        },
      };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
};
