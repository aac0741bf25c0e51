import type { Abo, Actor, BloodGroup, BusinessTimePolicy, Marker, Phenotype, RhD } from '@hemotrace/kernel';
import type { LaboratoryProfile, ScreeningMethod } from '../profiles';
import type {
  ConfirmatoryMethod,
  ConfirmatoryOutcome,
  GroupingMethod,
  Interpretation,
  LabType,
  Reagent,
  SampleCondition,
} from './donation-testing.events';

/** Every command names the donation, who gives it and when; business times default to `now`. */
interface Given {
  din: string;
  actor: Actor;
  /** The time of entry. */
  now: string;
  /** Why a fact is entered later than the profile's late-entry threshold. */
  lateEntryReason?: string;
  timePolicy: BusinessTimePolicy;
}

export interface ReceiveSample extends Given {
  type: 'ReceiveSample';
  /** What collection recorded about the donation (from the laboratory's own projection). */
  donation: { donorId: string; collectedAt: string };
  labSiteId: string;
  labType: LabType;
  transportMinutes: number;
  condition: SampleCondition;
  receivedAt: string;
}

export interface RecordBloodGroup extends Given {
  type: 'RecordBloodGroup';
  forward: Abo;
  reverse: Abo;
  rhd: RhD;
  method: GroupingMethod;
  reagentLot: string;
  determinedAt: string;
  /** The group of the donor's earlier qualified donations, if any. */
  historicalGroup: BloodGroup | null;
}

export interface RecordAntibodyScreen extends Given {
  type: 'RecordAntibodyScreen';
  result: 'NEGATIVE' | 'POSITIVE';
  identifiedAntibodies?: string[];
  method: GroupingMethod;
  reagentLot: string;
  testedAt: string;
}

export interface RecordPhenotype extends Given {
  type: 'RecordPhenotype';
  phenotype: Phenotype;
  method: GroupingMethod;
  reagentLot: string;
  testedAt: string;
}

export interface RecordMarkerResult extends Given {
  type: 'RecordMarkerResult';
  resultId: string;
  marker: Marker;
  method: ScreeningMethod;
  reagent: Reagent;
  instrument?: string;
  value?: number;
  interpretation?: Interpretation;
  poolId?: string;
  testedAt: string;
  profile: LaboratoryProfile;
}

export interface RecordConfirmatoryResult extends Given {
  type: 'RecordConfirmatoryResult';
  marker: Marker;
  method: ConfirmatoryMethod;
  reagent: Reagent;
  result: ConfirmatoryOutcome;
  testedAt: string;
  profile: LaboratoryProfile;
}

export interface CorrectResult extends Given {
  type: 'CorrectResult';
  resultId: string;
  interpretation?: Interpretation;
  value?: number;
  reason: string;
  verifierUserId: string;
  profile: LaboratoryProfile;
}

export interface ConcludeTesting extends Given {
  type: 'ConcludeTesting';
  /** When the conclusion was reached (business time). */
  concludedAt: string;
  profile: LaboratoryProfile;
  /** The donor's ABO/RhD on record (its DonorBloodGroup- stream); absent or null for a first-time donor. */
  groupOnRecord?: BloodGroup | null;
}

export type DonationTestingCommand =
  | ReceiveSample
  | RecordBloodGroup
  | RecordAntibodyScreen
  | RecordPhenotype
  | RecordMarkerResult
  | RecordConfirmatoryResult
  | CorrectResult
  | ConcludeTesting;

/** A command as a handler builds it; the runner adds the profile's time policy. */
export type UntimedCommand<C = DonationTestingCommand> = C extends unknown ? Omit<C, 'timePolicy'> : never;
