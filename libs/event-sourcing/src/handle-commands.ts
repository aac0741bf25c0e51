import type { Decider, DomainEvent } from './decider';
import type { RecordedEvent } from './envelope';
import type { AppendMetadata, AppendRequest, EventStore } from './event-store.port';
import type { CommandOutcome } from './handle-command';
import { commandType, duplicateOutcome, foldStream } from './handle-command';
import { inSpan } from './tracing';

/**
 * What to ask a stream: a command, or a function of the events the earlier streams of the fact
 * decided (or recorded, on a retry) that returns the command, or null to leave the stream alone.
 */
export type CommandFor<Command> = Command | ((earlier: readonly DomainEvent[]) => Command | null);

/** One command for one stream, decided by that stream's own decider. */
export interface StreamCommand<Command = unknown, Event extends DomainEvent = DomainEvent, State = unknown> {
  decider: Decider<Command, Event, State>;
  streamId: string;
  command: CommandFor<Command>;
}

/** Type-checks a command against its decider while building a list of them. */
export const onStream = <Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
  streamId: string,
  command: CommandFor<Command>,
): StreamCommand => ({ decider, streamId, command }) as unknown as StreamCommand;

/**
 * One fact, several streams: each command is decided on its own stream as stored, and everything
 * decided is appended in one atomic multi-stream append with each stream's expected version. A
 * refusal on any stream writes nothing anywhere; a concurrent writer on any stream makes the whole
 * append fail with ConcurrencyError. A stream that already holds this commandId is a duplicate (its
 * first events and state come back), and the other streams are completed in the same append.
 */
export const handleCommands = (
  store: EventStore,
  commands: readonly StreamCommand[],
  metadata: AppendMetadata,
): Promise<CommandOutcome<unknown>[]> => {
  const types = [
    ...new Set(commands.map((c) => (typeof c.command === 'function' ? 'derived' : commandType(c.command)))),
  ];
  return inSpan(
    `command ${types.join(' + ')}`,
    {
      attributes: {
        'hemotrace.command.type': types.join(','),
        'hemotrace.stream.id': commands.map((c) => c.streamId).join(','),
      },
    },
    async (span) => {
      const outcomes = await decideAndAppendMany(store, commands, metadata).catch((error: unknown) => {
        span.setAttribute('hemotrace.command.outcome', 'rejected');
        throw error;
      });
      const appended = outcomes.some((o) => !o.duplicate && o.events.length > 0);
      const duplicate = outcomes.some((o) => o.duplicate);
      span.setAttribute(
        'hemotrace.command.outcome',
        appended ? 'appended' : duplicate ? 'duplicate' : 'unchanged',
      );
      return outcomes;
    },
  );
};

const decideAndAppendMany = async (
  store: EventStore,
  commands: readonly StreamCommand[],
  metadata: AppendMetadata,
): Promise<CommandOutcome<unknown>[]> => {
  const histories = await Promise.all(commands.map((c) => store.readStream(c.streamId)));
  const outcomes: CommandOutcome<unknown>[] = [];
  const requests: { index: number; request: AppendRequest; state: unknown }[] = [];
  const decidedSoFar: DomainEvent[] = [];
  commands.forEach(({ decider, streamId, command }, index) => {
    const history = histories[index];
    const state = foldStream(decider, history);
    const version = history.at(-1)?.streamVersion ?? 0;
    const earlier = metadata.commandId ? history.filter((e) => e.commandId === metadata.commandId) : [];
    if (earlier.length > 0) {
      decidedSoFar.push(...earlier.map((e) => ({ type: e.type, data: e.data })));
      outcomes.push({ streamId, events: earlier, state, version, duplicate: true });
      return;
    }
    const asked =
      typeof command === 'function' ? (command as (e: DomainEvent[]) => unknown)(decidedSoFar) : command;
    if (asked === null) {
      outcomes.push({ streamId, events: [], state, version, duplicate: false });
      return;
    }
    const decided = decider.decide(asked, state);
    decidedSoFar.push(...decided);
    const evolved = decided.reduce((s, e) => decider.evolve(s, e), state);
    outcomes.push({ streamId, events: [], state: evolved, version, duplicate: false });
    if (decided.length === 0) return;
    requests.push({
      index,
      state: evolved,
      request: {
        streamId,
        events: decided.map((e) => ({ type: e.type, data: e.data })),
        expectedVersion: version === 0 ? 'no_stream' : version,
        metadata,
      },
    });
  });
  if (requests.length === 0) return outcomes;
  const results = await store.appendMany(requests.map((r) => r.request));
  for (const [i, { index, state }] of requests.entries()) {
    const result = results[i];
    outcomes[index] = result.duplicate
      ? await duplicateOutcome(store, commands[index].decider, result.streamId, metadata.commandId!)
      : {
          streamId: result.streamId,
          events: result.events,
          state,
          version: result.version,
          duplicate: false,
        };
  }
  return outcomes;
};

/** The events of several outcomes in stream order: what one multi-stream fact recorded. */
export const recordedEventsOf = (outcomes: readonly CommandOutcome<unknown>[]): RecordedEvent[] =>
  outcomes.flatMap((o) => o.events);
