import type { LateEntry } from '@hemotrace/kernel';
import type {
  DonationAbortedContract,
  DonationCompletedContract,
  DonationStartedContract,
  SampleTubesLabelledContract,
} from './donation.event-data';

export type ReactionType =
  'VASOVAGAL' | 'HEMATOMA' | 'CITRATE' | 'NERVE_INJURY' | 'ARTERIAL_PUNCTURE' | 'OTHER';
export type ReactionSeverity = 'MILD' | 'MODERATE' | 'SEVERE';

export interface DonationStarted {
  type: 'DonationStarted';
  data: DonationStartedContract;
}

export interface DonationCompleted {
  type: 'DonationCompleted';
  data: DonationCompletedContract;
}

export interface DonationAborted {
  type: 'DonationAborted';
  data: DonationAbortedContract;
}

export interface DonorAdverseReactionRecorded {
  type: 'DonorAdverseReactionRecorded';
  data: {
    din: string;
    donorId: string;
    reactionType: ReactionType;
    severity: ReactionSeverity;
    occurredAt: string;
    notes?: string;
    lateEntry?: LateEntry;
  };
}

export interface SampleTubesLabelled {
  type: 'SampleTubesLabelled';
  data: SampleTubesLabelledContract;
}

export type DonationEvent =
  DonationStarted | DonationCompleted | DonationAborted | DonorAdverseReactionRecorded | SampleTubesLabelled;
