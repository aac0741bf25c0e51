import type { Abo, BloodGroup, LateEntry, Marker, Phenotype, RhD } from '@hemotrace/kernel';
import type { ScreeningMethod } from '../profiles';

export type LabType = 'COLLECTING_SITE_LAB' | 'CENTRAL_LAB';
export type SampleCondition = 'ACCEPTABLE' | 'HAEMOLYSED' | 'LIPAEMIC' | 'INSUFFICIENT_VOLUME' | 'DAMAGED';
export type Interpretation = 'NON_REACTIVE' | 'REACTIVE' | 'INDETERMINATE';
export type GroupingMethod = 'TUBE' | 'MICROPLATE' | 'GEL_CARD' | 'AUTOMATED';
export type ConfirmatoryMethod = 'WESTERN_BLOT' | 'NAT_CONFIRMATORY' | 'NEUTRALISATION' | 'IMMUNOBLOT';
export type ConfirmatoryOutcome = 'POSITIVE' | 'NEGATIVE' | 'INDETERMINATE';
export type DiscrepancyKind = 'FORWARD_REVERSE' | 'DONOR_HISTORY' | 'DETERMINATIONS_DISAGREE';
export type Outcome = 'QUALIFIED' | 'REJECTED';

export interface Reagent {
  manufacturer: string;
  lot: string;
}

export interface SampleReceived {
  din: string;
  donorId: string;
  collectedAt: string;
  labSiteId: string;
  labType: LabType;
  transportMinutes: number;
  condition: SampleCondition;
  receivedAt: string;
  lateEntry?: LateEntry;
}

export interface BloodGroupDetermined {
  din: string;
  forward: Abo;
  reverse: Abo;
  rhd: RhD;
  method: GroupingMethod;
  reagentLot: string;
  determinedAt: string;
  lateEntry?: LateEntry;
}

export interface BloodGroupConfirmed {
  din: string;
  bloodGroup: BloodGroup;
  basis: 'TWO_DETERMINATIONS' | 'DONOR_HISTORY';
  confirmedAt: string;
}

export interface BloodGroupDiscrepancyFound {
  din: string;
  kind: DiscrepancyKind;
  forward: Abo;
  reverse: Abo;
  rhd: RhD;
  /** The group it disagrees with: the donor's history or the earlier determination. */
  expected?: BloodGroup;
  foundAt: string;
}

export interface AntibodyScreenRecorded {
  din: string;
  result: 'NEGATIVE' | 'POSITIVE';
  identifiedAntibodies?: string[];
  method: GroupingMethod;
  reagentLot: string;
  testedAt: string;
  lateEntry?: LateEntry;
}

export interface PhenotypeRecorded {
  din: string;
  phenotype: Phenotype;
  method: GroupingMethod;
  reagentLot: string;
  testedAt: string;
  lateEntry?: LateEntry;
}

/** One screening result, with an id to correct it by and its place in the retest logic. */
export interface MarkerResultRecorded {
  din: string;
  resultId: string;
  marker: Marker;
  method: ScreeningMethod;
  reagent: Reagent;
  instrument?: string;
  value?: number;
  interpretation: Interpretation;
  poolId?: string;
  testRole: 'INITIAL' | 'RETEST';
  testedAt: string;
  lateEntry?: LateEntry;
}

export interface ConfirmatoryResultRecorded {
  din: string;
  marker: Marker;
  method: ConfirmatoryMethod;
  reagent: Reagent;
  result: ConfirmatoryOutcome;
  testedAt: string;
  lateEntry?: LateEntry;
}

export interface ResultCorrected {
  din: string;
  resultId: string;
  marker: Marker;
  previous: { interpretation: Interpretation; value?: number };
  corrected: { interpretation: Interpretation; value?: number };
  reason: string;
  verifiedBy: string;
  correctedAt: string;
}

export interface DonationQualified {
  din: string;
  donorId: string;
  bloodGroup: BloodGroup;
  phenotype?: Phenotype;
  antibodyScreen?: { result: 'NEGATIVE' | 'POSITIVE'; identifiedAntibodies?: string[] };
  qualifiedAt: string;
  /** Business time of the latest screening result the qualification rests on: the donor's last non-reactive test. */
  testedAt?: string;
  lateEntry?: LateEntry;
}

export interface DonationRejected {
  din: string;
  donorId: string;
  /** Reactive markers, or other reasons such as `ABO_DISCREPANCY`. */
  reactiveMarkers: string[];
  rejectedAt: string;
  lateEntry?: LateEntry;
}

/** A confirmatory test proved an infection: donor deferral and the lookback start from it. */
export interface DonorConfirmedPositive {
  din: string;
  donorId: string;
  marker: Marker;
  confirmedAt: string;
}

/** A correction changed a concluded outcome; only towards safety (see decideCorrection). */
export interface ConclusionAmended {
  din: string;
  previousOutcome: Outcome;
  outcome: Outcome;
  reactiveMarkers: string[];
  reason: string;
  amendedAt: string;
}

export type DonationTestingEvent =
  | { type: 'SampleReceived'; data: SampleReceived }
  | { type: 'BloodGroupDetermined'; data: BloodGroupDetermined }
  | { type: 'BloodGroupConfirmed'; data: BloodGroupConfirmed }
  | { type: 'BloodGroupDiscrepancyFound'; data: BloodGroupDiscrepancyFound }
  | { type: 'AntibodyScreenRecorded'; data: AntibodyScreenRecorded }
  | { type: 'PhenotypeRecorded'; data: PhenotypeRecorded }
  | { type: 'MarkerResultRecorded'; data: MarkerResultRecorded }
  | { type: 'ConfirmatoryResultRecorded'; data: ConfirmatoryResultRecorded }
  | { type: 'DonorConfirmedPositive'; data: DonorConfirmedPositive }
  | { type: 'ResultCorrected'; data: ResultCorrected }
  | { type: 'DonationQualified'; data: DonationQualified }
  | { type: 'DonationRejected'; data: DonationRejected }
  | { type: 'ConclusionAmended'; data: ConclusionAmended };

export type DonationTestingEventType = DonationTestingEvent['type'];

export const DONATION_TESTING_EVENT_TYPES: readonly DonationTestingEventType[] = [
  'SampleReceived',
  'BloodGroupDetermined',
  'BloodGroupConfirmed',
  'BloodGroupDiscrepancyFound',
  'AntibodyScreenRecorded',
  'PhenotypeRecorded',
  'MarkerResultRecorded',
  'ConfirmatoryResultRecorded',
  'DonorConfirmedPositive',
  'ResultCorrected',
  'DonationQualified',
  'DonationRejected',
  'ConclusionAmended',
];
