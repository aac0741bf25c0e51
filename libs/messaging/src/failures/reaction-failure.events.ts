/**
 * Safety reactions that could not be carried out are facts an auditor sees, not log lines. They
 * live in a system stream family owned by messaging, one stream per reaction (processor), and are
 * never published to other contexts.
 */
export const REACTION_FAILURE_CATEGORY = 'ReactionFailure';

export const reactionFailureStreamId = (reaction: string): string =>
  `${REACTION_FAILURE_CATEGORY}-${reaction}`;

export const REACTION_FAILED = 'ReactionFailed';
export const DEAD_LETTER_REPLAYED = 'DeadLetterReplayed';

export interface FailureCause {
  eventId: string;
  /** The integration contract type (`laboratory.DonorConfirmedPositive.v1`). */
  type: string;
  /** The stream the cause was recorded in. */
  subject: string;
  /** Business time of the cause. */
  time: string;
}

export interface FailureError {
  /** The stable code of a DomainError, else the error's class name. */
  code: string;
  name: string;
  message: string;
}

export interface ReactionFailed {
  reaction: string;
  deadLetterId: string;
  cause: FailureCause;
  error: FailureError;
  attempts: number;
  failedAt: string;
  bus: 'in-process' | 'kafka';
}

export type ReplayOutcome = 'applied' | 'already-applied' | 'failed';

export interface DeadLetterReplayed {
  reaction: string;
  deadLetterId: string;
  causeEventId: string;
  outcome: ReplayOutcome;
  /** Which replay of this letter (1 for the first). */
  replay: number;
  error?: FailureError;
  replayedAt: string;
}

export type ReactionFailureEvent =
  | { type: typeof REACTION_FAILED; data: ReactionFailed }
  | { type: typeof DEAD_LETTER_REPLAYED; data: DeadLetterReplayed };
