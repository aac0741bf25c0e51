import type { DocumentReader, Projection, RecordedEvent } from '@hemotrace/event-sourcing';
import type {
  DeadLetterReplayed,
  FailureCause,
  FailureError,
  ReactionFailed,
  ReplayOutcome,
} from './reaction-failure.events';
import { DEAD_LETTER_REPLAYED, REACTION_FAILED } from './reaction-failure.events';

export const REACTION_FAILURES = 'reaction_failures';

export interface ReactionFailureDocument {
  /** The dead letter id: one document per reaction and cause. */
  id: string;
  reaction: string;
  cause: FailureCause;
  error: FailureError;
  attempts: number;
  failedAt: string;
  bus: ReactionFailed['bus'];
  /** `open` until a replay applied it. */
  status: 'open' | 'resolved';
  replays: { replay: number; outcome: ReplayOutcome; at: string; by: string; error?: FailureError }[];
  streamId: string;
  eventId: string;
}

/** What an auditor's workbench lists: every failed safety reaction, and whether a replay resolved it. */
export const reactionFailuresProjection: Projection = {
  name: 'messaging.reaction-failures',
  collections: [REACTION_FAILURES],
  indexes: { [REACTION_FAILURES]: [['status'], ['reaction'], ['failedAt']] },
  handles: [REACTION_FAILED, DEAD_LETTER_REPLAYED],
  async apply(event: RecordedEvent, tx) {
    if (event.type === REACTION_FAILED) {
      const d = event.data as ReactionFailed;
      const doc: ReactionFailureDocument = {
        id: d.deadLetterId,
        reaction: d.reaction,
        cause: d.cause,
        error: d.error,
        attempts: d.attempts,
        failedAt: d.failedAt,
        bus: d.bus,
        status: 'open',
        replays: [],
        streamId: event.streamId,
        eventId: event.eventId,
      };
      tx.put(REACTION_FAILURES, doc.id, doc);
      return;
    }
    if (event.type === DEAD_LETTER_REPLAYED) {
      const d = event.data as DeadLetterReplayed;
      const doc = await tx.get<ReactionFailureDocument>(REACTION_FAILURES, d.deadLetterId);
      if (!doc) return;
      const replay = {
        replay: d.replay,
        outcome: d.outcome,
        at: d.replayedAt,
        by: event.actor.userId,
        ...(d.error ? { error: d.error } : {}),
      };
      tx.put(REACTION_FAILURES, doc.id, {
        ...doc,
        status: d.outcome === 'failed' ? doc.status : 'resolved',
        replays: [...doc.replays, replay],
      });
    }
  },
};

export interface ReactionFailureFilter {
  status?: ReactionFailureDocument['status'];
  reaction?: string;
}

export const listReactionFailures = (
  reader: DocumentReader,
  filter: ReactionFailureFilter = {},
): Promise<ReactionFailureDocument[]> =>
  reader.find<ReactionFailureDocument>(
    REACTION_FAILURES,
    {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.reaction ? { reaction: filter.reaction } : {}),
    },
    { orderBy: { field: 'failedAt', direction: 'desc' }, limit: 500 },
  );
