import type { BusKind } from '../bus.port';
import type { IntegrationEvent } from '../contracts/integration-event';
import type { FailureError } from './reaction-failure.events';

/** Dead letters of either bus, kept beside the read models so they can be listed and replayed. */
export const DEAD_LETTERS = 'dead_letters';

/** The processor name under which dead-letter writes commit (never a log checkpoint). */
export const DEAD_LETTER_OFFICE = 'dead-letters';

export interface DeadLetter {
  /** `<handler>:<event id>`: one letter per reaction and cause. */
  id: string;
  handler: string;
  event: IntegrationEvent;
  error: FailureError;
  attempts: number;
  failedAt: string;
  bus: BusKind;
  /** Replays tried so far, and why the last one failed. */
  replays?: number;
  lastReplayError?: FailureError;
}

export const deadLetterId = (handler: string, eventId: string): string => `${handler}:${eventId}`;

/** Where a bus hands a letter once it gave up on an event: the letter becomes a recorded fact. */
export interface DeadLetterSink {
  deadLettered(letter: DeadLetter): Promise<void>;
}
