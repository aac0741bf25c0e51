import { Inject, Injectable } from '@nestjs/common';
import type { CommandContext } from '@hemotrace/auth';
import type {
  CommandOutcome,
  Decider,
  DomainEvent,
  EventStore,
  ReadStreamOptions,
  RecordedEvent,
  StreamCommand,
} from '@hemotrace/event-sourcing';
import {
  EVENT_STORE,
  foldStream,
  handleCommand,
  handleCommands,
  ProjectionRunner,
  StreamStateCache,
} from '@hemotrace/event-sourcing';
import { noteWrittenLogPosition } from './http/log-position';
import type { Logger } from './logger';
import { LOGGER } from './logger';

/**
 * The events are the decider's own (upcast on read when a retry finds the first run's), so their
 * data keeps the decider's event types: a handler that answers with it has a typed reply, which
 * the OpenAPI document's response schemas are generated from.
 */
export type DecidedOutcome<State, Event extends DomainEvent> = Omit<CommandOutcome<State>, 'events'> & {
  events: Array<RecordedEvent<Event['type'], Event['data']>>;
};

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
  ): Promise<DecidedOutcome<State, Event>> {
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
    return outcome as DecidedOutcome<State, Event>;
  }

  /** One fact on several streams, appended atomically (handleCommands); like execute, the reply waits for no projection. */
  async executeMany(
    commands: readonly StreamCommand[],
    context: CommandContext,
  ): Promise<CommandOutcome<unknown>[]> {
    for (const { decider, streamId } of commands) this.cache.delete(decider, streamId);
    const outcomes = await handleCommands(this.store, commands, {
      actor: context.actor,
      correlationId: context.correlationId,
      causationId: context.causationId,
      commandId: context.commandId,
      occurredAt: context.now,
    });
    const last = outcomes
      .flatMap((o) => o.events)
      .reduce<number | undefined>(
        (max, e) => (max === undefined || e.globalPosition > max ? e.globalPosition : max),
        undefined,
      );
    if (last !== undefined) noteWrittenLogPosition(last);
    if (last !== undefined && outcomes.some((o) => o.events.length > 0 && !o.duplicate))
      this.runner.poke(last);
    return outcomes;
  }

  /** The current state of a stream, folded; `exists` is false for a stream with no events. */
  async load<Event extends DomainEvent, State>(
    decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
    streamId: string,
    options?: ReadStreamOptions,
  ): Promise<{ state: State; version: number; exists: boolean; commandIds: ReadonlySet<string> }> {
    const events = await this.store.readStream(streamId, options);
    return {
      state: foldStream(decider, events),
      version: events.length,
      exists: events.length > 0,
      commandIds: new Set(events.flatMap((e) => (e.commandId ? [e.commandId] : []))),
    };
  }
}
