import type { EventStore } from '@hemotrace/event-sourcing';
import type { Actor } from '@hemotrace/kernel';
import { systemActor } from '@hemotrace/kernel';
import type { DeadLetter, DeadLetterSink } from './dead-letter';
import type {
  DeadLetterReplayed,
  FailureError,
  ReactionFailed,
  ReplayOutcome,
} from './reaction-failure.events';
import { DEAD_LETTER_REPLAYED, REACTION_FAILED, reactionFailureStreamId } from './reaction-failure.events';

const siteOf = (letter: DeadLetter): string | undefined =>
  (letter.event.data as { recordedAtSite?: string } | null)?.recordedAtSite;

/**
 * Appends the facts of failed reactions and their replays to `ReactionFailure-<reaction>`. Every
 * commandId derives from the letter (reaction + causing event id), so a redelivered cause or a
 * retried batch adds nothing.
 */
export class ReactionFailureLog implements DeadLetterSink {
  constructor(private readonly store: EventStore) {}

  async deadLettered(letter: DeadLetter): Promise<void> {
    const data: ReactionFailed = {
      reaction: letter.handler,
      deadLetterId: letter.id,
      cause: {
        eventId: letter.event.id,
        type: letter.event.type,
        subject: letter.event.subject,
        time: letter.event.time,
      },
      error: letter.error,
      attempts: letter.attempts,
      failedAt: letter.failedAt,
      bus: letter.bus,
    };
    await this.store.append({
      streamId: reactionFailureStreamId(letter.handler),
      events: [{ type: REACTION_FAILED, data, schemaVersion: 1 }],
      expectedVersion: 'any',
      metadata: {
        actor: systemActor(siteOf(letter)),
        correlationId: letter.event.correlationId,
        causationId: letter.event.id,
        commandId: `reaction-failed:${letter.id}`,
        occurredAt: letter.failedAt,
      },
    });
  }

  async replayed(
    letter: DeadLetter,
    replay: number,
    outcome: ReplayOutcome,
    by: Actor,
    at: string,
    error?: FailureError,
  ): Promise<void> {
    const data: DeadLetterReplayed = {
      reaction: letter.handler,
      deadLetterId: letter.id,
      causeEventId: letter.event.id,
      outcome,
      replay,
      ...(error ? { error } : {}),
      replayedAt: at,
    };
    await this.store.append({
      streamId: reactionFailureStreamId(letter.handler),
      events: [{ type: DEAD_LETTER_REPLAYED, data, schemaVersion: 1 }],
      expectedVersion: 'any',
      metadata: {
        actor: by,
        correlationId: letter.event.correlationId,
        causationId: letter.event.id,
        commandId: `dead-letter-replayed:${letter.id}:${replay}`,
        occurredAt: at,
      },
    });
  }
}
