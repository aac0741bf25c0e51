import type { ReadModelStore } from '@hemotrace/event-sourcing';
import { UnitOfWork } from '@hemotrace/event-sourcing';
import type { Actor } from '@hemotrace/kernel';
import { DomainError, NotFoundError } from '@hemotrace/kernel';
import type { IntegrationBus } from '../bus.port';
import { handleOnce } from '../idempotent-handling';
import type { DeadLetter } from './dead-letter';
import { DEAD_LETTER_OFFICE, DEAD_LETTERS } from './dead-letter';
import { failureErrorOf } from './failure-error';
import type { ReplayOutcome } from './reaction-failure.events';
import type { ReactionFailureLog } from './reaction-failure-log';

export class ReplayFailed extends DomainError {}

export interface ReplayResult {
  letter: DeadLetter;
  outcome: Exclude<ReplayOutcome, 'failed'>;
}

/**
 * Lists dead letters and replays one through its handler, with the same dedupe as the bus: an
 * event the handler already processed is not applied twice. Every replay, applied or failed, is
 * recorded in the reaction's failure stream.
 */
export class DeadLetterOffice {
  constructor(
    private readonly bus: IntegrationBus,
    private readonly readModels: ReadModelStore,
    private readonly log: ReactionFailureLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(handler?: string): Promise<DeadLetter[]> {
    return this.readModels.find<DeadLetter>(DEAD_LETTERS, handler ? { handler } : {}, {
      orderBy: { field: 'failedAt' },
    });
  }

  async replay(id: string, by: Actor): Promise<ReplayResult> {
    const letter = await this.readModels.get<DeadLetter>(DEAD_LETTERS, id);
    if (!letter) throw new NotFoundError('MSG.DEAD_LETTER_NOT_FOUND', `No dead letter ${id}`, { id });
    const handler = this.bus.handler(letter.handler);
    if (!handler) {
      throw new DomainError(
        'MSG.REACTION_NOT_SUBSCRIBED',
        `No handler named ${letter.handler} runs in this process`,
        { id, handler: letter.handler },
      );
    }
    const replay = (letter.replays ?? 0) + 1;
    const at = this.now().toISOString();
    const tx = new UnitOfWork(this.readModels);
    let fresh: boolean;
    try {
      fresh = await handleOnce(handler, letter.event, tx, at);
    } catch (error) {
      const failure = failureErrorOf(error);
      const kept: DeadLetter = { ...letter, replays: replay, lastReplayError: failure };
      await this.readModels.commit(DEAD_LETTER_OFFICE, id, [
        { op: 'put', collection: DEAD_LETTERS, id, doc: kept },
      ]);
      await this.log.replayed(letter, replay, 'failed', by, at, failure);
      throw new ReplayFailed('MSG.REPLAY_FAILED', `Replay of ${id} failed: ${failure.message}`, {
        id,
        error: failure,
      });
    }
    tx.delete(DEAD_LETTERS, id);
    await this.readModels.commit(DEAD_LETTER_OFFICE, id, tx.writes());
    const outcome = fresh ? 'applied' : 'already-applied';
    await this.log.replayed(letter, replay, outcome, by, at);
    return { letter, outcome };
  }
}
