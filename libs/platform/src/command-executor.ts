import { Inject, Injectable } from '@nestjs/common';
import type { CommandContext } from '@hemotrace/auth';
import type {
  CommandOutcome,
  Decider,
  DomainEvent,
  EventStore,
  ReadStreamOptions,
} from '@hemotrace/event-sourcing';
import {
  EVENT_STORE,
  foldStream,
  handleCommand,
  ProjectionRunner,
  StreamStateCache,
} from '@hemotrace/event-sourcing';
import { noteWrittenLogPosition } from './http/log-position';
import type { Logger } from './logger';
import { LOGGER } from './logger';

/**
 * Runs one command against one stream through its decider and wakes the projections and reactors,
 * without waiting for them: queries wait for what this process appended before they read (see
 * ReadYourWritesReadModels), and the reply carries the log position of the events it wrote.
 */
@Injectable()
export class CommandExecutor {
  private readonly cache = new StreamStateCache(Number(process.env.HEMOTRACE_STREAM_CACHE_SIZE ?? 10_000));

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
    context: CommandContext,
  ): Promise<CommandOutcome<State>> {
    const outcome = await handleCommand(
      this.store,
      decider,
      streamId,
      command,
      {
        actor: context.actor,
        correlationId: context.correlationId,
        causationId: context.causationId,
        commandId: context.commandId,
        occurredAt: context.now,
      },
      { cache: this.cache },
    );
    const last = outcome.events.at(-1);
    if (last) noteWrittenLogPosition(last.globalPosition);
    if (last && !outcome.duplicate) this.runner.poke(last.globalPosition);
    return outcome;
  }

  /** The current state of a stream, folded; `exists` is false for a stream with no events. */
  async load<Event extends DomainEvent, State>(
    decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
    streamId: string,
    options?: ReadStreamOptions,
  ): Promise<{ state: State; version: number; exists: boolean }> {
    const events = await this.store.readStream(streamId, options);
    return { state: foldStream(decider, events), version: events.length, exists: events.length > 0 };
  }
}
